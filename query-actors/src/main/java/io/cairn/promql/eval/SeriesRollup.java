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

/**
 * One shard read's rollup: every series is evaluated at all steps as soon as its samples are
 * decoded (into reused scratch columns), then kept as a row or folded into its aggregation
 * group; the samples themselves are never kept. Per step the rules are those of the
 * evaluator: an instant selector takes the newest sample in {@code (end - lookback, end]}
 * unless it is a staleness marker ({@link SelectorEvaluator}); a range function sees the
 * window {@code (end - range, end]} without staleness markers and yields a value only from
 * {@link RangeKernel#minPoints()} points on ({@link RangeFunctions}). Series without any
 * value are left out. Used by one thread.
 */
final class SeriesRollup implements RollupEngine.Rollup {
    private final RollupSpec spec;
    private final int steps;
    private final RangeKernel kernel;
    private final long[] ends;
    private final Window window = new Window();
    private final double[] values;
    private final boolean[] present;
    private final StepRowsBuilder rows;
    private final GroupPartials groups;
    private final Set<String> metricNames = new HashSet<>();
    private long[] cleanTs = new long[0];
    private double[] cleanValues = new double[0];
    private int series;
    private long samples;

    SeriesRollup(RollupSpec spec) {
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
        this.ends = new long[steps];
        for (int i = 0; i < steps; i++) {
            ends[i] = spec.windowEnd(i);
        }
        window.rangeMs = spec.rangeMs();
        window.arg1 = spec.args().length > 0 ? spec.args()[0] : 0;
        window.arg2 = spec.args().length > 1 ? spec.args()[1] : 0;
        this.values = new double[steps];
        this.present = new boolean[steps];
        this.groups = spec.aggregation() == null ? null
                : new GroupPartials(spec.aggregation(), steps);
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
        return groups != null ? groups.partial(series, samples, names)
                : rows.build(series, samples, names);
    }

    private boolean lookback(long[] ts, double[] v, int n) {
        long lookback = spec.lookbackMs();
        boolean any = false;
        int j = 0;
        for (int i = 0; i < steps; i++) {
            long r = ends[i];
            while (j < n && ts[j] <= r) {
                j++;
            }
            boolean has = j > 0 && ts[j - 1] > r - lookback && !StaleMarker.is(v[j - 1]);
            present[i] = has;
            if (has) {
                values[i] = v[j - 1];
                any = true;
            }
        }
        return any;
    }

    private boolean windows(long[] rawTs, double[] rawV, int rawN) {
        int n = withoutStaleMarkers(rawTs, rawV, rawN);
        long[] ts = n == rawN ? rawTs : cleanTs;
        double[] v = n == rawN ? rawV : cleanValues;
        kernel.prepare(ts, v, n);
        int min = kernel.minPoints();
        long range = spec.rangeMs();
        boolean any = false;
        int from = 0;
        int to = 0;
        for (int i = 0; i < steps; i++) {
            long end = ends[i];
            long start = end - range;
            while (to < n && ts[to] <= end) {
                to++;
            }
            while (from < to && ts[from] <= start) {
                from++;
            }
            if (to - from < min) {
                present[i] = false;
                continue;
            }
            window.startMs = start;
            window.endMs = end;
            window.evalTimeMs = spec.evalTime(i);
            values[i] = kernel.apply(ts, v, from, to, window);
            present[i] = true;
            any = true;
        }
        return any;
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
