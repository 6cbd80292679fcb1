package io.cairn.storage.rows;

import org.agrona.MutableDirectBuffer;

/**
 * Unsigned LEB128 varints and zigzag coding, written into Agrona buffers. Decoding lives in
 * {@link RowBlockReader}, which validates while it reads.
 */
final class Varints {
    /** Longest encoding of a 32-bit value. */
    static final int MAX_INT_LENGTH = 5;
    /** Longest encoding of a 64-bit value. */
    static final int MAX_LONG_LENGTH = 10;

    private Varints() {
    }

    /** Bytes needed for {@code v} taken as unsigned. */
    static int sizeOf(int v) {
        return sizeOf(v & 0xFFFF_FFFFL);
    }

    /** Bytes needed for {@code v} taken as unsigned. */
    static int sizeOf(long v) {
        // 1 + floor((63 - leadingZeros) / 7) for v != 0; the |1 makes v == 0 count as one bit.
        return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
    }

    /** Writes {@code v} as unsigned and returns the index just past it. */
    static int put(MutableDirectBuffer buffer, int index, int v) {
        return put(buffer, index, v & 0xFFFF_FFFFL);
    }

    /** Writes {@code v} as unsigned and returns the index just past it. */
    static int put(MutableDirectBuffer buffer, int index, long v) {
        while ((v & ~0x7FL) != 0) {
            buffer.putByte(index++, (byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        buffer.putByte(index++, (byte) v);
        return index;
    }

    /** Writes {@code v} as unsigned into an array with room for it; returns the index past it. */
    static int put(byte[] b, int index, long v) {
        while ((v & ~0x7FL) != 0) {
            b[index++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[index++] = (byte) v;
        return index;
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
