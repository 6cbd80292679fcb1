package io.cairn.storage.codec;

/** Zigzag mapping and LEB128 sizing shared by the codec classes. */
final class VarInts {
    /** A 64-bit value needs at most ceil(64 / 7) = 10 LEB128 bytes. */
    static final int MAX_VARLONG_BYTES = 10;

    private VarInts() {}

    /** Maps 0, -1, 1, -2, ... to 0, 1, 2, 3, ...; a bijection on all 64-bit values. */
    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }

    /** Number of LEB128 bytes {@link ByteSink#writeVarLong(long)} emits for {@code v}. */
    static int varLongSize(long v) {
        int bits = 64 - Long.numberOfLeadingZeros(v | 1);
        return (bits + 6) / 7;
    }
}
