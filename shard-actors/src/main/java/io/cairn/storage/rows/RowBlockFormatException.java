package io.cairn.storage.rows;

/**
 * A row block that does not follow {@code docs/format/rowblock.md}. The message names the
 * offset, relative to the start of the block, where decoding failed.
 */
public final class RowBlockFormatException extends IllegalArgumentException {
    private final int blockOffset;

    public RowBlockFormatException(int blockOffset, String problem) {
        super("malformed row block at offset " + blockOffset + ": " + problem);
        this.blockOffset = blockOffset;
    }

    /** Offset of the offending byte from the start of the block. */
    public int blockOffset() {
        return blockOffset;
    }
}
