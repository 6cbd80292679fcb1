package io.cairn.promql.promqltest;

import java.util.List;

/** One command of a test script (FORMAT.md §1): load, clear or eval. Immutable. */
public sealed interface ScriptCommand {

    /** 1-based line of the command header. */
    int line();

    /** {@code load <interval>} or {@code load_with_nhcb <interval>}. */
    record Load(int line, long intervalMs, boolean withNhcb, List<SeriesDescription> series)
            implements ScriptCommand {}

    /** {@code clear}: drop all data. */
    record Clear(int line) implements ScriptCommand {}

    /** {@code eval ...} with its expectations. */
    record Eval(int line, EvalCase evalCase) implements ScriptCommand {}
}
