package io.cairn.storage.api;

import java.util.List;

/**
 * What a shard computes from each selected series right where its samples are decoded, instead
 * of sending the raw samples to the query (DESIGN.md §6, "push rollups down to the shards"):
 * one PromQL range function (or an instant selector's lookback) evaluated at every step of a
 * grid, and optionally a first aggregation of those per-step values across the shard's series.
 *
 * <p>Step {@code i} looks at the window {@code (windowEnd(i) - rangeMs, windowEnd(i)]}. The
 * spec is plain data so that it travels between nodes; {@link RollupEngine} gives it meaning.
 *
 * @param function a PromQL range function name ({@code rate}, {@code avg_over_time}, ...), or
 *     {@link #INSTANT} for an instant vector selector (newest sample in the lookback window)
 * @param args the function's scalar arguments, constant over all steps, in call order without
 *     the range vector ({@code quantile_over_time}'s quantile, ...); empty when it has none
 * @param firstWindowEndMs window end of step 0: the step time minus offset, or the @ time
 * @param windowStepMs how far the window end moves per step (0 under @)
 * @param firstEvalMs evaluation (step) time of step 0, which {@code predict_linear} anchors at
 * @param evalStepMs the query step
 * @param steps number of steps
 * @param rangeMs the range of the selector; 0 for {@link #INSTANT}
 * @param lookbackMs the lookback delta of instant selectors
 * @param aggregation the aggregation to apply across series per step, or null for none
 */
public record RollupSpec(String function, double[] args, long firstWindowEndMs,
        long windowStepMs, long firstEvalMs, long evalStepMs, int steps, long rangeMs,
        long lookbackMs, Aggregation aggregation) {

    /** The {@link #function} of an instant vector selector. */
    public static final String INSTANT = "";

    public RollupSpec {
        if (steps <= 0 || windowStepMs < 0 || evalStepMs < 0 || rangeMs < 0 || lookbackMs < 0) {
            throw new IllegalArgumentException("bad rollup grid: " + steps + " steps of "
                    + windowStepMs + " ms, range " + rangeMs + " ms, lookback " + lookbackMs
                    + " ms");
        }
        args = args.clone();
    }

    public long windowEnd(int step) {
        return firstWindowEndMs + step * windowStepMs;
    }

    public long evalTime(int step) {
        return firstEvalMs + step * evalStepMs;
    }

    /** The first window end with the last one: what a shard must read is (first - range, last]. */
    public long lastWindowEndMs() {
        return windowEnd(steps - 1);
    }

    /**
     * A per-step aggregation across series, with PromQL's {@code by}/{@code without} grouping.
     * Only operators whose partial results combine exactly (or, for sums, to rounding) qualify.
     *
     * @param op one of {@code sum}, {@code min}, {@code max}, {@code count}, {@code group}
     */
    public record Aggregation(String op, List<String> grouping, boolean without) {
        public Aggregation {
            grouping = List.copyOf(grouping);
        }
    }
}
