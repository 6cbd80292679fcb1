package io.cairn.promql.engine;

import io.cairn.storage.model.Labels;
import java.util.List;

/**
 * A range vector: several points per series, series sorted by labels. Each series owns its
 * arrays; only the first {@code count} entries are valid, timestamps ascending (epoch ms).
 */
public record MatrixResult(List<Series> series) implements QueryValue {

    /** One series of a matrix. */
    public record Series(Labels labels, long[] timestamps, double[] values, int count) {}

    @Override
    public String typeName() {
        return "matrix";
    }
}
