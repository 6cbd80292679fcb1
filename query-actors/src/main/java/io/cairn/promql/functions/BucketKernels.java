package io.cairn.promql.functions;

/**
 * Quantiles and fractions over classic histogram buckets ({@code le} upper bounds with
 * cumulative counts), as Prometheus computes them: buckets sorted by bound, equal bounds
 * merged, counts forced monotonic (tiny floating-point wobbles silently, real decreases
 * reported), linear interpolation inside the bucket.
 *
 * <p>Works in place on caller-owned arrays; not thread-safe.
 */
public final class BucketKernels {
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;

    /** Set by {@link #quantile} when counts had to be forced monotonic. */
    public boolean forcedMonotonic;

    /**
     * The q-quantile of {@code n} buckets; sorts and may rewrite both arrays.
     *
     * @return NaN when there is no +Inf bucket, fewer than two buckets or no observations
     */
    public double quantile(double q, double[] bounds, double[] counts, int n) {
        forcedMonotonic = false;
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sort(bounds, counts, n);
        if (n == 0 || bounds[n - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        n = coalesce(bounds, counts, n);
        ensureMonotonic(counts, n);
        if (n < 2) {
            return Double.NaN;
        }
        double observations = counts[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        // First bucket (excluding +Inf) whose count reaches the rank.
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (counts[mid] >= rank) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        b = lo;
        if (b == n - 1) {
            return bounds[n - 2];
        }
        if (b == 0 && bounds[0] <= 0) {
            return bounds[0];
        }
        double bucketStart = 0;
        double bucketEnd = bounds[b];
        double count = counts[b];
        if (b > 0) {
            bucketStart = bounds[b - 1];
            count -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /** The fraction of observations between lower and upper; sorts and may rewrite the arrays. */
    public double fraction(double lower, double upper, double[] bounds, double[] counts, int n) {
        sort(bounds, counts, n);
        if (n == 0 || bounds[n - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        n = coalesce(bounds, counts, n);
        double count = counts[n - 1];
        if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
            return Double.NaN;
        }
        if (lower >= upper) {
            return 0;
        }
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        for (int i = 0; i < n; i++) {
            double lowerBound = i > 0 ? bounds[i - 1] : Double.NEGATIVE_INFINITY;
            double upperBound = bounds[i];
            double c = counts[i];
            if (!lowerSet && lowerBound >= lower) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lowerBound >= upper) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            if (!lowerSet && lowerBound < lower && upperBound > lower) {
                lowerRank = interpolate(lower, rank, c, lowerBound, upperBound);
                lowerSet = true;
            }
            if (!upperSet && lowerBound < upper && upperBound > upper) {
                upperRank = interpolate(upper, rank, c, lowerBound, upperBound);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank = c;
        }
        if (!lowerSet || lowerRank > count) {
            lowerRank = count;
        }
        if (!upperSet || upperRank > count) {
            upperRank = count;
        }
        return (upperRank - lowerRank) / count;
    }

    /**
     * The cumulative count at v inside bucket (lowerBound, upperBound] whose cumulative counts
     * are rank below and count at the top. Infinite buckets are not interpolated: the lowest
     * bucket counts as starting at 0 when its upper bound is positive (and holds nothing below
     * 0), else all of it lies below v; the +Inf bucket holds nothing below v.
     */
    private static double interpolate(double v, double rank, double count, double lowerBound,
            double upperBound) {
        if (upperBound == Double.POSITIVE_INFINITY) {
            return rank;
        }
        if (lowerBound == Double.NEGATIVE_INFINITY) {
            if (upperBound <= 0) {
                return count;
            }
            if (v <= 0) {
                return rank;
            }
            lowerBound = 0;
        }
        return rank + (count - rank) * (v - lowerBound) / (upperBound - lowerBound);
    }

    /** Insertion sort by bound (bucket lists are short). */
    private static void sort(double[] bounds, double[] counts, int n) {
        for (int i = 1; i < n; i++) {
            double b = bounds[i];
            double c = counts[i];
            int j = i - 1;
            while (j >= 0 && bounds[j] > b) {
                bounds[j + 1] = bounds[j];
                counts[j + 1] = counts[j];
                j--;
            }
            bounds[j + 1] = b;
            counts[j + 1] = c;
        }
    }

    private static int coalesce(double[] bounds, double[] counts, int n) {
        int w = 0;
        for (int r = 1; r < n; r++) {
            if (bounds[r] == bounds[w]) {
                counts[w] += counts[r];
            } else {
                w++;
                bounds[w] = bounds[r];
                counts[w] = counts[r];
            }
        }
        return w + 1;
    }

    private void ensureMonotonic(double[] counts, int n) {
        double prev = counts[0];
        for (int i = 1; i < n; i++) {
            double curr = counts[i];
            if (curr == prev) {
                continue;
            }
            if (AlmostEqual.equal(prev, curr, SMALL_DELTA_TOLERANCE)) {
                counts[i] = prev;
                continue;
            }
            if (curr < prev) {
                counts[i] = prev;
                forcedMonotonic = true;
                continue;
            }
            prev = curr;
        }
    }
}
