package io.cairn.storage.engine;

import io.cairn.shard.manifest.PartRef;
import io.cairn.storage.part.PartReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open part of a store: its manifest entry and its memory-mapped reader. Every
 * {@link StoreView} that lists the part holds a reference; when the last view that lists it is
 * gone the reader is unmapped, and if the part was retired (merged away or dropped by
 * retention) its file is deleted then, never under a running query.
 */
final class PartHandle {
    private static final Logger log = LoggerFactory.getLogger(PartHandle.class);

    final PartRef ref;
    final PartReader reader;
    final Path file;
    private final RefCount refs;
    private volatile boolean deleteOnClose;

    PartHandle(PartRef ref, PartReader reader, Path file) {
        this.ref = ref;
        this.reader = reader;
        this.file = file;
        this.refs = new RefCount(this::closeNow);
    }

    void retain() {
        refs.retain();
    }

    void release() {
        refs.release();
    }

    /** The file goes away once no view references the part any more. */
    void retire() {
        deleteOnClose = true;
    }

    private void closeNow() {
        reader.close();
        if (deleteOnClose) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("cannot delete retired part {}: {}", file, e.toString());
            }
        }
    }
}
