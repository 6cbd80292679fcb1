package io.cairn.promql.functions;

/**
 * Kahan–Babuška–Neumaier compensated summation exactly as Prometheus does it
 * ({@code kahanSumInc}): the compensation is reset once the running sum overflows to ±Inf.
 * Works on caller-owned arrays so that per-step accumulators need no objects.
 */
public final class KahanSum {
    private KahanSum() {}

    /** Adds {@code inc} into {@code sum[i]}, keeping the compensation term in {@code c[i]}. */
    public static void add(double[] sum, double[] c, int i, double inc) {
        double s = sum[i];
        double t = s + inc;
        if (Double.isInfinite(t)) {
            c[i] = 0;
        } else if (Math.abs(s) >= Math.abs(inc)) {
            c[i] += (s - t) + inc;
        } else {
            c[i] += (inc - t) + s;
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
            } else if (Math.abs(s) >= Math.abs(inc)) {
                c += (s - t) + inc;
            } else {
                c += (inc - t) + s;
            }
            s = t;
        }
        return s + c;
    }
}
