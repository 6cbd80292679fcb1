package io.cairn.storage.codec;

/**
 * The bytes given to {@link BlockDecoder} are not a valid block. Carries no location: the
 * caller that knows the file and offset (the part reader) wraps it into an exception that
 * names both.
 */
public final class CorruptBlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptBlockException(String message) {
        super(message);
    }

    public CorruptBlockException(String message, Throwable cause) {
        super(message, cause);
    }
}
