package io.cairn.promql.functions;

/**
 * Kahan–Babuška–Neumaier compensated summation with exactly Prometheus' results
 * ({@code kahanSumInc}): the compensation is reset once the running sum overflows to ±Inf.
 * Works on caller-owned arrays so that per-step accumulators need no objects.
 *
 * <p>Prometheus takes the rounding error of {@code t = s + inc} with Fast2Sum, branching on
 * which operand is larger. Here it comes from Knuth's branch-free 2Sum instead: both are exact
 * (the error of a floating-point addition is itself a double), so they give the same double,
 * NaN where an operand is NaN or infinite (2Sum overflowing near the largest doubles falls
 * back to the branching form), and the compensation never differs in the sign of a
 * zero because it starts at +0. Why bother: when partial sums of similar magnitude are
 * combined (per-shard groups), that branch goes either way at random, and a mispredicted branch
 * costs more than the three extra additions. {@code KahanSumTest} pins the equality against
 * the branching form.
 */
public final class KahanSum {
    private KahanSum() {}

    /** Adds {@code inc} into {@code sum[i]}, keeping the compensation term in {@code c[i]}. */
    public static void add(double[] sum, double[] c, int i, double inc) {
        double s = sum[i];
        double t = s + inc;
        if (Double.isInfinite(t)) {
            c[i] = 0;
        } else {
            c[i] += roundingError(s, inc, t);
        }
        sum[i] = t;
    }

    /** Compensated sum of {@code v[from..to)}, summed in order, compensation added at the end. */
    public static double sum(double[] v, int from, int to) {
        double s = 0;
        double c = 0;
        for (int k = from; k < to; k++) {
            double inc = v[k];
            double t = s + inc;
            if (Double.isInfinite(t)) {
                c = 0;
            } else {
                c += roundingError(s, inc, t);
            }
            s = t;
        }
        return s + c;
    }

    /**
     * {@code (a + b) - t} exactly, for a finite {@code t = a + b} rounded; NaN when an operand
     * is NaN or infinite. 2Sum can overflow in its intermediate steps near the largest doubles
     * (then its result is not finite): those rare operands take the branching form.
     */
    static double roundingError(double a, double b, double t) {
        double bPart = t - a;
        double aPart = t - bPart;
        double error = (a - aPart) + (b - bPart);
        if (Double.isFinite(error)) {
            return error;
        }
        return Math.abs(a) >= Math.abs(b) ? (a - t) + b : (b - t) + a;
    }
}
