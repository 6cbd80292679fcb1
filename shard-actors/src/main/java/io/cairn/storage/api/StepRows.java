package io.cairn.storage.api;

import io.cairn.storage.model.Labels;
import java.util.List;

/**
 * The result of a {@link RollupSpec} on one shard: rows of per-step values, column-major per
 * row ({@code values[row * steps + step]}), with a presence bit per cell (a step where the row
 * has no value). A row is a series (no aggregation: its full labels) or an aggregation group
 * (its output labels). Owned by the receiver.
 *
 * @param compensation Kahan compensation per cell of sum groups (the exact partial sum is
 *     {@code values + compensation}), or null
 * @param present bit {@code row * steps + step} set where the cell has a value
 * @param series how many series were rolled up (the query's series limit counts them)
 * @param samples how many raw samples were read (the query's sample limit counts them)
 * @param metricNames the distinct metric names of the series rolled up (for annotations)
 */
public record StepRows(int steps, List<Labels> labels, double[] values, double[] compensation,
        long[] present, int series, long samples, List<String> metricNames) {

    public StepRows {
        if (values.length != labels.size() * steps
                || present.length != (labels.size() * steps + 63) / 64
                || (compensation != null && compensation.length != values.length)) {
            throw new IllegalArgumentException("BUG: " + labels.size() + " rows of " + steps
                    + " steps with " + values.length + " values and " + present.length
                    + " presence words");
        }
    }

    public int rows() {
        return labels.size();
    }

    public boolean present(int row, int step) {
        long bit = (long) row * steps + step;
        return (present[(int) (bit >>> 6)] & (1L << bit)) != 0;
    }

    public double value(int row, int step) {
        return values[row * steps + step];
    }
}
