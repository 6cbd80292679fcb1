package io.cairn.it.querybench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of each query goes inside Cairn: JFR execution samples taken while a measured
 * Cairn request of that query was in flight (the benchmark sends one request at a time), sorted
 * into phases by the innermost Cairn frame of their stack ({@link #phase}):
 *
 * <ul>
 *   <li>{@code fetch}: reading and decoding storage ({@code io.cairn.storage.*}), per shard,
 *       in parallel;
 *   <li>{@code json}: writing the answer ({@code io.cairn.http.api.QueryJson},
 *       {@code io.cairn.http.format});
 *   <li>{@code eval}: the PromQL evaluator ({@code io.cairn.promql.*}), including the rollups
 *       shards compute while they read;
 *   <li>{@code other}: everything else (HTTP, actors, parsing, the JIT's own threads are not
 *       sampled).
 * </ul>
 *
 * CPU milliseconds per run are samples times the sampling period over the number of runs, so
 * with parallel reads a phase's CPU time can exceed its share of the wall time. Not thread-safe.
 */
final class PhaseBreakdown {
    static final String[] PHASES = {"fetch", "eval", "json", "other"};

    /** One measured Cairn request: label (query and window) and its wall-clock interval. */
    record Run(String label, Instant start, Instant end) {}

    private PhaseBreakdown() {}

    /**
     * @param runs the measured runs, in the order they were sent (non-overlapping)
     * @param periodMs the recording's execution sampling period
     */
    static String summarize(Path recording, List<Run> runs, double periodMs) throws IOException {
        Map<String, long[]> samples = new LinkedHashMap<>();
        Map<String, Integer> runCounts = new LinkedHashMap<>();
        Map<String, Double> wallMs = new LinkedHashMap<>();
        for (Run r : runs) {
            samples.computeIfAbsent(r.label(), k -> new long[PHASES.length]);
            runCounts.merge(r.label(), 1, Integer::sum);
            wallMs.merge(r.label(), (r.end().toEpochMilli() - r.start().toEpochMilli()) * 1.0, Double::sum);
        }
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                Run r = find(sorted, e.getStartTime());
                if (r != null) {
                    samples.get(r.label())[phase(e.getStackTrace().getFrames())]++;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%nCPU per measured run by phase (JFR samples x %.0f ms / runs; fetch runs on several threads):%n%n",
                periodMs));
        out.append("| query | window | wall ms (mean) | fetch ms | eval ms | json ms | other ms |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, long[]> en : samples.entrySet()) {
            int n = runCounts.get(en.getKey());
            out.append("| ").append(en.getKey().replace(" ", " | ")).append(String.format(Locale.ROOT, " | %.1f",
                    wallMs.get(en.getKey()) / n));
            for (long s : en.getValue()) {
                out.append(String.format(Locale.ROOT, " | %.1f", s * periodMs / n));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    private static Run find(List<Run> sorted, Instant t) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Run r = sorted.get(mid);
            if (t.isBefore(r.start())) {
                hi = mid - 1;
            } else if (t.isAfter(r.end())) {
                lo = mid + 1;
            } else {
                return r;
            }
        }
        return null;
    }

    /**
     * The phase of a stack sample: the innermost Cairn frame that names one decides, so that
     * rollup kernels running inside a storage scan count as evaluation and block decoding under
     * the evaluator counts as fetch. Label-set helpers (io.cairn.storage.model) serve every
     * phase and decide nothing.
     */
    static int phase(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod() == null) {
                continue;
            }
            String type = f.getMethod().getType().getName();
            if (type.startsWith("io.cairn.storage.model.")) {
                continue;
            }
            if (type.startsWith("io.cairn.storage.")) {
                return 0;
            }
            if (type.startsWith("io.cairn.http.api.QueryJson") || type.startsWith("io.cairn.http.format.")) {
                return 2;
            }
            if (type.startsWith("io.cairn.promql.")) {
                return 1;
            }
        }
        return 3;
    }
}
