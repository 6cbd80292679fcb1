package io.cairn.promql.functions;

/**
 * The per-step facts a range kernel may need besides the points: the window bounds, the
 * evaluation time and scalar arguments of that step. One instance is reused for all steps
 * of a call (no per-step allocation). Not thread-safe.
 */
public final class Window {
    /** Exclusive start of the window (epoch ms): {@code end - range}. */
    public long startMs;
    /** Inclusive end of the window (epoch ms): the step's time minus offset, or the @ time. */
    public long endMs;
    /** The selector range in ms. */
    public long rangeMs;
    /** The step time Prometheus reports as evaluation time (predict_linear's anchor). */
    public long evalTimeMs;
    /** First scalar argument at this step (quantile, prediction horizon, smoothing factor). */
    public double arg1;
    /** Second scalar argument at this step (trend factor). */
    public double arg2;
}
