package io.cairn.promql.eval;

import io.cairn.storage.api.StepRows;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects per-step rows (a value column with presence) into the flat arrays of a
 * {@link StepRows}, growing them geometrically. Not thread-safe.
 */
final class StepRowsBuilder {
    private final int steps;
    private final List<Labels> labels = new ArrayList<>();
    private double[] values;
    private long[] present;

    /** Allocates nothing until the first row: most shards of a small query contribute none. */
    StepRowsBuilder(int steps) {
        this.steps = steps;
        this.values = new double[0];
        this.present = new long[0];
    }

    /** Appends a row; {@code v[i]} counts only where {@code has[i]}. */
    void add(Labels rowLabels, double[] v, boolean[] has) {
        int row = labels.size();
        int base = row * steps;
        if (base + steps > values.length) {
            int capacity = Math.max(base + steps, values.length * 2);
            values = Arrays.copyOf(values, capacity);
            present = Arrays.copyOf(present, words(capacity));
        }
        labels.add(rowLabels);
        for (int i = 0; i < steps; i++) {
            if (has[i]) {
                values[base + i] = v[i];
                int bit = base + i;
                present[bit >>> 6] |= 1L << bit;
            }
        }
    }

    StepRows build(int series, long samples, List<String> metricNames) {
        int cells = labels.size() * steps;
        return new StepRows(steps, List.copyOf(labels), fitted(values, cells), null,
                fitted(present, words(cells)), series, samples, metricNames);
    }

    /** The array itself when it is exactly {@code length} long (the builder is done with it). */
    static double[] fitted(double[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    static long[] fitted(long[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    static int words(int bits) {
        return (bits + 63) >>> 6;
    }
}
