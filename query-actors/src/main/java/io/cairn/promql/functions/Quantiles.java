package io.cairn.promql.functions;

import java.util.Arrays;

/** PromQL's quantile over a set of floats (linear interpolation between closest ranks). */
public final class Quantiles {
    private Quantiles() {}

    /**
     * The q-quantile of {@code values[0..n)}, which is sorted in place. NaN values sort first
     * (as Prometheus orders them); q &lt; 0 gives -Inf, q &gt; 1 gives +Inf, NaN q gives NaN.
     */
    public static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNaNFirst(values, n);
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
    }

    /** Sorts ascending with NaNs moved to the front. */
    public static void sortNaNFirst(double[] values, int n) {
        Arrays.sort(values, 0, n);
        int nan = 0;
        for (int k = n - 1; k >= 0 && Double.isNaN(values[k]); k--) {
            nan++;
        }
        if (nan > 0 && nan < n) {
            System.arraycopy(values, 0, values, nan, n - nan);
            Arrays.fill(values, 0, nan, Double.NaN);
        }
    }
}
