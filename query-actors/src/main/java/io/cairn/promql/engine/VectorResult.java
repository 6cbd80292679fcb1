package io.cairn.promql.engine;

import io.cairn.storage.model.Labels;
import java.util.List;

/**
 * An instant vector: one sample per series. The order is the engine's output order, which is
 * meaningful only after sort functions or topk/bottomk.
 */
public record VectorResult(List<Sample> samples) implements QueryValue {

    /** One sample of an instant vector; {@code timeMs} is the evaluation time. */
    public record Sample(Labels labels, long timeMs, double value) {}

    @Override
    public String typeName() {
        return "vector";
    }
}
