package io.cairn.promql.promqltest;

import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.ExprPrinter;
import io.cairn.promql.engine.Deadline;
import io.cairn.promql.engine.EngineOptions;
import io.cairn.promql.engine.MatrixResult;
import io.cairn.promql.engine.PromQLEngine;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.promql.engine.QueryResult;
import io.cairn.promql.engine.QueryTimeoutException;
import io.cairn.promql.engine.ScalarResult;
import io.cairn.promql.parser.PromQLParser;
import io.cairn.storage.model.Tenant;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs promqltest scripts (FORMAT.md) against Cairn's engine and reports one verdict per eval,
 * reproducing the reference runner: instant evals are also run with every selector pinned by
 * {@code @} at several evaluation times, and each of those runs is cross-checked as a range
 * query around the evaluation time.
 *
 * <p>Evals that need what Cairn deliberately does not store are reported as skipped, with the
 * precise reason: an expected native-histogram sample, a read of a series holding native
 * histograms (including those {@code load_with_nhcb} builds), or a read of a series loaded with
 * {@code @st} start timestamps / a call of {@code start_timestamp()}.
 *
 * <p>Not thread-safe; one runner per thread.
 */
public final class ScriptRunner {
    /** The engine configuration the corpus assumes (FORMAT.md §9). */
    public static final EngineOptions TEST_OPTIONS = EngineOptions.DEFAULTS
            .withLookbackDeltaMs(300_000)
            .withTimeout(Duration.ofSeconds(100))
            .withMaxPointsPerTimeseries(1_000_000);

    private static final Tenant TENANT = Tenant.DEFAULT;
    private static final Pattern RANGE_MODE_EXCLUDED = Pattern.compile("(start|end|range|step)\\(\\)");

    private final EngineOptions options;
    private final int rollupPartitions;
    private InMemorySeriesSource source;
    private PromQLEngine engine;

    public ScriptRunner() {
        this(TEST_OPTIONS, 0);
    }

    /**
     * @param rollupPartitions 0: the engine reads raw samples only; otherwise it pushes rollups
     *     down to that many stand-in shards ({@link PartitionedRollupSource}), as against a
     *     cluster
     */
    public ScriptRunner(EngineOptions options, int rollupPartitions) {
        this.options = options;
        this.rollupPartitions = rollupPartitions;
    }

