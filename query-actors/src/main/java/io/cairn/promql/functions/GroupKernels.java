package io.cairn.promql.functions;

/**
 * Per-step accumulators for the simple aggregation operators (sum, avg, min, max, count,
 * group, stddev, stdvar). Values are fed series by series in input order, which is the order
 * Prometheus adds them in, so rounding matches. Allocation happens once per group, not per
 * sample. Not thread-safe.
 */
public final class GroupKernels {
    public enum Op { SUM, AVG, MIN, MAX, COUNT, GROUP, STDDEV, STDVAR }

    private final Op op;
    private final double[] value;
    private final double[] comp;
    private final double[] mean;
    private final double[] count;
    private final boolean[] incremental;

    public GroupKernels(Op op, int steps) {
        this.op = op;
        this.value = new double[steps];
        this.count = new double[steps];
        this.comp = op == Op.SUM || op == Op.AVG ? new double[steps] : null;
        this.mean = op == Op.AVG || op == Op.STDDEV || op == Op.STDVAR ? new double[steps] : null;
        this.incremental = op == Op.AVG ? new boolean[steps] : null;
    }

    /** Whether step i received any value. */
    public boolean has(int i) {
        return count[i] > 0;
    }

    /** Feeds value f at step i. */
    public void add(int i, double f) {
        double n = ++count[i];
        if (n == 1) {
            first(i, f);
            return;
        }
        switch (op) {
            case SUM -> KahanSum.add(value, comp, i, f);
            case AVG -> addAvg(i, f, n);
            case MIN -> {
                if (value[i] > f || Double.isNaN(value[i])) {
                    value[i] = f;
                }
            }
            case MAX -> {
                if (value[i] < f || Double.isNaN(value[i])) {
                    value[i] = f;
                }
            }
            case COUNT, GROUP -> { }
            case STDDEV, STDVAR -> {
                if (Double.isNaN(f) || Double.isInfinite(f)) {
                    value[i] = Double.NaN;
                } else {
                    double delta = f - mean[i];
                    mean[i] += delta / n;
                    value[i] += delta * (f - mean[i]);
                }
            }
            default -> throw new IllegalStateException("BUG: " + op);
        }
    }

    private void first(int i, double f) {
        switch (op) {
            case SUM, MIN, MAX -> value[i] = f;
            case AVG -> value[i] = f;
            case COUNT, GROUP -> { }
            case STDDEV, STDVAR -> {
                mean[i] = f;
                value[i] = Double.isNaN(f) || Double.isInfinite(f) ? Double.NaN : 0;
            }
            default -> throw new IllegalStateException("BUG: " + op);
        }
    }

    /**
     * Prometheus's mean: a compensated direct sum while it stays finite, switching to an
     * incremental mean once the sum would overflow.
     */
    private void addAvg(int i, double f, double n) {
        if (!incremental[i]) {
            double s = value[i];
            double t = s + f;
            if (!Double.isInfinite(t)) {
                KahanSum.add(value, comp, i, f);
                return;
            }
            incremental[i] = true;
            mean[i] = value[i] / (n - 1);
            comp[i] /= n - 1;
        }
        double m = mean[i];
        if (Double.isInfinite(m)) {
            if (Double.isInfinite(f) && (m > 0) == (f > 0)) {
                return;
            }
            if (!Double.isInfinite(f) && !Double.isNaN(f)) {
                return;
            }
        }
        double q = (n - 1) / n;
        mean[i] = q * m;
        comp[i] = q * comp[i];
        KahanSum.add(mean, comp, i, f / n);
    }

    /** The aggregated value at step i; only meaningful when {@link #has(int)}. */
    public double result(int i) {
        double n = count[i];
        return switch (op) {
            case SUM -> value[i] + comp[i];
            case AVG -> incremental[i] ? mean[i] + comp[i] : value[i] / n + comp[i] / n;
            case MIN, MAX -> value[i];
            case COUNT -> n;
            case GROUP -> 1;
            case STDVAR -> value[i] / n;
            case STDDEV -> Math.sqrt(value[i] / n);
        };
    }
}
