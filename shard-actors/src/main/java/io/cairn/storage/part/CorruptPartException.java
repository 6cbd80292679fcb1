package io.cairn.storage.part;

import java.nio.file.Path;

/**
 * A part file's bytes contradict its format: bad magic, version, checksum, or structure.
 * Names the file and the byte offset where the problem was detected. Unchecked because it
 * can surface from any read, deep inside query evaluation; the store reacts by quarantining
 * the part, not by retrying.
 */
public final class CorruptPartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CorruptPartException(Path file, long offset, String detail) {
        this(file, offset, detail, null);
    }

    public CorruptPartException(Path file, long offset, String detail, Throwable cause) {
        super("corrupt part " + file + " at offset " + offset + ": " + detail, cause);
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
