package io.cairn.promql.eval;

import io.cairn.promql.ast.AtModifier;
import io.cairn.promql.ast.DurationExpr;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.SelectorMode;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.model.StaleMarker;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates selectors over a whole grid with a single storage read each: the read covers the
 * windows of every step at once, then each series is walked once with a moving index.
 *
 * <p>Instant selectors take, per step, the newest sample in the left-open lookback window
 * {@code (ref - lookback, ref]} where {@code ref = (@ or step time) - offset}; a staleness
 * marker as newest sample means "no value". Range selectors return the raw samples with
 * staleness markers removed, windows {@code (ref - range, ref]}.
 */
final class SelectorEvaluator {
    private final EvalContext ctx;

    SelectorEvaluator(EvalContext ctx) {
        this.ctx = ctx;
    }

    long millis(DurationExpr d) {
        return d.toMillis(ctx.queryStepMs, ctx.queryRangeMs());
    }

    /** Reference times {@code (@ or step time) - offset} for every step of the grid. */
    long[] referenceTimes(AtModifier at, long offsetMs, EvalGrid grid) {
        long[] ref = new long[grid.count()];
        if (at != null) {
            long t = at.resolve(ctx.queryStartMs, ctx.queryEndMs) - offsetMs;
            java.util.Arrays.fill(ref, t);
        } else {
            for (int i = 0; i < ref.length; i++) {
                ref[i] = grid.time(i) - offsetMs;
            }
        }
        return ref;
    }

    StepVector instant(VectorSelector vs, EvalGrid grid) {
        return instant(vs, grid, false);
    }

    /** Like {@link #instant} but each point's value is its sample's timestamp in seconds. */
    StepVector instantWithTimestamps(VectorSelector vs, EvalGrid grid) {
        return instant(vs, grid, true);
    }

    private StepVector instant(VectorSelector vs, EvalGrid grid, boolean sampleTimes) {
        if (vs.mode() == SelectorMode.SMOOTHED && !sampleTimes) {
            return smoothed(vs, grid);
        }
        int n = grid.count();
        long[] ref = referenceTimes(vs.at(), millis(vs.offset()), grid);
        long lookback = ctx.options.lookbackDeltaMs();
        List<StepSeries> out = new ArrayList<>();
        if (n == 0) {
            return new StepVector(out);
        }
        List<SeriesData> data = select(vs, ref[0] - lookback + 1, ref[n - 1]);
        for (SeriesData sd : data) {
            StepSeries s = StepSeries.empty(sd.labels(), n);
            if (newestInLookback(sd.timestamps(), sd.values(), sd.count(), ref, lookback,
                    sampleTimes, s.values, s.present)) {
                out.add(s);
            }
        }
        return new StepVector(out);
    }

    /**
     * Per step {@code i}, the newest sample of {@code ts}/{@code v} ({@code n} samples) in the
     * left-open lookback window {@code (ref[i] - lookback, ref[i]]}, absent when there is none
     * or it is a staleness marker. Fills {@code values} (the sample's value, or with
     * {@code sampleTimes} its timestamp in seconds) and {@code present} for every step; returns
     * whether any step has a value.
     */
    static boolean newestInLookback(long[] ts, double[] v, int n, long[] ref, long lookback,
            boolean sampleTimes, double[] values, boolean[] present) {
        boolean any = false;
        int j = 0;
        for (int i = 0; i < values.length; i++) {
            long r = ref[i];
            while (j < n && ts[j] <= r) {
                j++;
            }
            // j - 1 is now the newest sample at or before r.
            boolean has = j > 0 && ts[j - 1] > r - lookback && !StaleMarker.is(v[j - 1]);
            present[i] = has;
            if (has) {
                values[i] = sampleTimes ? ts[j - 1] / 1000.0 : v[j - 1];
                any = true;
            }
        }
        return any;
    }

    /**
     * {@code metric smoothed}: the value at each step interpolated linearly between the newest
     * sample at or before it (within the lookback) and the next sample after it (within the
     * lookback); without a next sample the last value carries forward.
     */
    private StepVector smoothed(VectorSelector vs, EvalGrid grid) {
        int n = grid.count();
        long[] ref = referenceTimes(vs.at(), millis(vs.offset()), grid);
        long lookback = ctx.options.lookbackDeltaMs();
        List<StepSeries> out = new ArrayList<>();
        if (n == 0) {
            return new StepVector(out);
        }
        for (SeriesData sd : select(vs, ref[0] - lookback + 1, ref[n - 1] + lookback)) {
            long[] ts = sd.timestamps();
            double[] v = sd.values();
            int cnt = sd.count();
            StepSeries s = StepSeries.empty(sd.labels(), n);
            boolean any = false;
            int j = 0;
            for (int i = 0; i < n; i++) {
                long r = ref[i];
                while (j < cnt && ts[j] <= r) {
                    j++;
                }
                if (j == 0 || ts[j - 1] <= r - lookback || StaleMarker.is(v[j - 1])) {
                    continue;
                }
                double prev = v[j - 1];
                double val = prev;
                if (ts[j - 1] != r && j < cnt && ts[j] <= r + lookback && !StaleMarker.is(v[j])) {
                    double f = (double) (r - ts[j - 1]) / (ts[j] - ts[j - 1]);
                    val = prev + (v[j] - prev) * f;
                }
                s.values[i] = val;
                s.present[i] = true;
                any = true;
            }
            if (any) {
                out.add(s);
            }
        }
        return new StepVector(out);
    }

    RangeInput range(MatrixSelector ms, EvalGrid grid) {
        VectorSelector vs = ms.selector();
        int n = grid.count();
        long rangeMs = millis(ms.range());
        long[] ref = referenceTimes(vs.at(), millis(vs.offset()), grid);
        long[] evalTimes = new long[n];
        for (int i = 0; i < n; i++) {
            // predict_linear anchors at the step time even when the selector is pinned by @.
            evalTimes[i] = grid.time(i);
        }
        List<RangeSeries> out = List.of();
        long lookback = ctx.options.lookbackDeltaMs();
        SelectorMode mode = vs.mode();
        if (n > 0) {
            long min = ref[0] - rangeMs + 1;
            long max = ref[n - 1];
            if (mode != SelectorMode.DEFAULT) {
                min -= lookback;
            }
            if (mode == SelectorMode.SMOOTHED) {
                max += lookback;
            }
            out = new StaleFreeSeriesList(select(vs, min, max));
        }
        return new RangeInput(out, ref, rangeMs, evalTimes, true, metricName(vs), mode, lookback);
    }

    private List<SeriesData> select(VectorSelector vs, long minT, long maxT) {
        ctx.deadline.check();
        List<SeriesData> data = ctx.source.select(ctx.tenant, vs.matchers(), minT, maxT,
                ctx.options.maxSeries());
        long total = 0;
        for (SeriesData sd : data) {
            total += sd.count();
        }
        ctx.addSamples(total);
        return data;
    }

    static String metricName(VectorSelector vs) {
        for (var m : vs.matchers()) {
            if (m.name().equals(io.cairn.storage.model.Labels.METRIC_NAME)
                    && m.type() == io.cairn.storage.model.LabelMatcher.Type.EQ) {
                return m.value();
            }
        }
        return null;
    }
}
