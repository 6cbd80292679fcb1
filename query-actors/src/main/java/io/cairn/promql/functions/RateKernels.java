package io.cairn.promql.functions;

/**
 * rate, increase, delta (extrapolated to the window bounds, as Prometheus does) and irate,
 * idelta (last two points).
 */
public final class RateKernels {
    private RateKernels() {}

    /** Relative margin of the division-free decisions; rounding errors are below 1e-15. */
    private static final double DECISION_MARGIN = 1e-9;
    private static final double SAFE_MIN = 1e-100;
    private static final double SAFE_MAX = 1e100;
    /** INVERSES[k] = 1.0 / k: approximate average intervals for windows of up to 4096 points. */
    private static final double[] INVERSES = new double[4096];

    static {
        for (int k = 1; k < INVERSES.length; k++) {
            INVERSES[k] = 1.0 / k;
        }
    }

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
            return extrapolated(ts, v, from, to, w.startMs, w.endMs, w.rangeMs / 1000.0, true, perSecond,
                    resetIn(from, to));
        }

        /**
         * The window walk fused with {@link #counterExtrapolated}: one call per series, and the
         * range in seconds divided out once rather than per window, and the windows' millisecond
         * distances turned into seconds without dividing where {@link MillisToSeconds} can.
         * Same results as the default walk over {@link #apply}, bit for bit.
         */
        @Override
        public boolean applyAll(long[] ts, double[] v, int n, long[] ends, long rangeMs,
                long[] evalTimes, double[] arg1, double[] arg2, Window w, double[] values,
                boolean[] present) {
            prepare(ts, v, n);
            double rangeSeconds = rangeMs / 1000.0;
            // Every distance inside a window is at most rangeMs.
            boolean fmaSeconds = MillisToSeconds.FAST && rangeMs < MillisToSeconds.EXACT_LIMIT;
            boolean any = false;
            int from = 0;
            int to = 0;
            for (int i = 0; i < values.length; i++) {
                long end = ends[i];
                long start = end - rangeMs;
                while (to < n && ts[to] <= end) {
                    to++;
                }
                while (from < to && ts[from] <= start) {
                    from++;
                }
                if (to - from < 2) {
                    present[i] = false;
                    continue;
                }
                values[i] = counterExtrapolated(ts, v, from, to, start, end, rangeSeconds, perSecond,
                        resetIn(from, to), fmaSeconds);
                present[i] = true;
                any = true;
            }
            return any;
        }

        private boolean resetIn(int from, int to) {
            return !noResets && resetsUpTo[to - 1] != resetsUpTo[from];
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
        return extrapolated(ts, v, from, to, w.startMs, w.endMs, w.rangeMs / 1000.0, counter, perSecond, counter);
    }

    /**
     * @param startMs exclusive start of the window
     * @param endMs inclusive end of the window
     * @param rangeSeconds the selector range in seconds ({@code rangeMs / 1000.0}), used only
     *     when {@code perSecond}
     * @param walkResets false only when the caller knows the window has no counter reset (the
     *     walk would add nothing)
     */
    private static double extrapolated(long[] ts, double[] v, int from, int to, long startMs,
            long endMs, double rangeSeconds, boolean counter, boolean perSecond, boolean walkResets) {
        int last = to - 1;
        double result = change(v, from, to, walkResets);
        double durationToStart = (ts[from] - startMs) / 1000.0;
        double durationToEnd = (endMs - ts[last]) / 1000.0;
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
            factor /= rangeSeconds;
        }
        return result * factor;
    }

    /** The last value minus the first, plus the value before each drop when walking resets. */
    private static double change(double[] v, int from, int to, boolean walkResets) {
        double result = v[to - 1] - v[from];
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
        return result;
    }

    /**
     * {@link #extrapolated} for a counter, bit for bit, with two of its divisions skipped in
     * the usual window: the average interval (needed only to compare both ends' distances with
     * 1.1 intervals) and the distance to zero (needed only when it is shorter than the distance
     * to the start); a third, the range in seconds, the caller divides once per series. Both are decided first with multiplications and a relative margin of
     * {@value #DECISION_MARGIN}, far above their rounding errors (a few units in the last place);
     * a window whose decision falls inside the margin, or whose figures are outside the range
     * where that error bound holds, takes the exact path.
     */
    static double counterExtrapolated(long[] ts, double[] v, int from, int to, long startMs,
            long endMs, double rangeSeconds, boolean perSecond, boolean walkResets,
            boolean fmaSeconds) {
        int last = to - 1;
        int intervals = last - from;
        if (intervals >= INVERSES.length) {
            return extrapolated(ts, v, from, to, startMs, endMs, rangeSeconds, true, perSecond, walkResets);
        }
        double durationToStart = seconds(ts[from] - startMs, fmaSeconds);
        double durationToEnd = seconds(endMs - ts[last], fmaSeconds);
        double sampled = seconds(ts[last] - ts[from], fmaSeconds);
        double nearBound = sampled * INVERSES[intervals] * 1.1 * (1 - DECISION_MARGIN);
        if (!(durationToStart < nearBound && durationToEnd < nearBound)) {
            // An end is (or may be) more than 1.1 average intervals away: exact path.
            return extrapolated(ts, v, from, to, startMs, endMs, rangeSeconds, true, perSecond, walkResets);
        }
        double result = change(v, from, to, walkResets);
        double first = v[from];
        if (result > 0 && first >= 0 && !clearlyFurtherThan(first, result, sampled, durationToStart)) {
            double durationToZero = sampled * (first / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double factor = (sampled + durationToStart + durationToEnd) / sampled;
        if (perSecond) {
            factor /= rangeSeconds;
        }
        return result * factor;
    }

    /** {@code ms / 1000.0}; {@code viaFma} only for {@code |ms| < MillisToSeconds.EXACT_LIMIT}. */
    private static double seconds(long ms, boolean viaFma) {
        return viaFma ? MillisToSeconds.seconds(ms) : ms / 1000.0;
    }

    /**
     * Whether {@code sampled * (first / result)} (the distance to where the counter would be
     * zero) is certainly at least {@code durationToStart}, decided without dividing. Only for
     * figures well inside the normal double range, where products err by at most one unit in
     * the last place.
     */
    private static boolean clearlyFurtherThan(double first, double result, double sampled,
            double durationToStart) {
        boolean normalRange = first > SAFE_MIN && first < SAFE_MAX && result > SAFE_MIN && result < SAFE_MAX
                && sampled > SAFE_MIN && sampled < SAFE_MAX && durationToStart > SAFE_MIN
                && durationToStart < SAFE_MAX;
        return normalRange && first * sampled > durationToStart * result * (1 + DECISION_MARGIN);
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
