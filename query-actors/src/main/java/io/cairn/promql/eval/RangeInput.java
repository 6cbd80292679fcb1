package io.cairn.promql.eval;

import io.cairn.promql.ast.SelectorMode;
import java.util.List;

/**
 * A range vector argument over a grid: for step {@code i} the window of every series is
 * {@code (windowEnd[i] - rangeMs, windowEnd[i]]}. {@code windowEnd} is never decreasing,
 * so consumers walk each series with two pointers. Produced by matrix selectors (raw samples)
 * and subqueries (inner evaluation points).
 *
 * @param rangeMs the selector range
 * @param offsetMs the offset the selector was written with (for annotations of rate etc.)
 * @param evalTimes the evaluation time of step i (the step time, also under {@code @}), which
 *     predict_linear anchors its regression at
 * @param fromSelector true for a matrix selector, false for a subquery
 * @param metricName the metric name matcher of the selector, or null
 * @param mode the extended-range modifier of a matrix selector; for {@code anchored} and
 *     {@code smoothed} the series also hold the samples around the windows (up to one lookback
 *     before, and for smoothed after) that the modifiers need
 * @param lookbackMs the lookback delta used to find samples around a window
 */
public record RangeInput(List<RangeSeries> series, long[] windowEnd, long rangeMs, long[] evalTimes,
        boolean fromSelector, String metricName, SelectorMode mode, long lookbackMs) implements EvalValue {}
