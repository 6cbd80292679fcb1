package io.cairn.it.querybench;

/**
 * When two sample values count as equal: both NaN (any NaN bits: the API cannot tell them apart),
 * identical (infinities included), or finite and within {@code relative} of the larger magnitude
 * or within {@code absolute}, whichever is looser. The absolute margin exists for values that
 * should be zero but come out as rounding noise (a variance of equal numbers); keep it 0 unless a
 * query needs it.
 */
public record Tolerance(double relative, double absolute) {
    /** Relative 1e-6, no absolute margin: the bar for Cairn against Prometheus. */
    public static final Tolerance DEFAULT = new Tolerance(1e-6, 0);

    public Tolerance {
        if (!(relative >= 0) || !(absolute >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0, got relative " + relative
                    + ", absolute " + absolute);
        }
    }

    public boolean equal(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return false;
        }
        double diff = Math.abs(expected - actual);
        return diff <= absolute || diff <= relative * Math.max(Math.abs(expected), Math.abs(actual));
    }

    /**
     * |expected - actual| relative to the larger magnitude: 0 when {@link #equal} by identity or
     * both NaN, +Inf when only one is NaN or infinite.
     */
    public static double relativeDifference(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (expected == actual) {
            return 0;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(expected - actual) / Math.max(Math.abs(expected), Math.abs(actual));
    }
}
