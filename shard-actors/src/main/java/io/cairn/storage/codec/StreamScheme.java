package io.cairn.storage.codec;

/**
 * The schemes of an integer stream (the timestamp delta-of-deltas, the DECIMAL mantissa
 * stream) and the encoder's policy for choosing among them. The scheme is recorded in the
 * section that holds the stream (docs/format/block.md); the stream itself has no header.
 *
 * <ul>
 *   <li>{@link #MARKER} and {@link #TAGGED}: varint tokens with zero runs ({@link ZeroRunWriter});
 *       dense for long zero runs and for values that fit 7 bits.</li>
 *   <li>{@link #PACKED}: frames of bit-packed values ({@link PackedWriter}); dense for small
 *       values of any sign and several times cheaper to decode.</li>
 * </ul>
 */
final class StreamScheme {
    static final int MARKER = ZeroRunWriter.SCHEME_MARKER;
    static final int TAGGED = ZeroRunWriter.SCHEME_TAGGED;
    static final int PACKED = 2;

    private StreamScheme() {}

    /**
     * The encoder's choice between the smallest varint scheme and PACKED: PACKED unless the
     * varint stream is clearly smaller. Decoding a PACKED stream is several times cheaper than a
     * varint one (docs/format/block.md, "Why PACKED"), which is worth up to 1/8 more bytes;
     * streams shorter than one frame decode in a few nanoseconds either way, so they go to the
     * smaller scheme and keep the varint scheme on a tie (which leaves tiny blocks, and the
     * golden blocks pinned before PACKED existed, as they were).
     *
     * @param values       number of values in the stream
     * @param varintBytes  size of the smaller varint scheme
     * @param packedBytes  size of the PACKED stream
     */
    static boolean preferPacked(int values, long varintBytes, long packedBytes) {
        if (packedBytes < varintBytes) {
            return true;
        }
        return values >= PackedWriter.FRAME_VALUES && packedBytes <= varintBytes + varintBytes / 8;
    }

    static String name(int scheme) {
        switch (scheme) {
            case MARKER: return "MARKER";
            case TAGGED: return "TAGGED";
            case PACKED: return "PACKED";
            default: return "UNKNOWN(" + scheme + ")";
        }
    }
}
