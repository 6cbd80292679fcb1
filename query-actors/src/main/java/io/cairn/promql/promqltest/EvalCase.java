package io.cairn.promql.promqltest;

import java.util.List;

/**
 * One {@code eval} statement with everything it expects (FORMAT.md §6–7). Immutable.
 *
 * @param line 1-based line of the eval header
 * @param expr the PromQL text
 * @param range whether this is {@code eval range}; instant cases have start == end and step 0
 * @param fail the {@code expect fail} constraint, or null when the query must succeed
 * @param warns {@code expect warn} lines (empty: warnings unchecked unless {@code noWarn})
 * @param infos {@code expect info} lines
 * @param hasScalar whether a scalar result is expected ({@code scalar} holds it)
 * @param string expected string result, or null
 * @param rangeVector {@code expect range vector} window ([from, to, step]), or null
 * @param series expected series in the order written (later duplicates already removed)
 */
public record EvalCase(int line, String expr, boolean range, long startMs, long endMs, long stepMs,
        Expectation fail, List<Expectation> warns, List<Expectation> infos, boolean noWarn,
        boolean noInfo, boolean ordered, boolean hasScalar, double scalar, String string,
        long[] rangeVector, List<SeriesDescription> series) {

    /** Whether any expected series holds a native-histogram sample. */
    public boolean expectsHistogram() {
        for (SeriesDescription s : series) {
            if (s.hasHistogram()) {
                return true;
            }
        }
        return false;
    }

    /** Short id for reports: {@code file:line}. */
    public String id(String file) {
        return file + ":" + line;
    }
}
