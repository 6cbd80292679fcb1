package io.cairn.it.querybench;

/**
 * What the benchmark found for one query over one window: the answers' shapes on both servers,
 * how close their values are, and the latencies.
 *
 * @param query          the query
 * @param window         the range it ran over
 * @param cairnSeries    series in Cairn's answer (-1 if it failed)
 * @param vmSeries       series in VictoriaMetrics' answer (-1 if it failed)
 * @param cairnPoints    points in Cairn's answer
 * @param vmPoints       points in VictoriaMetrics' answer
 * @param maxRelDiff     largest relative difference of values at common timestamps of common series
 * @param note           differences worth reporting (errors, unmatched series), or ""
 * @param cairn          Cairn's latencies
 * @param vm             VictoriaMetrics' latencies
 */
record QueryOutcome(BenchQuery query, BenchQuery.Window window, int cairnSeries, int vmSeries, long cairnPoints,
                    long vmPoints, double maxRelDiff, String note, LatencyStats cairn, LatencyStats vm) {
    /** Cairn's median over VictoriaMetrics' median: the goal is <= 0.7. */
    double ratio() {
        return cairn.medianMs() / vm.medianMs();
    }
}
