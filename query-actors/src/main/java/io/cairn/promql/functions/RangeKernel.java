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
}
