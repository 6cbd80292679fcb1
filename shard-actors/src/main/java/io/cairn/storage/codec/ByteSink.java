package io.cairn.storage.codec;

import java.util.Arrays;

/**
 * A growable, reusable byte array written front to back: the output side of the block codec.
 * Multi-byte fixed-width integers are little-endian; variable-length integers are unsigned
 * LEB128 (7 bits per byte, low group first, high bit set on every byte but the last).
 *
 * <p>Not thread-safe; owned by one encoder.
 */
final class ByteSink {
    private byte[] buf;
    private int pos;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void reset() {
        pos = 0;
    }

    int length() {
        return pos;
    }

    /** The live backing array, valid in {@code [0, length())}. */
    byte[] array() {
        return buf;
    }

    void ensureRemaining(int n) {
        int needed = pos + n;
        if (needed < 0) {
            throw new IllegalStateException("BUG: ByteSink overflow");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    /** Moves the write position; used after something else filled the array directly. */
    void setLength(int newLength) {
        if (newLength < 0 || newLength > buf.length) {
            throw new IllegalStateException("BUG: length " + newLength + " outside capacity " + buf.length);
        }
        pos = newLength;
    }

    void writeByte(int b) {
        ensureRemaining(1);
        buf[pos++] = (byte) b;
    }

    void writeLongLE(long v) {
        ensureRemaining(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    void writeBytes(byte[] src, int off, int len) {
        ensureRemaining(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    /** Unsigned LEB128 of all 64 bits of {@code v} (1..10 bytes). */
    void writeVarLong(long v) {
        ensureRemaining(VarInts.MAX_VARLONG_BYTES);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    /** Zigzag-maps {@code v} (small magnitudes of either sign become small) then LEB128. */
    void writeZigZag(long v) {
        writeVarLong(VarInts.zigzag(v));
    }
}
