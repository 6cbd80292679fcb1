package io.cairn.storage.codec;

/**
 * A bounds-checked reader over a byte array range: the input side of the block codec. Every
 * read past the range or malformed varint raises {@link CorruptBlockException}, so decoding
 * untrusted bytes can fail but never read outside the range.
 *
 * <p>Reusable via {@link #wrap}; not thread-safe.
 */
final class ByteSource {
    private byte[] buf;
    private int pos;
    private int limit;
    private int start;

    void wrap(byte[] array, int offset, int length) {
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IllegalArgumentException(
                    "range [" + offset + ", +" + length + ") outside array of " + array.length);
        }
        buf = array;
        pos = offset;
        start = offset;
        limit = offset + length;
    }

    /** Bytes consumed since {@link #wrap}. */
    int consumed() {
        return pos - start;
    }

    int remaining() {
        return limit - pos;
    }

    int position() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    void skip(int n) {
        require(n);
        pos += n;
    }

    int readUnsignedByte() {
        require(1);
        return buf[pos++] & 0xFF;
    }

    long readLongLE() {
        require(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (buf[pos++] & 0xFFL) << (8 * i);
        }
        return v;
    }

    long readVarLong() {
        // Fast path, small enough to inline into the decode loops: most tokens are one byte
        // (jittered timestamps' delta-of-deltas, small mantissa deltas).
        if (pos < limit) {
            int b = buf[pos];
            if (b >= 0) {
                pos++;
                return b;
            }
        }
        return readVarLongSlow();
    }

    private long readVarLongSlow() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new CorruptBlockException("varint runs past the end at byte " + consumed());
            }
            int b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                if (shift == 63 && (b & 0x7E) != 0) {
                    throw new CorruptBlockException("varint overflows 64 bits at byte " + consumed());
                }
                return result;
            }
        }
        throw new CorruptBlockException("varint longer than 10 bytes at byte " + consumed());
    }

    long readZigZag() {
        return VarInts.unzigzag(readVarLong());
    }

    /** Reads a varint that must lie in {@code [0, max]}. */
    int readVarIntBounded(int max, String what) {
        long v = readVarLong();
        if (v < 0 || v > max) {
            throw new CorruptBlockException(what + " " + Long.toUnsignedString(v) + " not in [0, " + max + "]");
        }
        return (int) v;
    }

    private void require(int n) {
        if (n > limit - pos) {
            throw new CorruptBlockException(
                    "need " + n + " bytes at byte " + consumed() + " but only " + (limit - pos) + " remain");
        }
    }
}
