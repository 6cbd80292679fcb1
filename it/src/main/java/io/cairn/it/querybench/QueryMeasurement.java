package io.cairn.it.querybench;

import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The query phase of the benchmark: for every query and window, one checked run on both servers
 * through {@link HttpApi} (answers decoded and compared: series counts, closeness of values) and
 * one through the timed clients (their answers must match the checked ones), then warm-up runs,
 * then measured runs, both through the timed clients ({@link TimedClient}, {@code --client}).
 * Measured runs go round-robin over all queries, and within a query the server that goes first
 * alternates, so that slow drifts (JIT, page cache, a background merge) spread
 * over both servers evenly rather than landing on one query or one server.
 *
 * <p>A query that fails on a server is reported in the outcome's note and timed anyway (the
 * error answer's latency); so is a timed run whose HTTP status differs from the checked run's.
 * Not thread safe.
 */
final class QueryMeasurement {
    private final HttpApi cairn;
    private final HttpApi vm;
    private final TimedClient cairnTimed;
    private final TimedClient vmTimed;
    private final long endMs;
    private final Log log;
    private final List<PhaseBreakdown.Run> cairnRuns = new ArrayList<>();
    private final List<Case> cases = new ArrayList<>();

    interface Log {
        void log(String format, Object... args);
    }

    /**
     * {@code cairnTimed} and {@code vmTimed} send the timed requests to the servers of
     * {@code cairn} and {@code vm}.
     */
    QueryMeasurement(HttpApi cairn, HttpApi vm, TimedClient cairnTimed, TimedClient vmTimed, long endMs, Log log) {
        this.cairn = cairn;
        this.vm = vm;
        this.cairnTimed = cairnTimed;
        this.vmTimed = vmTimed;
        this.endMs = endMs;
        this.log = log;
    }

