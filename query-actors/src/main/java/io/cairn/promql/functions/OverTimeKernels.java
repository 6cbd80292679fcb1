package io.cairn.promql.functions;

/**
 * The {@code *_over_time} family, changes and resets, with Prometheus's exact arithmetic
 * (Kahan sums, the overflow-safe mean, NaN ordering in min/max).
 */
public final class OverTimeKernels {
    private OverTimeKernels() {}

    public static final RangeKernel SUM = (ts, v, f, t, w) -> {
        double sum = 0;
        double c = 0;
        for (int k = f; k < t; k++) {
            double inc = v[k];
            double s = sum + inc;
            if (Double.isInfinite(s)) {
                c = 0;
            } else if (Math.abs(sum) >= Math.abs(inc)) {
                c += (sum - s) + inc;
            } else {
                c += (inc - s) + sum;
            }
            sum = s;
        }
        return Double.isInfinite(sum) ? sum : sum + c;
    };

    public static final RangeKernel AVG = (ts, v, f, t, w) -> mean(v, f, t);

    public static final RangeKernel COUNT = (ts, v, f, t, w) -> t - f;

    public static final RangeKernel MIN = (ts, v, f, t, w) -> {
        double m = v[f];
        for (int k = f; k < t; k++) {
            if (v[k] < m || Double.isNaN(m)) {
                m = v[k];
            }
        }
        return m;
    };

    public static final RangeKernel MAX = (ts, v, f, t, w) -> {
        double m = v[f];
        for (int k = f; k < t; k++) {
            if (v[k] > m || Double.isNaN(m)) {
                m = v[k];
            }
        }
        return m;
    };

    public static final RangeKernel LAST = (ts, v, f, t, w) -> v[t - 1];
    public static final RangeKernel FIRST = (ts, v, f, t, w) -> v[f];
    public static final RangeKernel PRESENT = (ts, v, f, t, w) -> 1;
    public static final RangeKernel TS_OF_LAST = (ts, v, f, t, w) -> ts[t - 1] / 1000.0;
    public static final RangeKernel TS_OF_FIRST = (ts, v, f, t, w) -> ts[f] / 1000.0;

    /** Timestamp of the (last) minimum; NaN values are skipped unless all are NaN. */
    public static final RangeKernel TS_OF_MIN = (ts, v, f, t, w) -> tsOfExtreme(ts, v, f, t, false);
    public static final RangeKernel TS_OF_MAX = (ts, v, f, t, w) -> tsOfExtreme(ts, v, f, t, true);

    public static final RangeKernel STDVAR = (ts, v, f, t, w) -> variance(v, f, t);
    public static final RangeKernel STDDEV = (ts, v, f, t, w) -> Math.sqrt(variance(v, f, t));

    public static final RangeKernel CHANGES = (ts, v, f, t, w) -> {
        int changes = 0;
        double prev = v[f];
        for (int k = f + 1; k < t; k++) {
            double cur = v[k];
            if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
                changes++;
            }
            prev = cur;
        }
        return changes;
    };

    public static final RangeKernel RESETS = (ts, v, f, t, w) -> {
        int resets = 0;
        double prev = v[f];
        for (int k = f + 1; k < t; k++) {
            double cur = v[k];
            if (cur < prev) {
                resets++;
            }
            prev = cur;
        }
        return resets;
    };

    /** quantile_over_time; the quantile is {@link Window#arg1}. Holds a scratch buffer. */
    public static RangeKernel quantile() {
        return new RangeKernel() {
            private double[] buf = new double[16];

            @Override
            public double apply(long[] ts, double[] v, int f, int t, Window w) {
                buf = copy(v, f, t, buf);
                return Quantiles.quantile(w.arg1, buf, t - f);
            }
        };
    }

    /** mad_over_time: median absolute deviation from the median. Holds a scratch buffer. */
    public static RangeKernel mad() {
        return new RangeKernel() {
            private double[] buf = new double[16];

            @Override
            public double apply(long[] ts, double[] v, int f, int t, Window w) {
                int n = t - f;
                for (int k = f; k < t; k++) {
                    if (Double.isNaN(v[k])) {
                        return Double.NaN;
                    }
                }
                buf = copy(v, f, t, buf);
                double median = Quantiles.quantile(0.5, buf, n);
                for (int k = 0; k < n; k++) {
                    buf[k] = Math.abs(v[f + k] - median);
                }
                return Quantiles.quantile(0.5, buf, n);
            }
        };
    }

    private static double[] copy(double[] v, int f, int t, double[] buf) {
        int n = t - f;
        if (buf.length < n) {
            buf = new double[Math.max(n, buf.length * 2)];
        }
        System.arraycopy(v, f, buf, 0, n);
        return buf;
    }

    /**
     * Prometheus's mean: a compensated direct sum while it stays finite, else an incremental
     * mean (which cannot overflow).
     */
    public static double mean(double[] v, int f, int t) {
        double sum = v[f];
        double count = 1;
        double mean = 0;
        double c = 0;
        boolean incremental = false;
        for (int k = f + 1; k < t; k++) {
            double x = v[k];
            count = k - f + 1;
            if (!incremental) {
                double s = sum + x;
                if (!Double.isInfinite(s)) {
                    if (Math.abs(sum) >= Math.abs(x)) {
                        c += (sum - s) + x;
                    } else {
                        c += (x - s) + sum;
                    }
                    sum = s;
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                c /= count - 1;
            }
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(x) && (mean > 0) == (x > 0)) {
                    continue;
                }
                if (!Double.isInfinite(x) && !Double.isNaN(x)) {
                    continue;
                }
            }
            double q = (count - 1) / count;
            double base = q * mean;
            double inc = x / count;
            c = q * c;
            double s = base + inc;
            if (Double.isInfinite(s)) {
                c = 0;
            } else if (Math.abs(base) >= Math.abs(inc)) {
                c += (base - s) + inc;
            } else {
                c += (inc - s) + base;
            }
            mean = s;
        }
        if (incremental) {
            return mean + c;
        }
        return sum / count + c / count;
    }

    /** Population variance with a Kahan-compensated running mean, as Prometheus computes it. */
    static double variance(double[] v, int f, int t) {
        double count = 0;
        double mean = 0;
        double cMean = 0;
        double aux = 0;
        double cAux = 0;
        for (int k = f; k < t; k++) {
            double x = v[k];
            count++;
            double delta = x - (mean + cMean);
            double inc = delta / count;
            double s = mean + inc;
            if (Double.isInfinite(s)) {
                cMean = 0;
            } else if (Math.abs(mean) >= Math.abs(inc)) {
                cMean += (mean - s) + inc;
            } else {
                cMean += (inc - s) + mean;
            }
            mean = s;
            double inc2 = delta * (x - (mean + cMean));
            double s2 = aux + inc2;
            if (Double.isInfinite(s2)) {
                cAux = 0;
            } else if (Math.abs(aux) >= Math.abs(inc2)) {
                cAux += (aux - s2) + inc2;
            } else {
                cAux += (inc2 - s2) + aux;
            }
            aux = s2;
        }
        return (aux + cAux) / count;
    }

    private static double tsOfExtreme(long[] ts, double[] v, int f, int t, boolean max) {
        double best = v[f];
        long bestT = ts[f];
        for (int k = f; k < t; k++) {
            double x = v[k];
            boolean better = max ? x >= best : x <= best;
            if (better || Double.isNaN(best)) {
                best = x;
                bestT = ts[k];
            }
        }
        return bestT / 1000.0;
    }
}
