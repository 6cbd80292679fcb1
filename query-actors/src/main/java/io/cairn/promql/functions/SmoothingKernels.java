package io.cairn.promql.functions;

/**
 * double_exponential_smoothing (Holt's linear method, formerly holt_winters): smoothing factor
 * {@link Window#arg1} and trend factor {@link Window#arg2}, both validated by the caller to lie
 * strictly between 0 and 1.
 */
public final class SmoothingKernels {
    private SmoothingKernels() {}

    public static final RangeKernel DOUBLE_EXPONENTIAL = new RangeKernel() {
        @Override
        public double apply(long[] ts, double[] v, int f, int t, Window w) {
            double sf = w.arg1;
            double tf = w.arg2;
            double s0 = 0;
            double s1 = v[f];
            double b = v[f + 1] - v[f];
            for (int k = 1; k < t - f; k++) {
                double x = sf * v[f + k];
                if (k - 1 != 0) {
                    b = tf * (s1 - s0) + (1 - tf) * b;
                }
                double y = (1 - sf) * (s1 + b);
                s0 = s1;
                s1 = x + y;
            }
            return s1;
        }

        @Override
        public int minPoints() {
            return 2;
        }
    };
}
