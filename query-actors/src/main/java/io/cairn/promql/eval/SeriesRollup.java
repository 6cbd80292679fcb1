package io.cairn.promql.eval;

import io.cairn.promql.functions.RangeKernel;
import io.cairn.promql.functions.Window;
import io.cairn.storage.api.RollupEngine;
import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shard read's rollup: every series is evaluated at all steps as soon as its samples are
 * decoded (into reused scratch columns), then kept as a row or folded into its aggregation
 * group; the samples themselves are never kept. The steps are evaluated by the evaluator's
 * own walks over a series: {@link SelectorEvaluator#newestInLookback} for an instant selector,
 * {@link RangeFunctions#windows} (after dropping staleness markers) for a range function.
 * Series without any value are left out. Used by one thread.
 */
final class SeriesRollup implements RollupEngine.Rollup {
    private final RollupSpec spec;
    private final int steps;
    private final RangeKernel kernel;
    private final long[] ends;
    private final long[] evalTimes;
    /** The constant scalar arguments as per-step columns (null: the function has none). */
    private final double[] arg1;
    private final double[] arg2;
    private final Window window = new Window();
    private final double[] values;
    private final boolean[] present;
    private final StepRowsBuilder rows;
    private final GroupPartials groups;
    /** The most groups a rollup of this spec has found, shared with the others (a hint). */
    private final AtomicInteger groupsSeen;
    private final Set<String> metricNames = new HashSet<>();
    private long[] cleanTs = new long[0];
    private double[] cleanValues = new double[0];
    private int series;
    private long samples;

    SeriesRollup(RollupSpec spec) {
        this(spec, StepColumns.of(spec), new AtomicInteger());
    }

    /**
     * With the step columns of {@code spec} and the most groups found by a rollup of it so far,
     * both of which rollups of the same spec may share.
     */
    SeriesRollup(RollupSpec spec, StepColumns columns, AtomicInteger groupsSeen) {
        this.spec = spec;
        this.steps = spec.steps();
        if (spec.function().equals(RollupSpec.INSTANT)) {
            this.kernel = null;
        } else {
            this.kernel = RangeFunctions.kernel(spec.function());
            if (kernel == null) {
                throw new IllegalArgumentException("no range function " + spec.function());
            }
        }
        this.ends = columns.ends();
        this.evalTimes = columns.evalTimes();
        this.arg1 = columns.arg1();
        this.arg2 = columns.arg2();
        window.rangeMs = spec.rangeMs();
        this.values = new double[steps];
        this.present = new boolean[steps];
        this.groupsSeen = groupsSeen;
        this.groups = spec.aggregation() == null ? null
                : new GroupPartials(spec.aggregation(), steps, groupsSeen.get());
        this.rows = groups == null ? new StepRowsBuilder(steps) : null;
    }

    @Override
    public void accept(Labels labels, long[] ts, double[] v, int n) {
        series++;
        samples += n;
        String name = labels.metricName();
        if (name != null) {
            metricNames.add(name);
        }
        boolean any = kernel == null ? lookback(ts, v, n) : windows(ts, v, n);
        if (!any) {
            return;
        }
        if (groups != null) {
            groups.add(labels, values, present);
        } else {
            rows.add(labels, values, present);
        }
    }

    @Override
    public StepRows finish() {
        var names = new ArrayList<>(metricNames);
        if (groups == null) {
            return rows.build(series, samples, names);
        }
        groupsSeen.accumulateAndGet(groups.size(), Math::max);
        return groups.partial(series, samples, names);
    }

    private boolean lookback(long[] ts, double[] v, int n) {
        return SelectorEvaluator.newestInLookback(ts, v, n, ends, spec.lookbackMs(), false,
                values, present);
    }

    private boolean windows(long[] rawTs, double[] rawV, int rawN) {
        int n = withoutStaleMarkers(rawTs, rawV, rawN);
        long[] ts = n == rawN ? rawTs : cleanTs;
        double[] v = n == rawN ? rawV : cleanValues;
        return RangeFunctions.windows(kernel, ts, v, n, ends, spec.rangeMs(), evalTimes, arg1,
                arg2, window, values, present);
    }

    /**
     * The number of samples that are not staleness markers; when there are markers, those
     * samples are copied to the scratch columns (the reader's arrays are not ours to change).
     */
    private int withoutStaleMarkers(long[] ts, double[] v, int n) {
        int first = 0;
        while (first < n && !StaleMarker.is(v[first])) {
            first++;
        }
        if (first == n) {
            return n;
        }
        if (cleanTs.length < n) {
            cleanTs = new long[n];
            cleanValues = new double[n];
        }
        System.arraycopy(ts, 0, cleanTs, 0, first);
        System.arraycopy(v, 0, cleanValues, 0, first);
        int w = first;
        for (int r = first + 1; r < n; r++) {
            if (!StaleMarker.is(v[r])) {
                cleanTs[w] = ts[r];
                cleanValues[w++] = v[r];
            }
        }
        return w;
    }
}