    /** Runs one script file; the file name (without directories) prefixes case ids. */
    public List<CaseResult> runFile(Path file) throws IOException {
        return run(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Runs a script given as text. @throws ScriptException when the script is malformed */
    public List<CaseResult> run(String name, String text) {
        List<ScriptCommand> commands = ScriptReader.read(text);
        reset();
        List<CaseResult> results = new ArrayList<>();
        for (ScriptCommand cmd : commands) {
            if (cmd instanceof ScriptCommand.Clear) {
                reset();
            } else if (cmd instanceof ScriptCommand.Load load) {
                ScriptLoader.apply(load, source);
            } else if (cmd instanceof ScriptCommand.Eval ev) {
                results.add(runCase(name, ev.evalCase()));
            }
        }
        return results;
    }

    private void reset() {
        source = new InMemorySeriesSource();
        engine = new PromQLEngine(rollupPartitions == 0 ? source
                : new PartitionedRollupSource(source, rollupPartitions), options);
    }

    private CaseResult runCase(String file, EvalCase c) {
        source.resetReadTracking();
        String failure;
        try {
            failure = c.range() ? runRange(c) : runInstant(c);
        } catch (RuntimeException e) {
            failure = "engine crashed: " + e;
        }
        String skip = skipReason(c);
        if (skip != null) {
            return new CaseResult(c.id(file), c.expr(), CaseResult.Status.SKIPPED, skip);
        }
        if (failure != null) {
            return new CaseResult(c.id(file), c.expr(), CaseResult.Status.FAILED, failure);
        }
        return new CaseResult(c.id(file), c.expr(), CaseResult.Status.PASSED, "");
    }

    private String skipReason(EvalCase c) {
        if (c.expectsHistogram()) {
            return "native histograms: expects a native-histogram result";
        }
        List<String> hist = source.histogramReads();
        if (!hist.isEmpty()) {
            return "native histograms: reads native-histogram series " + hist.get(0);
        }
        List<String> st = source.startTimestampReads();
        if (!st.isEmpty()) {
            return "start timestamps: reads series with @st start timestamps " + st.get(0);
        }
        if (c.expr().contains("start_timestamp(")) {
            return "start timestamps: calls start_timestamp()";
        }
        return null;
    }

    private String runRange(EvalCase c) {
        QueryResult r;
        try {
            r = engine.rangeQuery(TENANT, c.expr(), c.startMs(), c.endMs(), c.stepMs(), deadline());
        } catch (QueryExecutionException | QueryTimeoutException | IllegalArgumentException e) {
            return expectedFailure(c, e);
        }
        if (c.fail() != null) {
            return "expected an error, but the query succeeded";
        }
        String a = ResultChecker.checkAnnotations(c, r);
        if (a != null) {
            return a;
        }
        if (!(r.value() instanceof MatrixResult m)) {
            return "range query returned " + r.value().typeName();
        }
        return ResultChecker.checkMatrix(c, m, c.startMs(), c.endMs(), c.stepMs());
    }

    private String runInstant(EvalCase c) {
        long t = c.rangeVector() != null ? c.rangeVector()[1] : c.startMs();
        List<String> exprs = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        exprs.add(c.expr());
        times.add(t);
        Expr parsed = null;
        try {
            parsed = PromQLParser.parse(c.expr());
        } catch (IllegalArgumentException e) {
            // Reported by the first run below.
        }
        Expr rewritten = parsed == null ? null : AtRewriter.rewrite(parsed, t);
        if (rewritten != null) {
            String text = ExprPrinter.print(rewritten);
            long[] extra = t == 0 ? new long[] {-1000, 0, 1000} : new long[] {-10 * t, 0, t / 5, t, 10 * t};
            for (long et : extra) {
                exprs.add(text);
                times.add(et);
            }
        }
        for (int k = 0; k < exprs.size(); k++) {
            String f = runOneInstant(c, exprs.get(k), times.get(k));
            if (f != null) {
                return k == 0 ? f : "[run of " + exprs.get(k) + " at " + times.get(k) + "ms] " + f;
            }
        }
        return null;
    }

    private String runOneInstant(EvalCase c, String expr, long time) {
        QueryResult r;
        try {
            r = engine.instantQuery(TENANT, expr, time, deadline());
        } catch (QueryExecutionException | QueryTimeoutException | IllegalArgumentException e) {
            return expectedFailure(c, e);
        }
        if (c.fail() != null) {
            return "expected an error, but the query succeeded";
        }
        String a = ResultChecker.checkAnnotations(c, r);
        if (a != null) {
            return a;
        }
        String v = ResultChecker.checkInstant(c, r.value());
        if (v != null) {
            return v;
        }
        if (c.ordered() || c.rangeVector() != null || c.string() != null
                || RANGE_MODE_EXCLUDED.matcher(expr).find()) {
            return null;
        }
        QueryResult rr;
        try {
            rr = engine.rangeQuery(TENANT, expr, time - 60_000, time + 60_000, 60_000, deadline());
        } catch (QueryExecutionException | QueryTimeoutException | IllegalArgumentException e) {
            return "range mode: unexpected error: " + e.getMessage();
        }
        String m = ResultChecker.checkRangeModeAt(c, (MatrixResult) rr.value(), time,
                r.value() instanceof ScalarResult);
        return m == null ? null : "range mode: " + m;
    }

    private static String expectedFailure(EvalCase c, RuntimeException e) {
        if (c.fail() == null) {
            return "unexpected error: " + e.getMessage();
        }
        String msg = e.getMessage();
        return c.fail().matches(msg) ? null : "error \"" + msg + "\" does not match " + c.fail();
    }

    private Deadline deadline() {
        return Deadline.after(options.timeout());
    }

    /**
     * {@code bin/cairn promqltest [-v] FILE...}: runs the scripts, prints each failing case, the
     * number of skipped cases (listed with reasons under -v) and a final
     * {@code N passed, M failed} line. A file that cannot be read or parsed counts as one
     * failure.
     *
     * @return the exit status: 0 when nothing failed, 1 when something did, 2 on a usage error
     */
    public static int runCommand(List<String> args, PrintStream out) {
        boolean verbose = args.contains("-v");
        List<String> files = args.stream().filter(a -> !a.equals("-v")).toList();
        if (files.isEmpty()) {
            out.println("usage: cairn promqltest [-v] FILE...");
            return 2;
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        ScriptRunner runner = new ScriptRunner();
        for (String file : files) {
            List<CaseResult> results;
            try {
                results = runner.runFile(Path.of(file));
            } catch (IOException | ScriptException e) {
                out.println("FAIL " + file + ": " + e.getMessage());
                failed++;
                continue;
            }
            for (CaseResult r : results) {
                switch (r.status()) {
                    case PASSED -> passed++;
                    case FAILED -> {
                        failed++;
                        out.println("FAIL " + r.id() + " " + r.expr());
                        out.println("     " + r.message());
                    }
                    case SKIPPED -> {
                        skipped++;
                        if (verbose) {
                            out.println("SKIP " + r.id() + " " + r.expr() + ": " + r.message());
                        }
                    }
                    default -> throw new IllegalStateException("BUG: " + r.status());
                }
            }
        }
        if (skipped > 0) {
            out.println(skipped + " skipped (native histograms or start timestamps; -v lists "
                    + "them)");
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    public static void main(String[] args) {
        System.exit(runCommand(List.of(args), System.out));
    }
}
