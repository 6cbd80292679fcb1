package io.cairn.it.prometheus;

/**
 * One concrete query of the compatibility list.
 *
 * @param promql     the query text, variants already substituted
 * @param shouldFail both servers must reject it
 * @param line       line of the template in the list file, for messages
 */
record CompatQuery(String promql, boolean shouldFail, int line) {
    @Override
    public String toString() {
        return (shouldFail ? "!fail " : "") + promql;
    }
}
