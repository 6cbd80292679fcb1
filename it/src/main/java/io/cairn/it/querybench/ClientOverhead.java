package io.cairn.it.querybench;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the JDK client adds per request over the lean one, measured on one server: each request
 * is sent through both clients back to back, {@code pairs} times (who goes first alternating), and
 * the per-pair differences (jdk minus lean) are kept. Pairing cancels slow drifts of the server and
 * the machine, which dwarf a few milliseconds between two separate benchmark runs. Not thread safe.
 */
final class ClientOverhead {
    /** Latencies of one request through both clients and the paired differences, in nanoseconds. */
    record Sample(LatencyStats lean, LatencyStats jdk, long[] differences) {
        /** Median of the paired differences (jdk minus lean) in milliseconds. */
        double medianDifferenceMs() {
            long[] sorted = differences.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e6;
        }
    }

    private ClientOverhead() {}

    static Sample measure(String pathAndQuery, TimedClient lean, TimedClient jdk, int pairs) {
        if (pairs < 1) {
            throw new IllegalArgumentException("pairs must be at least 1, got " + pairs);
        }
        LatencyStats leanStats = new LatencyStats();
        LatencyStats jdkStats = new LatencyStats();
        long[] differences = new long[pairs];
        for (int i = 0; i < pairs; i++) {
            long l;
            long j;
            if (i % 2 == 0) {
                l = lean.timeGet(pathAndQuery);
                j = jdk.timeGet(pathAndQuery);
            } else {
                j = jdk.timeGet(pathAndQuery);
                l = lean.timeGet(pathAndQuery);
            }
            if (lean.lastStatus() != jdk.lastStatus()) {
                throw new IllegalStateException("the clients got different answers to " + pathAndQuery + ": HTTP "
                        + lean.lastStatus() + " (lean) and " + jdk.lastStatus() + " (jdk)");
            }
            leanStats.add(l);
            jdkStats.add(j);
            differences[i] = j - l;
        }
        return new Sample(leanStats, jdkStats, differences);
    }

    /** One Markdown table row: query, window, then per server lean p50, jdk p50, median difference. */
    static String row(String query, String window, Sample cairn, Sample vm) {
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", query, window,
                cairn.lean().medianMs(), cairn.jdk().medianMs(), cairn.medianDifferenceMs(),
                vm.lean().medianMs(), vm.jdk().medianMs(), vm.medianDifferenceMs());
    }

    static String header() {
        return "| query | window | Cairn lean p50 ms | Cairn jdk p50 ms | Cairn jdk-lean ms | VM lean p50 ms "
                + "| VM jdk p50 ms | VM jdk-lean ms |\n|---|---|---:|---:|---:|---:|---:|---:|\n";
    }
}
