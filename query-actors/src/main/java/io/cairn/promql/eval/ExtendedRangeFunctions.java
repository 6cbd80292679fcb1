package io.cairn.promql.eval;

import io.cairn.promql.ast.SelectorMode;
import java.util.ArrayList;
import java.util.List;

/**
 * rate, increase, delta, changes and resets over {@code anchored} and {@code smoothed} range
 * selectors (Prometheus 3's experimental extended range selectors). Neither extrapolates:
 *
 * <ul>
 *   <li>anchored: the window's samples preceded by the newest sample in the lookback before the
 *       window start (the anchor); no sample inside the window means no result.
 *   <li>smoothed: the window's samples framed by values interpolated at both bounds (counter-
 *       aware for rate/increase: across a reset the counter restarts from zero); a bound with no
 *       sample before it takes the first sample after it, the end with no sample after it the
 *       last sample before it; no sample after the start or none before the end means no result.
 * </ul>
 */
final class ExtendedRangeFunctions {
    private ExtendedRangeFunctions() {}

    static StepVector apply(RangeInput in, String name, int steps) {
        boolean smoothed = in.mode() == SelectorMode.SMOOTHED;
        boolean counter = name.equals("rate") || name.equals("increase");
        long lookback = in.lookbackMs();
        long[] ends = in.windowEnd();
        List<StepSeries> out = new ArrayList<>(in.series().size());
        double[] seq = new double[16];
        for (RangeSeries s : in.series()) {
            long[] ts = s.timestamps();
            double[] v = s.values();
            int cnt = s.count();
            if (seq.length < cnt + 2) {
                seq = new double[cnt + 2];
            }
            StepSeries o = StepSeries.empty(s.labels(), steps);
            o.dropName = true;
            boolean any = false;
            int a = 0;
            int b = 0;
            for (int i = 0; i < steps; i++) {
                long end = ends[i];
                long start = end - in.rangeMs();
                while (a < cnt && ts[a] <= start) {
                    a++;
                }
                while (b < cnt && ts[b] <= end) {
                    b++;
                }
                int len = 0;
                boolean hasBefore = a > 0 && ts[a - 1] > start - lookback;
                if (!smoothed) {
                    if (b == a) {
                        continue;
                    }
                    if (hasBefore) {
                        seq[len++] = v[a - 1];
                    }
                    for (int k = a; k < b; k++) {
                        seq[len++] = v[k];
                    }
                } else {
                    if (a >= cnt || b == 0) {
                        continue;
                    }
                    seq[len++] = hasBefore ? interpolate(ts, v, a - 1, start, counter) : v[a];
                    for (int k = a; k < b; k++) {
                        seq[len++] = v[k];
                    }
                    if (ts[b - 1] == end || b >= cnt || ts[b] > end + lookback) {
                        seq[len++] = v[b - 1];
                    } else {
                        seq[len++] = interpolate(ts, v, b - 1, end, counter);
                    }
                }
                o.values[i] = result(name, seq, len, in.rangeMs());
                o.present[i] = true;
                any = true;
            }
            if (any) {
                out.add(o);
            }
        }
        return new StepVector(out);
    }

    /** The value at t between samples p and p + 1; a counter restarts from 0 across a reset. */
    private static double interpolate(long[] ts, double[] v, int p, long t, boolean counter) {
        double f = (double) (t - ts[p]) / (ts[p + 1] - ts[p]);
        double prev = v[p];
        double next = v[p + 1];
        if (counter && next < prev) {
            return next * f;
        }
        return prev + (next - prev) * f;
    }

    private static double result(String name, double[] seq, int len, long rangeMs) {
        switch (name) {
            case "changes": {
                int c = 0;
                for (int k = 1; k < len; k++) {
                    if (seq[k] != seq[k - 1] && !(Double.isNaN(seq[k]) && Double.isNaN(seq[k - 1]))) {
                        c++;
                    }
                }
                return c;
            }
            case "resets": {
                int c = 0;
                for (int k = 1; k < len; k++) {
                    if (seq[k] < seq[k - 1]) {
                        c++;
                    }
                }
                return c;
            }
            case "delta":
                return seq[len - 1] - seq[0];
            case "increase":
            case "rate": {
                double inc = seq[len - 1] - seq[0];
                for (int k = 1; k < len; k++) {
                    if (seq[k] < seq[k - 1]) {
                        inc += seq[k - 1];
                    }
                }
                return name.equals("rate") ? inc / (rangeMs / 1000.0) : inc;
            }
            default:
                throw new IllegalStateException("BUG: " + name + " on an extended range selector");
        }
    }
}
