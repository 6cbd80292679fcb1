package io.cairn.promql.functions;

/**
 * deriv and predict_linear: simple least-squares regression with Kahan-compensated sums, x in
 * seconds relative to an anchor (the first point for deriv, the evaluation time for
 * predict_linear) to keep the sums well conditioned.
 */
public final class RegressionKernels {
    private RegressionKernels() {}

    public static final RangeKernel DERIV = new RangeKernel() {
        @Override
        public double apply(long[] ts, double[] v, int f, int t, Window w) {
            return regression(ts, v, f, t, ts[f], false);
        }

        @Override
        public int minPoints() {
            return 2;
        }
    };

    /** predict_linear; the horizon in seconds is {@link Window#arg1}. */
    public static final RangeKernel PREDICT_LINEAR = new RangeKernel() {
        @Override
        public double apply(long[] ts, double[] v, int f, int t, Window w) {
            double slope = regression(ts, v, f, t, w.evalTimeMs, false);
            double intercept = regression(ts, v, f, t, w.evalTimeMs, true);
            return slope * w.arg1 + intercept;
        }

        @Override
        public int minPoints() {
            return 2;
        }
    };

    /** The slope, or with {@code intercept} the intercept at {@code anchorMs}. */
    static double regression(long[] ts, double[] v, int f, int t, long anchorMs, boolean intercept) {
        double n = 0;
        double sumX = 0;
        double cX = 0;
        double sumY = 0;
        double cY = 0;
        double sumXY = 0;
        double cXY = 0;
        double sumX2 = 0;
        double cX2 = 0;
        double initY = v[f];
        boolean constY = true;
        for (int k = f; k < t; k++) {
            double y = v[k];
            if (constY && k > f && y != initY) {
                constY = false;
            }
            n += 1;
            double x = (ts[k] - anchorMs) / 1e3;
            cX = comp(cX, sumX, x);
            sumX += x;
            cY = comp(cY, sumY, y);
            sumY += y;
            double xy = x * y;
            cXY = comp(cXY, sumXY, xy);
            sumXY += xy;
            double x2 = x * x;
            cX2 = comp(cX2, sumX2, x2);
            sumX2 += x2;
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return Double.NaN;
            }
            return intercept ? initY : 0;
        }
        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        return intercept ? sumY / n - slope * sumX / n : slope;
    }

    /** The Kahan–Neumaier compensation after adding {@code inc} to {@code sum}. */
    private static double comp(double c, double sum, double inc) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            return 0;
        }
        return Math.abs(sum) >= Math.abs(inc) ? c + ((sum - t) + inc) : c + ((inc - t) + sum);
    }
}
