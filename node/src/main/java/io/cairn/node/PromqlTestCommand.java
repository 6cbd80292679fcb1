package io.cairn.node;

import io.cairn.promql.promqltest.ScriptRunner;
import java.io.PrintStream;
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
        return ScriptRunner.runCommand(args, out);
    }
}
