package io.cairn.promql.functions;

/**
 * A function of the points of one series in one window: {@code ts[from..to)} ascending (ms)
 * with values {@code v[from..to)}. Called only with at least {@link #minPoints()} points.
 * Implementations are stateless and allocation-free unless noted.
 */
public interface RangeKernel {
    double apply(long[] ts, double[] v, int from, int to, Window w);

    /** The fewest points for which the function yields a value (fewer: no output). */
    default int minPoints() {
        return 1;
    }
}
