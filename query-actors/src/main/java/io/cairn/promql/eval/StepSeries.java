package io.cairn.promql.eval;

import io.cairn.storage.model.Labels;

/**
 * One series of an instant vector over the whole grid: a value column and a presence column
 * (a point is absent when the series has no sample at that step). Mutable, owned by the one
 * evaluator that produced it; operators may rewrite columns in place when they own the input.
 *
 * <p>{@code dropName} implements Prometheus 3's delayed name removal: operations that lose the
 * metric name mark the series instead of deleting {@code __name__}, and the name is removed
 * when the query result is built or when a later operation needs the label set without it.
 */
public final class StepSeries {
    public Labels labels;
    public boolean dropName;
    public final double[] values;
    public final boolean[] present;

    public StepSeries(Labels labels, double[] values, boolean[] present) {
        this.labels = labels;
        this.values = values;
        this.present = present;
    }

    public static StepSeries empty(Labels labels, int steps) {
        return new StepSeries(labels, new double[steps], new boolean[steps]);
    }

    /** The labels as the user would see them now: without the name if it is due for removal. */
    public Labels visibleLabels() {
        return dropName ? LabelUtil.dropMetricName(labels) : labels;
    }

    public boolean anyPresent() {
        for (boolean b : present) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    public StepSeries copy() {
        StepSeries c = new StepSeries(labels, values.clone(), present.clone());
        c.dropName = dropName;
        return c;
    }
}
