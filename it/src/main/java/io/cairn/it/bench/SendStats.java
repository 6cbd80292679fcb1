package io.cairn.it.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcome of sending all requests: counts, failures by HTTP status (0 = I/O error) and request
 * latency percentiles (of the successful attempt, in ms).
 */
record SendStats(long requestsOk, long samplesOk, long requestsFailed, long samplesFailed, long retries,
                 Map<Integer, Long> failuresByStatus, String firstFailure, double wallSeconds,
                 double latencyP50Ms, double latencyP99Ms, double latencyMaxMs) {

    static double percentile(long[] nanos, double q) {
        if (nanos.length == 0) {
            return 0;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[idx] / 1e6;
    }

    static Map<Integer, Long> sortedCopy(Map<Integer, Long> m) {
        return new TreeMap<>(m);
    }
}
