package io.cairn.shard.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Journal or snapshot bytes on disk that cannot be what this plugin wrote: a bad checksum or
 * header, or records out of order, somewhere other than a torn tail. Names the file and byte
 * offset so that an operator can inspect it. The plugin keeps running; only the persistence id
 * whose files are corrupt fails to recover.
 */
public final class CorruptJournalException extends IOException {

    private final transient Path file;
    private final long offset;

    public CorruptJournalException(Path file, long offset, String what) {
        super("corrupt " + file + " at offset " + offset + ": " + what);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
