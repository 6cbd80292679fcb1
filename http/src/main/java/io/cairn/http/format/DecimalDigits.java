package io.cairn.http.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decimal digits of non-negative longs written straight into a byte array as ASCII: the one
 * digit writer under {@link JsonBytes#appendLong} and {@link ShortestDecimal}, so that no number
 * goes through a {@code String} or a {@code StringBuilder} on the way to the response body.
 *
 * <p>Callers reserve room first; every method here writes exactly the bytes it documents and
 * returns the position after them. Stateless and thread-safe.
 */
final class DecimalDigits {
    /** 10^i for i in [0, 18]. */
    static final long[] POW10 = new long[19];
    private static final VarHandle LONG_LITTLE_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** ASCII "00", "01", ..., "99": two digits per division, half the divisions of one. */
    private static final byte[] PAIRS = new byte[200];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private DecimalDigits() {}

    /**
     * Number of decimal digits of {@code d >= 0} (1 for 0), without a loop:
     * {@code bits * 1233 >>> 12} is floor(bits * log10(2)), the digit count or one less.
     */
    static int count(long d) {
        int bits = 64 - Long.numberOfLeadingZeros(d);
        int t = (bits * 1233) >>> 12;
        return Math.max(1, t + (t < POW10.length && d >= POW10[t] ? 1 : 0));
    }

    /**
     * Writes the {@code len} lowest decimal digits of {@code d >= 0} to
     * {@code dst[pos, pos + len)}, with leading zeros where {@code d} has fewer digits, and
     * returns {@code pos + len}. Callers pass {@code len >= count(d)}; higher digits would be
     * dropped silently.
     *
     * <p>Eight digits at a time: one long division by 10^8, the eight digits computed side by
     * side in one long ({@link #eightAscii}) and stored with one 8-byte write. A 17-digit value
     * is two such groups and one digit.
     */
    static int write(byte[] dst, int pos, long d, int len) {
        int i = pos + len;
        while (i - pos >= 8) {
            long q = d / 100_000_000L;
            i -= 8;
            LONG_LITTLE_ENDIAN.set(dst, i, eightAscii((int) (d - q * 100_000_000L)));
            d = q;
        }
        // Fewer than eight digits remain; the modulo keeps the drop-the-rest contract in int.
        int rest = (int) (d % 100_000_000L);
        while (i - pos >= 2) {
            int q = rest / 100;
            int r = (rest - q * 100) << 1;
            dst[--i] = PAIRS[r + 1];
            dst[--i] = PAIRS[r];
            rest = q;
        }
        if (i > pos) {
            dst[pos] = (byte) ('0' + rest % 10);
        }
        return pos + len;
    }

    /**
     * The eight ASCII digits of {@code v} in [0, 10^8), leading zeros included, as the bytes of
     * a little-endian long (first digit in the lowest byte). SIMD within a register: the value
     * is split into two four-digit lanes of 32 bits, each lane into two-digit lanes of 16 bits,
     * each of those into digits of 8 bits, every split a multiply-and-shift by a reciprocal
     * ({@code x * 10486 >>> 20} is {@code x / 100} for x < 10^4, {@code x * 103 >>> 10} is
     * {@code x / 10} for x < 100) done for all lanes at once. No lane's product reaches into
     * its neighbour's bits that the mask keeps. Replaces eight table loads and byte stores.
     */
    static long eightAscii(int v) {
        int high = v / 10_000;
        long fours = high | ((long) (v - high * 10_000) << 32);
        long hundreds = ((fours * 10486) >>> 20) & 0x0000_007F_0000_007FL;
        long twos = hundreds | ((fours - hundreds * 100) << 16);
        long tens = ((twos * 103) >>> 10) & 0x000F_000F_000F_000FL;
        return tens | ((twos - tens * 10) << 8) | 0x3030_3030_3030_3030L;
    }
}
