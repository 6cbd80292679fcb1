package io.cairn.node;

import io.cairn.promql.promqltest.CaseResult;
import io.cairn.promql.promqltest.ScriptException;
import io.cairn.promql.promqltest.ScriptRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cairn promqltest [-v] FILE...}: runs PromQL test scripts (Prometheus' promqltest
 * format) against Cairn's engine with in-memory data. Prints every failing case with its reason,
 * the number of skipped cases (listed with reasons under {@code -v}), and ends with exactly
 * {@code N passed, M failed}. A file that cannot be read or parsed counts as one failure.
 * Exit status 0 only when nothing failed, 2 on a usage error.
 */
final class PromqlTestCommand {
    private PromqlTestCommand() {}

    static int run(List<String> args) {
        return run(args, System.out);
    }

    static int run(List<String> args, PrintStream out) {
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
}
