package io.cairn.promql.functions;

/**
 * rate, increase, delta (extrapolated to the window bounds, as Prometheus does) and irate,
 * idelta (last two points).
 */
public final class RateKernels {
    private RateKernels() {}

    public static final RangeKernel RATE = twoPoints((ts, v, f, t, w) -> extrapolated(ts, v, f, t, w, true, true));
    public static final RangeKernel INCREASE = twoPoints((ts, v, f, t, w) -> extrapolated(ts, v, f, t, w, true, false));
    public static final RangeKernel DELTA = twoPoints((ts, v, f, t, w) -> extrapolated(ts, v, f, t, w, false, false));
    public static final RangeKernel IRATE = twoPoints((ts, v, f, t, w) -> instant(ts, v, t, true));
    public static final RangeKernel IDELTA = twoPoints((ts, v, f, t, w) -> instant(ts, v, t, false));

    /**
     * A new rate ({@code perSecond}) or increase kernel for one evaluation call: same results
     * as {@link #RATE} / {@link #INCREASE}, but a window without counter resets (the usual case)
     * costs O(1) instead of a walk over its points, using a per-series prefix count of resets
     * built in {@link RangeKernel#prepare}. Windows with a reset still walk their points, so the
     * reset corrections are summed in Prometheus' order and results stay bit-identical. Not
     * thread-safe (per-call scratch).
     */
    public static RangeKernel counter(boolean perSecond) {
        return new CounterKernel(perSecond);
    }

    private static final class CounterKernel implements RangeKernel {
        private final boolean perSecond;
        /** resetsUpTo[i]: number of k in [1, i] with v[k] < v[k-1] for the prepared series. */
        private int[] resetsUpTo = new int[0];
        /** The prepared series has no reset at all; {@link #resetsUpTo} is then not filled. */
        private boolean noResets;

        CounterKernel(boolean perSecond) {
            this.perSecond = perSecond;
        }

        @Override
        public void prepare(long[] ts, double[] v, int n) {
            int firstReset = 1;
            while (firstReset < n && !(v[firstReset] < v[firstReset - 1])) {
                firstReset++;
            }
            noResets = firstReset >= n;
            if (noResets) {
                return; // the common case: a counter that never went down
            }
            if (resetsUpTo.length < n) {
                resetsUpTo = new int[Math.max(n, resetsUpTo.length * 2)];
            }
            int resets = 0;
            if (n > 0) {
                resetsUpTo[0] = 0;
            }
            for (int i = 1; i < n; i++) {
                if (v[i] < v[i - 1]) {
                    resets++;
                }
                resetsUpTo[i] = resets;
            }
        }

        @Override
        public double apply(long[] ts, double[] v, int from, int to, Window w) {
            boolean resetInWindow = !noResets && resetsUpTo[to - 1] != resetsUpTo[from];
            return extrapolated(ts, v, from, to, w, true, perSecond, resetInWindow);
        }

        @Override
        public int minPoints() {
            return 2;
        }
    }

    private static RangeKernel twoPoints(RangeKernel k) {
        return new RangeKernel() {
            @Override
            public double apply(long[] ts, double[] v, int from, int to, Window w) {
                return k.apply(ts, v, from, to, w);
            }

            @Override
            public int minPoints() {
                return 2;
            }
        };
    }

    /**
     * The change over the window, corrected for counter resets, extrapolated towards the window
     * bounds: all the way when the first/last point is within 1.1 average intervals of the
     * bound, else by half an average interval; counters are not extrapolated below zero.
     */
    static double extrapolated(long[] ts, double[] v, int from, int to, Window w, boolean counter,
            boolean perSecond) {
        return extrapolated(ts, v, from, to, w, counter, perSecond, counter);
    }

    /**
     * @param walkResets false only when the caller knows the window has no counter reset (the
     *     walk would add nothing)
     */
    private static double extrapolated(long[] ts, double[] v, int from, int to, Window w,
            boolean counter, boolean perSecond, boolean walkResets) {
        int last = to - 1;
        double result = v[last] - v[from];
        if (walkResets) {
            double prev = v[from];
            for (int k = from + 1; k < to; k++) {
                double cur = v[k];
                if (cur < prev) {
                    result += prev;
                }
                prev = cur;
            }
        }
        double durationToStart = (ts[from] - w.startMs) / 1000.0;
        double durationToEnd = (w.endMs - ts[last]) / 1000.0;
        double sampled = (ts[last] - ts[from]) / 1000.0;
        double avgInterval = sampled / (to - from - 1);
        double threshold = avgInterval * 1.1;
        if (durationToStart >= threshold) {
            durationToStart = avgInterval / 2;
        }
        if (counter) {
            double durationToZero = durationToStart;
            if (result > 0 && v[from] >= 0) {
                durationToZero = sampled * (v[from] / result);
            }
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold) {
            durationToEnd = avgInterval / 2;
        }
        double factor = (sampled + durationToStart + durationToEnd) / sampled;
        if (perSecond) {
            factor /= w.rangeMs / 1000.0;
        }
        return result * factor;
    }

    static double instant(long[] ts, double[] v, int to, boolean perSecond) {
        double last = v[to - 1];
        double prev = v[to - 2];
        double result = perSecond && last < prev ? last : last - prev;
        if (perSecond) {
            result /= (ts[to - 1] - ts[to - 2]) / 1000.0;
        }
        return result;
    }
}
