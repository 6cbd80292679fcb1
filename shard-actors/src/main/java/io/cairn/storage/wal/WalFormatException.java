package io.cairn.storage.wal;

import java.io.IOException;
import java.nio.file.Path;

/** WAL bytes this build cannot accept, naming the file and the offset in it. */
public final class WalFormatException extends IOException {
    private final transient Path file;
    private final long offset;

    public WalFormatException(Path file, long offset, String problem) {
        super(file + " at offset " + offset + ": " + problem);
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
