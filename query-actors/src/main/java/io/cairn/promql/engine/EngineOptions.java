package io.cairn.promql.engine;

import java.time.Duration;

/**
 * Engine settings. Immutable.
 *
 * @param lookbackDeltaMs how far back an instant selector looks for a sample (Prometheus
 *     default 5m); the window is left-open: a sample exactly lookback before the step is excluded
 * @param maxSamplesPerQuery upper bound on raw samples one query may load
 *     (-search.maxSamplesPerQuery)
 * @param maxSeries upper bound on series one selector may select (-search.maxSeries)
 * @param maxPointsPerTimeseries upper bound on steps of a range query
 *     (-search.maxPointsPerTimeseries)
 * @param timeout default query time budget (-search.maxQueryDuration)
 * @param defaultSubqueryStepMs the step of a subquery written without one ({@code [5m:]})
 */
public record EngineOptions(long lookbackDeltaMs, long maxSamplesPerQuery, int maxSeries,
        int maxPointsPerTimeseries, Duration timeout, long defaultSubqueryStepMs) {

    public static final EngineOptions DEFAULTS =
            new EngineOptions(300_000, 1_000_000_000L, 30_000_000, 30_000, Duration.ofSeconds(30), 60_000);

    public EngineOptions {
        if (lookbackDeltaMs <= 0 || maxSamplesPerQuery <= 0 || maxSeries <= 0
                || maxPointsPerTimeseries <= 0 || defaultSubqueryStepMs <= 0) {
            throw new IllegalArgumentException("engine options must be positive: " + this);
        }
    }

    public EngineOptions withLookbackDeltaMs(long v) {
        return new EngineOptions(v, maxSamplesPerQuery, maxSeries, maxPointsPerTimeseries, timeout,
                defaultSubqueryStepMs);
    }

    public EngineOptions withMaxSamplesPerQuery(long v) {
        return new EngineOptions(lookbackDeltaMs, v, maxSeries, maxPointsPerTimeseries, timeout,
                defaultSubqueryStepMs);
    }

    public EngineOptions withMaxSeries(int v) {
        return new EngineOptions(lookbackDeltaMs, maxSamplesPerQuery, v, maxPointsPerTimeseries,
                timeout, defaultSubqueryStepMs);
    }

    public EngineOptions withMaxPointsPerTimeseries(int v) {
        return new EngineOptions(lookbackDeltaMs, maxSamplesPerQuery, maxSeries, v, timeout,
                defaultSubqueryStepMs);
    }

    public EngineOptions withTimeout(Duration v) {
        return new EngineOptions(lookbackDeltaMs, maxSamplesPerQuery, maxSeries,
                maxPointsPerTimeseries, v, defaultSubqueryStepMs);
    }
}
