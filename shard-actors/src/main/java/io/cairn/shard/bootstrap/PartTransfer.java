package io.cairn.shard.bootstrap;

import io.cairn.shard.manifest.PartRef;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.agrona.collections.Long2LongHashMap;

/**
 * Bookkeeping of one part file being pulled in chunks: which offsets were requested, how many
 * chunks are in flight (requested and not yet written), what is written, and how often each
 * chunk was fetched again. Chunks complete out of order; each is written at its own offset.
 *
 * <p>Confined to the {@link BootstrapRunner}'s actor thread; the channel itself is written from
 * IO threads (positional writes, safe concurrently).
 */
final class PartTransfer {
    final PartRef part;
    final long size;
    final int crc32c;
    final Path copy;
    final FileChannel channel;
    private final int chunkBytes;
    private final Long2LongHashMap retries = new Long2LongHashMap(0);
    private long nextOffset;
    private long written;
    private int inFlight;

    PartTransfer(PartRef part, CopySource.PartDescription description, Path copy,
            FileChannel channel, int chunkBytes) {
        this.part = part;
        this.size = description.sizeBytes();
        this.crc32c = description.crc32c();
        this.copy = copy;
        this.channel = channel;
        this.chunkBytes = chunkBytes;
    }

    boolean canRequest(int window) {
        return inFlight < window && nextOffset < size;
    }

    /** Takes the next chunk to request; returns its offset. */
    long takeNext() {
        long offset = nextOffset;
        nextOffset += lengthAt(offset);
        inFlight++;
        return offset;
    }

    /** The length of the chunk at {@code offset}. */
    int lengthAt(long offset) {
        return (int) Math.min(chunkBytes, size - offset);
    }

    /** Counts one more fetch of the chunk at {@code offset}; returns the count so far. */
    long retried(long offset) {
        long n = retries.get(offset) + 1;
        retries.put(offset, n);
        return n;
    }

    void chunkWritten(int length) {
        written += length;
        inFlight--;
    }

    long written() {
        return written;
    }

    boolean complete() {
        return written == size && inFlight == 0;
    }
}
