package io.cairn.http.format;

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
     */
    static int write(byte[] dst, int pos, long d, int len) {
        int i = pos + len;
        while (i - pos >= 2) {
            long q = d / 100;
            int r = (int) (d - q * 100) << 1;
            dst[--i] = PAIRS[r + 1];
            dst[--i] = PAIRS[r];
            d = q;
        }
        if (i > pos) {
            dst[pos] = (byte) ('0' + d % 10);
        }
        return pos + len;
    }
}
