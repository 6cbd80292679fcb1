package io.cairn.it.querybench;

import java.util.Arrays;

/**
 * Latencies of repeated runs of one query on one server, in nanoseconds. Percentiles use the
 * nearest-rank method on the sorted runs (p50 of 10 runs is the 5th fastest), so with few runs
 * they are actual observed latencies, not interpolations. Not thread safe.
 */
final class LatencyStats {
    private long[] nanos = new long[16];
    private int count;

    void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 < p <= 100) in milliseconds; NaN without runs. */
    double percentileMs(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }

    double medianMs() {
        return percentileMs(50);
    }

    double p90Ms() {
        return percentileMs(90);
    }
}