    List<QueryOutcome> run(List<BenchQuery> queries, int warmup, int runs, JfrProfiler profiler) {
        cases.clear();
        for (BenchQuery q : queries) {
            for (BenchQuery.Window w : BenchQuery.WINDOWS) {
                cases.add(check(q, w));
            }
        }
        for (int i = 0; i < warmup; i++) {
            for (Case c : cases) {
                time(cairnTimed, c, true);
                time(vmTimed, c, false);
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
                    c.vmStats.add(time(vmTimed, c, false));
                } else {
                    c.vmStats.add(time(vmTimed, c, false));
                    c.cairnStats.add(timeCairn(c));
                }
            }
        }
        if (profiler != null) {
            profiler.stop();
        }
        List<QueryOutcome> out = new ArrayList<>();
        for (Case c : cases) {
            if (!c.statusNotes.isEmpty()) {
                c.note = c.note.isEmpty() ? c.statusNotes : c.note + "; " + c.statusNotes;
            }
            out.add(new QueryOutcome(c.query, c.window, c.cairnSeries, c.vmSeries, c.cairnPoints, c.vmPoints,
                    c.maxRelDiff, c.note, c.cairnStats, c.vmStats));
        }
        return out;
    }

    /** One run on each server with the answers decoded and compared. */
    private Case check(BenchQuery q, BenchQuery.Window w) {
        Case c = new Case(q, w, endMs - w.rangeMs(), endMs);
        HttpResult cairnAnswer = cairn.get(c.path);
        HttpResult vmAnswer = vm.get(c.path);
        c.cairnStatus = cairnAnswer.status();
        c.vmStatus = vmAnswer.status();
        PromResponse cr = PromResponseParser.parse(cairnAnswer);
        PromResponse vr = PromResponseParser.parse(vmAnswer);
        List<String> notes = new ArrayList<>();
        checkTimedClient(cairnTimed, c, cr, "Cairn", notes);
        checkTimedClient(vmTimed, c, vr, "VictoriaMetrics", notes);
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

    /**
     * After {@link #run}: for every query and window, {@code pairs} requests through both clients
     * back to back on each server ({@link ClientOverhead}), as a Markdown table with a summary line.
     */
    String clientOverhead(int pairs, java.time.Duration readTimeout) {
        StringBuilder out = new StringBuilder(ClientOverhead.header());
        double[] cairnDiffs = new double[cases.size()];
        double[] vmDiffs = new double[cases.size()];
        try (TimedClient cairnLean = TimedClient.Kind.LEAN.open(cairn, readTimeout);
             TimedClient cairnJdk = TimedClient.Kind.JDK.open(cairn, readTimeout);
             TimedClient vmLean = TimedClient.Kind.LEAN.open(vm, readTimeout);
             TimedClient vmJdk = TimedClient.Kind.JDK.open(vm, readTimeout)) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                ClientOverhead.measure(c.path, cairnLean, cairnJdk, 2); // connects, warms both paths
                ClientOverhead.measure(c.path, vmLean, vmJdk, 2);
                ClientOverhead.Sample cs = ClientOverhead.measure(c.path, cairnLean, cairnJdk, pairs);
                ClientOverhead.Sample vs = ClientOverhead.measure(c.path, vmLean, vmJdk, pairs);
                cairnDiffs[i] = cs.medianDifferenceMs();
                vmDiffs[i] = vs.medianDifferenceMs();
                out.append(ClientOverhead.row(c.query.name(), c.window.name(), cs, vs));
            }
        }
        java.util.Arrays.sort(cairnDiffs);
        java.util.Arrays.sort(vmDiffs);
        out.append(String.format(Locale.ROOT, "%nMedian over the rows of jdk minus lean: Cairn %.2f ms, "
                + "VictoriaMetrics %.2f ms (%d pairs per query, window and server)%n",
                cairnDiffs[cairnDiffs.length / 2], vmDiffs[vmDiffs.length / 2], pairs));
        return out.toString();
    }

    /** The measured Cairn requests with their wall-clock intervals, for {@link PhaseBreakdown}. */
    List<PhaseBreakdown.Run> cairnRuns() {
        return cairnRuns;
    }

    /**
     * Sends the query once through the timed client and notes it if its answer is not the
     * checked one's: another status, outcome, series count or point count.
     */
    private static void checkTimedClient(TimedClient client, Case c, PromResponse checked, String server,
                                         List<String> notes) {
        client.timeGet(c.path);
        HttpResult timed = client.lastResult();
        if (timed.status() != checked.httpStatus()) {
            notes.add(server + " timed client got HTTP " + timed.status() + ", checked run " + checked.httpStatus());
            return;
        }
        PromResponse t = PromResponseParser.parse(timed);
        if (t.success() != checked.success() || (t.success() && (t.result().series().size()
                != checked.result().series().size() || t.result().pointCount() != checked.result().pointCount()))) {
            notes.add(server + " timed client's answer differs from the checked run's: " + t.summary() + " vs "
                    + checked.summary());
        }
    }

    private long timeCairn(Case c) {
        java.time.Instant start = java.time.Instant.now();
        long ns = time(cairnTimed, c, true);
        cairnRuns.add(new PhaseBreakdown.Run(c.query.name() + " " + c.window.name(), start, java.time.Instant.now()));
        return ns;
    }

    private static long time(TimedClient client, Case c, boolean isCairn) {
        long ns = client.timeGet(c.path);
        int expected = isCairn ? c.cairnStatus : c.vmStatus;
        if (client.lastStatus() != expected && c.statusNotes.isEmpty()) {
            c.statusNotes = (isCairn ? "Cairn" : "VictoriaMetrics") + " answered a timed run with HTTP "
                    + client.lastStatus() + ", the checked run with " + expected;
        }
        return ns;
    }

    /** One query over one window and what was learned about it. */
    private static final class Case {
        final BenchQuery query;
        final BenchQuery.Window window;
        final long startMs;
        final long endMs;
        /** The range query's path and query string, built once: the timed runs send only bytes. */
        final String path;
        final LatencyStats cairnStats = new LatencyStats();
        final LatencyStats vmStats = new LatencyStats();
        int cairnSeries = -1;
        int vmSeries = -1;
        long cairnPoints;
        long vmPoints;
        double maxRelDiff;
        String note = "";
        int cairnStatus;
        int vmStatus;
        String statusNotes = "";

        Case(BenchQuery query, BenchQuery.Window window, long startMs, long endMs) {
            this.query = query;
            this.window = window;
            this.startMs = startMs;
            this.endMs = endMs;
            this.path = HttpApi.queryRangePath(query.promql(), startMs, endMs, window.stepMs());
        }
    }
}
