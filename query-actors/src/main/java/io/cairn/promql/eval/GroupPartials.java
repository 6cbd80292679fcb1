package io.cairn.promql.eval;

import io.cairn.promql.functions.KahanSum;
import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-step aggregation across series into groups, fed in input order, with exactly the
 * per-value rules of {@code GroupKernels} for {@code sum} (compensated), {@code min},
 * {@code max}, {@code count} and {@code group}. The same accumulator both builds a shard's
 * partial groups from series ({@link #add}) and combines partial groups of several shards
 * ({@link #combine}): those operators give the same result for partial results as for the
 * values themselves (sums up to rounding, since the additions are grouped differently).
 *
 * <p>Groups are listed in the order of their first member. Not thread-safe.
 */
final class GroupPartials {
    enum Op { SUM, MIN, MAX, COUNT, GROUP }

    private final Op op;
    private final RollupSpec.Aggregation aggregation;
    private final int steps;
    private final int expectedGroups;
    private final Map<Labels, Integer> ids = new HashMap<>();
    private final List<Labels> groups = new ArrayList<>();
    private double[] value;
    private double[] comp;
    private boolean[] has;

    /** Groups sized as they come. */
    GroupPartials(RollupSpec.Aggregation aggregation, int steps) {
        this(aggregation, steps, 0);
    }

    /**
     * @param expectedGroups how many groups to make room for at the first one (a hint: more
     *     still fit, and with exactly that many {@link #partial} copies nothing)
     */
    GroupPartials(RollupSpec.Aggregation aggregation, int steps, int expectedGroups) {
        this.op = op(aggregation.op());
        this.aggregation = aggregation;
        this.steps = steps;
        this.expectedGroups = expectedGroups;
        // Nothing is allocated until the first group: most shards of a small query have none.
        this.value = new double[0];
        this.comp = op == Op.SUM ? new double[0] : null;
        this.has = new boolean[0];
    }

    /** The accumulator for an operator name; throws for operators that cannot be split. */
    static Op op(String name) {
        return switch (name) {
            case "sum" -> Op.SUM;
            case "min" -> Op.MIN;
            case "max" -> Op.MAX;
            case "count" -> Op.COUNT;
            case "group" -> Op.GROUP;
            default -> throw new IllegalArgumentException("aggregation " + name
                    + " cannot be computed per shard");
        };
    }

    /** Adds one series' values (present where {@code present[i]}) to its group. */
    void add(Labels seriesLabels, double[] v, boolean[] present) {
        int base = group(AggregationEvaluator.groupingKey(aggregation.without(),
                aggregation.grouping(), seriesLabels)) * steps;
        // One loop per operator: this runs for every series and step of a rollup.
        switch (op) {
            case SUM -> {
                for (int i = 0; i < steps; i++) {
                    if (present[i]) {
                        addSum(base + i, v[i], 0);
                    }
                }
            }
            case COUNT -> {
                for (int i = 0; i < steps; i++) {
                    if (present[i]) {
                        addCount(base + i, 1);
                    }
                }
            }
            default -> {
                for (int i = 0; i < steps; i++) {
                    if (present[i]) {
                        addOther(base + i, v[i]);
                    }
                }
            }
        }
    }

    /** Adds a partial result's groups (computed by {@link #add} elsewhere) into these. */
    void combine(StepRows partial) {
        double[] pv = partial.values();
        double[] pc = partial.compensation();
        long[] bits = partial.present();
        for (int row = 0; row < partial.rows(); row++) {
            int base = group(partial.labels().get(row)) * steps;
            int from = row * steps;
            // One loop per operator, as in add: this runs for every group and step of every shard.
            switch (op) {
                case SUM -> {
                    for (int i = 0; i < steps; i++) {
                        int cell = from + i;
                        if ((bits[cell >>> 6] & (1L << cell)) != 0) {
                            addSum(base + i, pv[cell], pc == null ? 0 : pc[cell]);
                        }
                    }
                }
                case COUNT -> {
                    for (int i = 0; i < steps; i++) {
                        int cell = from + i;
                        if ((bits[cell >>> 6] & (1L << cell)) != 0) {
                            addCount(base + i, pv[cell]);
                        }
                    }
                }
                default -> {
                    for (int i = 0; i < steps; i++) {
                        int cell = from + i;
                        if ((bits[cell >>> 6] & (1L << cell)) != 0) {
                            addOther(base + i, pv[cell]);
                        }
                    }
                }
            }
        }
    }

    private void addSum(int cell, double f, double compensation) {
        if (!has[cell]) {
            has[cell] = true;
            value[cell] = f;
            comp[cell] = compensation;
        } else {
            KahanSum.add(value, comp, cell, f);
            comp[cell] += compensation;
        }
    }

    private void addCount(int cell, double n) {
        value[cell] = has[cell] ? value[cell] + n : n;
        has[cell] = true;
    }

    /** min, max and group: the rules of {@code GroupKernels}, NaN giving way to any value. */
    private void addOther(int cell, double f) {
        if (!has[cell]) {
            has[cell] = true;
            value[cell] = op == Op.GROUP ? 1 : f;
            return;
        }
        if (op == Op.MIN) {
            if (value[cell] > f || Double.isNaN(value[cell])) {
                value[cell] = f;
            }
        } else if (op == Op.MAX) {
            if (value[cell] < f || Double.isNaN(value[cell])) {
                value[cell] = f;
            }
        }
    }

    private int group(Labels key) {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        int g = groups.size();
        ids.put(key, g);
        groups.add(key);
        int need = (g + 1) * steps;
        if (need > value.length) {
            int capacity = Math.max(need, g == 0 ? expectedGroups * steps : value.length * 2);
            value = Arrays.copyOf(value, capacity);
            has = Arrays.copyOf(has, capacity);
            if (comp != null) {
                comp = Arrays.copyOf(comp, capacity);
            }
        }
        return g;
    }

    /** The number of groups so far. */
    int size() {
        return groups.size();
    }

    /**
     * The groups as a partial result, to be {@link #combine}d with other shards' ones. Hands
     * its arrays over where they fit exactly: the last call on this accumulator.
     */
    StepRows partial(int series, long samples, List<String> metricNames) {
        int cells = groups.size() * steps;
        long[] bits = new long[StepRowsBuilder.words(cells)];
        for (int c = 0; c < cells; c++) {
            if (has[c]) {
                bits[c >>> 6] |= 1L << c;
            }
        }
        return new StepRows(steps, List.copyOf(groups), StepRowsBuilder.fitted(value, cells),
                comp == null ? null : StepRowsBuilder.fitted(comp, cells), bits, series, samples,
                metricNames);
    }

    /** The final groups as series of an instant vector. */
    List<StepSeries> result(boolean dropName) {
        List<StepSeries> out = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            StepSeries s = StepSeries.empty(groups.get(g), steps);
            s.dropName = dropName;
            int base = g * steps;
            for (int i = 0; i < steps; i++) {
                if (has[base + i]) {
                    s.values[i] = comp == null ? value[base + i] : value[base + i] + comp[base + i];
                    s.present[i] = true;
                }
            }
            out.add(s);
        }
        return out;
    }
}
