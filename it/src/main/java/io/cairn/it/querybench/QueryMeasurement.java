package io.cairn.it.querybench;

import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The query phase of the benchmark: for every query and window, one checked run on both servers
 * (answers decoded and compared: series counts, closeness of values), then warm-up runs, then
 * measured runs. Measured runs go round-robin over all queries, and within a query the server
 * that goes first alternates, so that slow drifts (JIT, page cache, a background merge) spread
 * over both servers evenly rather than landing on one query or one server.
 *
 * <p>A query that fails on a server is reported in the outcome's note and timed anyway (the
 * error answer's latency). Not thread safe.
 */
final class QueryMeasurement {
    private final HttpApi cairn;
    private final HttpApi vm;
    private final long endMs;
    private final Log log;
    private final List<PhaseBreakdown.Run> cairnRuns = new ArrayList<>();

    interface Log {
        void log(String format, Object... args);
    }

    QueryMeasurement(HttpApi cairn, HttpApi vm, long endMs, Log log) {
        this.cairn = cairn;
        this.vm = vm;
        this.endMs = endMs;
        this.log = log;
    }

    List<QueryOutcome> run(List<BenchQuery> queries, int warmup, int runs, JfrProfiler profiler) {
        List<Case> cases = new ArrayList<>();
        for (BenchQuery q : queries) {
            for (BenchQuery.Window w : BenchQuery.WINDOWS) {
                cases.add(check(q, w));
            }
        }
        for (int i = 0; i < warmup; i++) {
            for (Case c : cases) {
                time(cairn, c);
                time(vm, c);
            }
        }
        log.log("warm-up done (%d runs per query, window and server); measuring %d runs", warmup, runs);
        if (profiler != null) {
            profiler.start();
        }
        for (int i = 0; i < runs; i++) {
            for (Case c : cases) {
                if (i % 2 == 0) {
                    c.cairnStats.add(timeCairn(c));
                    c.vmStats.add(time(vm, c));
                } else {
                    c.vmStats.add(time(vm, c));
                    c.cairnStats.add(timeCairn(c));
                }
            }
        }
        if (profiler != null) {
            profiler.stop();
        }
        List<QueryOutcome> out = new ArrayList<>();
        for (Case c : cases) {
            out.add(new QueryOutcome(c.query, c.window, c.cairnSeries, c.vmSeries, c.cairnPoints, c.vmPoints,
                    c.maxRelDiff, c.note, c.cairnStats, c.vmStats));
        }
        return out;
    }

    /** One run on each server with the answers decoded and compared. */
    private Case check(BenchQuery q, BenchQuery.Window w) {
        Case c = new Case(q, w, endMs - w.rangeMs(), endMs);
        PromResponse cr = PromResponseParser.parse(send(cairn, c));
        PromResponse vr = PromResponseParser.parse(send(vm, c));
        List<String> notes = new ArrayList<>();
        if (cr.success()) {
            c.cairnSeries = cr.result().series().size();
            c.cairnPoints = cr.result().pointCount();
        } else {
            notes.add("Cairn " + cr.summary());
        }
        if (vr.success()) {
            c.vmSeries = vr.result().series().size();
            c.vmPoints = vr.result().pointCount();
        } else {
            notes.add("VictoriaMetrics " + vr.summary());
        }
        if (cr.success() && vr.success()) {
            // VictoriaMetrics keeps the metric name where PromQL drops it (e.g. avg_over_time);
            // series are matched on their other labels.
            cr = withoutMetricName(cr);
            vr = withoutMetricName(vr);
            c.maxRelDiff = ResultDiff.maxRelativeDifference(vr.result(), cr.result());
            List<String> diffs = ResultDiff.compare(vr, cr, new Tolerance(1e-9, 0), "VictoriaMetrics", "Cairn");
            long structural = diffs.stream().filter(d -> d.contains("missing") || d.contains("extra")
                    || d.contains("no point") || d.contains("type")).count();
            if (structural > 0) {
                notes.add(structural + " structural differences, e.g. " + diffs.stream()
                        .filter(d -> d.contains("missing") || d.contains("extra") || d.contains("no point")
                                || d.contains("type")).findFirst().orElse(""));
            }
            if (c.cairnPoints != c.vmPoints) {
                notes.add("points: Cairn " + c.cairnPoints + ", VictoriaMetrics " + c.vmPoints);
            }
        }
        c.note = String.join("; ", notes);
        log.log("%-20s %-8s Cairn %s | VictoriaMetrics %s | max rel. diff %s", q.name(), w.name(), cr.summary(),
                vr.summary(), String.format(Locale.ROOT, "%.2e", c.maxRelDiff));
        return c;
    }

    private static PromResponse withoutMetricName(PromResponse r) {
        List<PromResult.Series> series = new ArrayList<>();
        for (PromResult.Series s : r.result().series()) {
            java.util.SortedMap<String, String> labels = new java.util.TreeMap<>(s.labels());
            labels.remove("__name__");
            series.add(new PromResult.Series(labels, s.timestampsMs(), s.values()));
        }
        return new PromResponse(r.httpStatus(), true, new PromResult(r.result().type(), series, r.result().text()),
                null, null, r.warnings());
    }

    /** The measured Cairn requests with their wall-clock intervals, for {@link PhaseBreakdown}. */
    List<PhaseBreakdown.Run> cairnRuns() {
        return cairnRuns;
    }

    private long timeCairn(Case c) {
        java.time.Instant start = java.time.Instant.now();
        long ns = time(cairn, c);
        cairnRuns.add(new PhaseBreakdown.Run(c.query.name() + " " + c.window.name(), start, java.time.Instant.now()));
        return ns;
    }

    private long time(HttpApi api, Case c) {
        long start = System.nanoTime();
        send(api, c);
        return System.nanoTime() - start;
    }

    private static HttpResult send(HttpApi api, Case c) {
        return api.queryRange(c.query.promql(), c.startMs, c.endMs, c.window.stepMs());
    }

    /** One query over one window and what was learned about it. */
    private static final class Case {
        final BenchQuery query;
        final BenchQuery.Window window;
        final long startMs;
        final long endMs;
        final LatencyStats cairnStats = new LatencyStats();
        final LatencyStats vmStats = new LatencyStats();
        int cairnSeries = -1;
        int vmSeries = -1;
        long cairnPoints;
        long vmPoints;
        double maxRelDiff;
        String note = "";

        Case(BenchQuery query, BenchQuery.Window window, long startMs, long endMs) {
            this.query = query;
            this.window = window;
            this.startMs = startMs;
            this.endMs = endMs;
        }
    }
}
