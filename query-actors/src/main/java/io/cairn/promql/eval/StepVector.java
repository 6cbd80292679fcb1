package io.cairn.promql.eval;

import java.util.ArrayList;
import java.util.List;

/** An instant vector over the whole grid: its series, each a column per step. */
public record StepVector(List<StepSeries> series) implements EvalValue {
    public static StepVector empty() {
        return new StepVector(new ArrayList<>());
    }
}
