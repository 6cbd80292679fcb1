package io.cairn.promql.eval;

import java.util.List;

/**
 * A range vector argument over a grid: for step {@code i} the window of every series is
 * {@code (windowEnd[i] - rangeMs, windowEnd[i]]}. {@code windowEnd} is never decreasing,
 * so consumers walk each series with two pointers. Produced by matrix selectors (raw samples)
 * and subqueries (inner evaluation points).
 *
 * @param rangeMs the selector range
 * @param offsetMs the offset the selector was written with (for annotations of rate etc.)
 * @param evalTimes the timestamp Prometheus reports as "evaluation time" of step i (the step
 *     time; the query start for step-invariant {@code @} arguments)
 * @param fromSelector true for a matrix selector, false for a subquery
 * @param metricName the metric name matcher of the selector, or null
 */
public record RangeInput(List<RangeSeries> series, long[] windowEnd, long rangeMs, long[] evalTimes,
        boolean fromSelector, String metricName) implements EvalValue {}
