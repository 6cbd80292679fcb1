package io.cairn.http.format;

import java.util.SplittableRandom;

/**
 * Random inputs for the encoder equivalence tests, weighted toward the cases that break number
 * and string writers: every magnitude, subnormals, signed zeros, integers, the neighbours of
 * the 1e-6 / 1e21 form switches and of powers of ten, non-finite values; timestamps of every
 * sign and length with and without trailing zeros in the milliseconds; strings with escapes,
 * multi-byte characters, surrogate pairs and unpaired surrogates.
 */
public final class RandomValues {
    private static final double[] SWITCH_POINTS = {1e-6, 1e21, 1e-5, 1e-4, 1e20, 1e22, 1, 10};
    private static final String[] PIECES = {
        "a", "job", "host-000001:9100", "\"", "\\", "\n", "\r", "\t", "\u0000", "\u001f", "<",
        ">", "&", "é", "ü", "\u2028", "\u2029", "\u07ff", "\u0800", "\uffff", "\ufffd", "😀",
        "\ud800", "\udc00", "\udbff\udfff", " ", "/", "\u007f", "\u0080",
    };

    private RandomValues() {}

    public static double nextDouble(SplittableRandom r) {
        switch (r.nextInt(12)) {
            case 0:
                return Double.longBitsToDouble(r.nextLong());
            case 1:
                return Double.longBitsToDouble(r.nextLong(1, 1L << 52)) * sign(r);
            case 2: {
                double p = SWITCH_POINTS[r.nextInt(SWITCH_POINTS.length)];
                int ulps = r.nextInt(-3, 4);
                double v = p;
                for (int i = 0; i < Math.abs(ulps); i++) {
                    v = ulps > 0 ? Math.nextUp(v) : Math.nextDown(v);
                }
                return v * sign(r);
            }
            case 3:
                return new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE,
                        Double.MIN_NORMAL}[r.nextInt(8)];
            case 4:
                return (double) (r.nextLong() >> r.nextInt(64));
            case 5:
                return r.nextInt(50, 401) / 100.0;
            case 6:
                return r.nextLong(1, 1L << 40) / 15.0 / Math.pow(10, r.nextInt(0, 10));
            default:
                return r.nextDouble() * Math.pow(10, r.nextInt(-30, 30)) * sign(r);
        }
    }

    public static long nextTimestamp(SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0:
                return r.nextLong();
            case 1:
                return new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, 999, -999, 1000,
                        -1000, Long.MIN_VALUE + 1}[r.nextInt(10)];
            case 2:
                return r.nextLong(-10_000_000, 10_000_000);
            default:
                long ms = 1_700_000_000_000L + r.nextLong(1L << 36);
                // Whole seconds, and milliseconds with one and two trailing zeros.
                int round = new int[] {1, 10, 100, 1000}[r.nextInt(4)];
                return ms / round * round;
        }
    }

    /** A label name or value: mostly plain ASCII, sometimes every kind of special char. */
    public static String nextText(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(0, 8);
        boolean plain = r.nextInt(3) > 0;
        for (int i = 0; i < n; i++) {
            sb.append(plain ? PIECES[r.nextInt(3)] : PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static double sign(SplittableRandom r) {
        return r.nextBoolean() ? 1 : -1;
    }
}
