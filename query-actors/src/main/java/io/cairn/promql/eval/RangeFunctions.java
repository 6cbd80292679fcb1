package io.cairn.promql.eval;

import io.cairn.promql.functions.OverTimeKernels;
import io.cairn.promql.functions.RangeKernel;
import io.cairn.promql.functions.RateKernels;
import io.cairn.promql.functions.RegressionKernels;
import io.cairn.promql.functions.SmoothingKernels;
import io.cairn.promql.functions.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link RangeKernel} to every series of a range input at every step, walking each
 * series once with two indices ({@code from} and {@code to} only move forward because window
 * ends never decrease).
 */
final class RangeFunctions {
    private RangeFunctions() {}

    /** The kernel of a range-vector function, or null. A new instance per call (scratch state). */
    static RangeKernel kernel(String name) {
        return switch (name) {
            case "rate" -> RateKernels.counter(true);
            case "increase" -> RateKernels.counter(false);
            case "delta" -> RateKernels.DELTA;
            case "irate" -> RateKernels.IRATE;
            case "idelta" -> RateKernels.IDELTA;
            case "sum_over_time" -> OverTimeKernels.SUM;
            case "avg_over_time" -> OverTimeKernels.AVG;
            case "count_over_time" -> OverTimeKernels.COUNT;
            case "min_over_time" -> OverTimeKernels.MIN;
            case "max_over_time" -> OverTimeKernels.MAX;
            case "last_over_time" -> OverTimeKernels.LAST;
            case "first_over_time" -> OverTimeKernels.FIRST;
            case "present_over_time" -> OverTimeKernels.PRESENT;
            case "stddev_over_time" -> OverTimeKernels.STDDEV;
            case "stdvar_over_time" -> OverTimeKernels.STDVAR;
            case "quantile_over_time" -> OverTimeKernels.quantile();
            case "mad_over_time" -> OverTimeKernels.mad();
            case "changes" -> OverTimeKernels.CHANGES;
            case "resets" -> OverTimeKernels.RESETS;
            case "ts_of_min_over_time" -> OverTimeKernels.TS_OF_MIN;
            case "ts_of_max_over_time" -> OverTimeKernels.TS_OF_MAX;
            case "ts_of_first_over_time" -> OverTimeKernels.TS_OF_FIRST;
            case "ts_of_last_over_time" -> OverTimeKernels.TS_OF_LAST;
            case "deriv" -> RegressionKernels.DERIV;
            case "predict_linear" -> RegressionKernels.PREDICT_LINEAR;
            case "double_exponential_smoothing" -> SmoothingKernels.DOUBLE_EXPONENTIAL;
            default -> null;
        };
    }

    /** Functions that keep the metric name of their input. */
    static boolean keepsName(String name) {
        return name.equals("last_over_time") || name.equals("first_over_time");
    }

    /**
     * Evaluates the kernel per series and step. Consumes {@code in}: when its series list is
     * mutable, each series is released (its slot set to null) once evaluated, so that the raw
     * samples of a long range can be collected while the rest is still being evaluated rather
     * than copied by every young collection until the whole call ends. Callers must not use
     * {@code in.series()} afterwards.
     *
     * @param arg1 per-step first scalar argument, or null
     * @param arg2 per-step second scalar argument, or null
     */
    static StepVector apply(RangeInput in, RangeKernel k, double[] arg1, double[] arg2, boolean keepName,
            int steps) {
        Window w = new Window();
        w.rangeMs = in.rangeMs();
        long[] ends = in.windowEnd();
        List<RangeSeries> input = in.series();
        boolean release = input instanceof ArrayList || input instanceof StaleFreeSeriesList;
        List<StepSeries> out = new ArrayList<>(input.size());
        for (int si = 0; si < input.size(); si++) {
            RangeSeries s = input.get(si);
            if (release) {
                input.set(si, null);
            }
            StepSeries o = StepSeries.empty(s.labels(), steps);
            o.dropName = !keepName || s.dropName();
            if (windows(k, s.timestamps(), s.values(), s.count(), ends, in.rangeMs(),
                    in.evalTimes(), arg1, arg2, w, o.values, o.present)) {
                out.add(o);
            }
        }
        return new StepVector(out);
    }

    /**
     * The kernel over one series at every step: see {@link RangeKernel#applyAll}, the one
     * window walk that both the evaluator and shard rollups use.
     */
    static boolean windows(RangeKernel k, long[] ts, double[] v, int n, long[] ends, long rangeMs,
            long[] evalTimes, double[] arg1, double[] arg2, Window w, double[] values,
            boolean[] present) {
        return k.applyAll(ts, v, n, ends, rangeMs, evalTimes, arg1, arg2, w, values, present);
    }
}
