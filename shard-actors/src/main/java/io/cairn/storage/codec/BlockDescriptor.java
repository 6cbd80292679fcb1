package io.cairn.storage.codec;

/**
 * Byte layout of one block: up to {@value #MAX_SAMPLES} samples of one series, timestamps
 * ascending. The authoritative description is docs/format/block.md; blocks carry no version
 * of their own, the enclosing part file's format version covers them.
 *
 * <pre>
 *   0                   1
 *   +-------------------+------------------+--------------------------------------+
 *   | header u8         | count varint     | ZSTD only: bodyLength varint         |
 *   | hi 4 bits: compr. | 1..8192          |                                      |
 *   | lo 4 bits: values |                  |                                      |
 *   +-------------------+------------------+--------------------------------------+
 *   | body (raw) or one zstd frame of the body                                   ...|
 *   +-----------------------------------------------------------------------------+
 *
 *   body = timestamp section (TimestampCodec) ++ value section (by value encoding)
 * </pre>
 */
public final class BlockDescriptor {
    /** Most samples a block holds: bounds decode buffers and a block's byte size. */
    public static final int MAX_SAMPLES = 8192;

    /** Value encodings (low nibble of the header byte). */
    public static final int VALUES_CONST = 0;
    public static final int VALUES_DECIMAL = 1;
    public static final int VALUES_XOR = 2;

    /** Compression (high nibble of the header byte). */
    public static final int COMPRESSION_NONE = 0;
    public static final int COMPRESSION_ZSTD = 1;

    /**
     * Upper bound of an uncompressed body: a 10-byte varint per timestamp plus the worst value
     * section (XOR: 77 bits per value, or decimal with every value an exception).
     */
    public static final int MAX_BODY_BYTES = MAX_SAMPLES * (10 + 19) + 64;

    /**
     * Upper bound of a stored block: header, count and body length varints plus the body (a
     * compressed body is only kept when smaller than the raw one).
     */
    public static final int MAX_BLOCK_BYTES = 1 + 5 + 5 + MAX_BODY_BYTES;

    private BlockDescriptor() {}

    public static int header(int compression, int valueEncoding) {
        return (compression << 4) | valueEncoding;
    }

    public static int compression(int header) {
        return (header >>> 4) & 0x0F;
    }

    public static int valueEncoding(int header) {
        return header & 0x0F;
    }

    public static String valueEncodingName(int valueEncoding) {
        switch (valueEncoding) {
            case VALUES_CONST: return "CONST";
            case VALUES_DECIMAL: return "DECIMAL";
            case VALUES_XOR: return "XOR";
            default: return "UNKNOWN(" + valueEncoding + ")";
        }
    }
}
