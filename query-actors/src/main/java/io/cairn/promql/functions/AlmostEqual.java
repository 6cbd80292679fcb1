package io.cairn.promql.functions;

/**
 * Prometheus's {@code almost.Equal}: relative tolerance on the sum of magnitudes, NaN equal to
 * NaN, exact zero needing (almost) exact zero, staleness markers equal only to each other.
 */
public final class AlmostEqual {
    private static final double MIN_NORMAL = Double.MIN_NORMAL;
    private static final long STALE_BITS = 0x7ff0000000000002L;

    private AlmostEqual() {}

    public static boolean equal(double a, double b, double epsilon) {
        boolean staleA = Double.doubleToRawLongBits(a) == STALE_BITS;
        boolean staleB = Double.doubleToRawLongBits(b) == STALE_BITS;
        if (staleA || staleB) {
            return staleA && staleB;
        }
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
            return diff < epsilon * MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }
}
