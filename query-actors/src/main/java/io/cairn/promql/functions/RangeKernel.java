package io.cairn.promql.functions;

/**
 * A function of the points of one series in one window: {@code ts[from..to)} ascending (ms)
 * with values {@code v[from..to)}. Called only with at least {@link #minPoints()} points.
 * Implementations are stateless and allocation-free unless noted.
 */
public interface RangeKernel {
    double apply(long[] ts, double[] v, int from, int to, Window w);

    /**
     * Called with a whole series ({@code ts[0..n)}, {@code v[0..n)}) before {@link #apply} is
     * called for its windows, so that a kernel can precompute per-series state (prefix counts)
     * that makes each window O(1). Stateful kernels are created per evaluation call and used by
     * one thread; the default does nothing.
     */
    default void prepare(long[] ts, double[] v, int n) {}

    /** The fewest points for which the function yields a value (fewer: no output). */
    default int minPoints() {
        return 1;
    }

    /**
     * The kernel over one whole series ({@code ts}/{@code v}, {@code n} points, no staleness
     * markers) at every step ({@code values.length} of them): step {@code i} sees
     * {@code (ends[i] - rangeMs, ends[i]]}. Fills {@code values} and {@code present} (false where
     * the window holds fewer than {@link #minPoints()} points); returns whether any step has a
     * value.
     *
     * <p>The default walks the series once with two indices, which only move forward because
     * window ends never decrease, and calls {@link #prepare} once and {@link #apply} per window.
     * A kernel overrides it only to fuse that walk with its arithmetic (one call per series
     * instead of one interface call per window); an override must give the same results bit for
     * bit.
     *
     * @param arg1 per-step first scalar argument, or null
     * @param arg2 per-step second scalar argument, or null
     * @param w scratch for the per-step facts, its {@code rangeMs} set by the caller
     */
    default boolean applyAll(long[] ts, double[] v, int n, long[] ends, long rangeMs,
            long[] evalTimes, double[] arg1, double[] arg2, Window w, double[] values,
            boolean[] present) {
        prepare(ts, v, n);
        int min = minPoints();
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
            if (to - from < min) {
                present[i] = false;
                continue;
            }
            w.startMs = start;
            w.endMs = end;
            w.evalTimeMs = evalTimes[i];
            w.arg1 = arg1 == null ? 0 : arg1[i];
            w.arg2 = arg2 == null ? 0 : arg2[i];
            values[i] = apply(ts, v, from, to, w);
            present[i] = true;
            any = true;
        }
        return any;
    }
}
