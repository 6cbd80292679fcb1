package io.cairn.storage.merge;

/**
 * Deduplication as {@code -dedup.minScrapeInterval} defines it: time is cut into intervals
 * {@code (k * interval, (k + 1) * interval]} (so a sample exactly on a boundary closes the
 * interval that ends there), and of each series only the sample with the biggest timestamp
 * in each interval is kept. Of several samples sharing that biggest timestamp the one with
 * the biggest value is kept ({@link Double#compare} order, so NaN - including the staleness
 * marker - beats every number). HA Prometheus pairs that scrape the same targets thereby
 * collapse to one sample per scrape interval.
 *
 * <p>Used by merges (on the fly, via {@link #bucket}) and by queries (via {@link #dedup}).
 * Stateless and thread-safe; allocates nothing.
 */
public final class Deduplicator {
    private Deduplicator() {}

    /**
     * Deduplicates one series in place.
     *
     * @param ts         timestamps, non-decreasing in {@code [0, count)}
     * @param v          values
     * @param intervalMs interval length; {@code <= 0} disables deduplication
     * @return the new count; the kept samples are moved to the front, in order
     */
    public static int dedup(long[] ts, double[] v, int count, long intervalMs) {
        if (count < 0 || count > ts.length || count > v.length) {
            throw new IllegalArgumentException("count " + count + " outside columns of " + ts.length + "/" + v.length);
        }
        if (intervalMs <= 0 || count < 2) {
            return count;
        }
        int out = 0;
        int i = 0;
        while (i < count) {
            long bucket = bucket(ts[i], intervalMs);
            int best = i;
            int k = i + 1;
            while (k < count && bucket(ts[k], intervalMs) == bucket) {
                if (ts[k] != ts[best] || Double.compare(v[k], v[best]) > 0) {
                    best = k; // later timestamp, or same timestamp and bigger value
                }
                k++;
            }
            if (best != out) {
                ts[out] = ts[best];
                v[out] = v[best];
            }
            out++;
            i = k;
        }
        return out;
    }

    /**
     * Index of the interval {@code (k * intervalMs, (k + 1) * intervalMs]} that holds {@code t},
     * i.e. {@code floor((t - 1) / intervalMs)}, computed without overflow for every t.
     */
    public static long bucket(long t, long intervalMs) {
        long q = Math.floorDiv(t, intervalMs);
        return Math.floorMod(t, intervalMs) == 0 ? q - 1 : q;
    }
}
