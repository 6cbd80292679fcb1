package io.cairn.promql.eval;

import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.ParenExpr;
import io.cairn.promql.ast.SelectorMode;
import io.cairn.promql.ast.StringLiteral;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.promql.functions.MathKernels;
import io.cairn.promql.functions.RangeKernel;
import io.cairn.promql.functions.TimeKernels;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Function calls: dispatches on the function name to the kernels of
 * {@code io.cairn.promql.functions} (math, calendar, range functions) or to the label and
 * vector-shaping functions of this package.
 */
final class FunctionEvaluator {
    private final Evaluator ev;

    FunctionEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    EvalValue eval(Call c, EvalGrid grid) {
        String name = c.function().name();
        checkSelectorModes(c, name);
        int n = grid.count();
        EvalContext ctx = ev.ctx;
        switch (name) {
            case "time": {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = grid.time(i) / 1000.0;
                }
                return new ScalarSteps(out);
            }
            case "pi":
                return ScalarSteps.constant(Math.PI, n);
            case "start":
                return ScalarSteps.constant(ctx.queryStartMs / 1000.0, n);
            case "end":
                return ScalarSteps.constant(ctx.queryEndMs / 1000.0, n);
            case "range":
                return ScalarSteps.constant(ctx.queryRangeMs() / 1000.0, n);
            case "step":
                return ScalarSteps.constant(ctx.queryStepMs / 1000.0, n);
            case "min_of", "max_of": {
                double[] a = scalarArg(c, 0, grid);
                double[] b = scalarArg(c, 1, grid);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = name.equals("min_of") ? goMin(a[i], b[i]) : goMax(a[i], b[i]);
                }
                return new ScalarSteps(out);
            }
            case "vector": {
                double[] v = scalarArg(c, 0, grid);
                StepSeries s = new StepSeries(Labels.EMPTY, v.clone(), new boolean[n]);
                java.util.Arrays.fill(s.present, true);
                return new StepVector(new ArrayList<>(List.of(s)));
            }
            case "scalar":
                return scalar(vectorArg(c, 0, grid), n);
            case "timestamp":
                return timestamp(c, grid);
            case "absent":
                return Absent.absent(c, vectorArg(c, 0, grid), n);
            case "absent_over_time":
                return Absent.absentOverTime(c, rangeArg(c, 0, grid), n);
            case "label_replace":
                return LabelFunctions.labelReplace(c, vectorArg(c, 0, grid), n);
            case "label_join":
                return LabelFunctions.labelJoin(c, vectorArg(c, 0, grid), n);
            case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc":
                if (ctx.queryStepMs > 0) {
                    ctx.annotations.warn("sort is ineffective for range queries since results are "
                            + "always ordered by labels", c.pos());
                }
                return Sorting.sort(c, vectorArg(c, 0, grid), n);
            case "clamp":
                return clamp(vectorArg(c, 0, grid), scalarArg(c, 1, grid), scalarArg(c, 2, grid));
            case "clamp_min":
                return clamp(vectorArg(c, 0, grid), scalarArg(c, 1, grid), null);
            case "clamp_max":
                return clamp(vectorArg(c, 0, grid), null, scalarArg(c, 1, grid));
            case "round":
                return round(vectorArg(c, 0, grid), c.args().size() > 1 ? scalarArg(c, 1, grid) : null);
            case "histogram_quantile":
                return HistogramFunctions.quantile(c, scalarArg(c, 0, grid), vectorArg(c, 1, grid), n, ctx);
            case "histogram_fraction":
                return HistogramFunctions.fraction(c, scalarArg(c, 0, grid), scalarArg(c, 1, grid),
                        vectorArg(c, 2, grid), n, ctx);
            case "histogram_quantiles": {
                StepVector in = vectorArg(c, 0, grid);
                List<double[]> qs = new ArrayList<>();
                for (int i = 2; i < c.args().size(); i++) {
                    qs.add(scalarArg(c, i, grid));
                }
                return HistogramFunctions.quantiles(c, in, stringArg(c, 1), qs, n, ctx);
            }
            case "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev",
                    "histogram_stdvar", "start_timestamp":
                // Cairn stores floats only: these functions see no native histograms and
                // therefore return nothing, as Prometheus does for float input.
                evalArgs(c, grid);
                return StepVector.empty();
            case "info":
                return Info.eval(ev, c, grid);
            default:
                break;
        }
        MathKernels.Unary math = MathKernels.forName(name);
        if (math != null) {
            return elementwise(vectorArg(c, 0, grid), math);
        }
        MathKernels.Unary cal = TimeKernels.forName(name);
        if (cal != null) {
            StepVector in;
            if (c.args().isEmpty()) {
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = grid.time(i) / 1000.0;
                }
                StepSeries s = new StepSeries(Labels.EMPTY, t, new boolean[n]);
                java.util.Arrays.fill(s.present, true);
                in = new StepVector(List.of(s));
            } else {
                in = vectorArg(c, 0, grid);
            }
            return elementwise(in, cal);
        }
        RangeKernel k = RangeFunctions.kernel(name);
        if (k != null) {
            return rangeFunction(c, name, k, grid);
        }
        throw new QueryExecutionException("function " + name + " is not supported");
    }

    private StepVector rangeFunction(Call c, String name, RangeKernel k, EvalGrid grid) {
        int n = grid.count();
        int rangeArg = name.equals("quantile_over_time") ? 1 : 0;
        double[] arg1 = null;
        double[] arg2 = null;
        if (name.equals("quantile_over_time")) {
            arg1 = scalarArg(c, 0, grid);
            for (double q : arg1) {
                if (Double.isNaN(q) || q < 0 || q > 1) {
                    ev.ctx.annotations.warn("quantile value should be between 0 and 1, got "
                            + GoFormat.formatG(q), c.args().get(0).pos());
                    break;
                }
            }
        } else if (name.equals("predict_linear")) {
            arg1 = scalarArg(c, 1, grid);
        } else if (name.equals("double_exponential_smoothing")) {
            arg1 = scalarArg(c, 1, grid);
            arg2 = scalarArg(c, 2, grid);
            for (int i = 0; i < n; i++) {
                if (!(arg1[i] > 0 && arg1[i] < 1)) {
                    throw new QueryExecutionException("invalid smoothing factor. Expected: 0 < sf < 1, got: "
                            + String.format(java.util.Locale.ROOT, "%f", arg1[i]));
                }
                if (!(arg2[i] > 0 && arg2[i] < 1)) {
                    throw new QueryExecutionException("invalid trend factor. Expected: 0 < tf < 1, got: "
                            + String.format(java.util.Locale.ROOT, "%f", arg2[i]));
                }
            }
        }
        StepVector out = null;
        boolean fromSelector = true;
        if (unwrap(c.args().get(rangeArg)) instanceof MatrixSelector ms) {
            out = ev.pushdown.rangeFunction(name, ms, new double[][] {arg1, arg2}, grid);
        }
        if (out == null) {
            RangeInput in = rangeArg(c, rangeArg, grid);
            if (in.mode() != SelectorMode.DEFAULT) {
                return ExtendedRangeFunctions.apply(in, name, n);
            }
            fromSelector = in.fromSelector();
            out = RangeFunctions.apply(in, k, arg1, arg2, RangeFunctions.keepsName(name), n);
        }
        if (fromSelector) {
            for (StepSeries s : out.series()) {
                counterInfo(c, s.labels.metricName());
            }
        }
        return out;
    }

    /**
     * The info annotation of {@code rate} and {@code increase} over a selector of a metric
     * whose name does not look like a counter's.
     */
    void counterInfo(Call c, String metric) {
        String name = c.function().name();
        if ((name.equals("rate") || name.equals("increase")) && metric != null
                && !metric.endsWith("_total") && !metric.endsWith("_sum")
                && !metric.endsWith("_count") && !metric.endsWith("_bucket")) {
            ev.ctx.annotations.info("metric might not be a counter, name does not end in "
                    + "_total/_sum/_count/_bucket: " + GoFormat.quote(metric),
                    c.args().get(0).pos());
        }
    }

    private StepVector timestamp(Call c, EvalGrid grid) {
        Expr arg = unwrap(c.args().get(0));
        int n = grid.count();
        StepVector in;
        boolean sampleTimes = arg instanceof VectorSelector;
        in = sampleTimes ? ev.selectors.instantWithTimestamps((VectorSelector) arg, grid)
                : vectorArg(c, 0, grid);
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StepSeries o = StepSeries.empty(s.labels, n);
            o.dropName = true;
            for (int i = 0; i < n; i++) {
                if (s.present[i]) {
                    o.values[i] = sampleTimes ? s.values[i] : grid.time(i) / 1000.0;
                    o.present[i] = true;
                }
            }
            out.add(o);
        }
        return new StepVector(out);
    }

    private static final java.util.Set<String> ANCHORED_OK =
            java.util.Set.of("changes", "delta", "increase", "rate", "resets");
    private static final java.util.Set<String> SMOOTHED_OK = java.util.Set.of("delta", "increase", "rate");

    /** anchored/smoothed range selectors are only defined for a few functions. */
    private static void checkSelectorModes(Call c, String name) {
        for (Expr a : c.args()) {
            Expr e = unwrap(a);
            if (!(e instanceof MatrixSelector ms)) {
                continue;
            }
            SelectorMode mode = ms.selector().mode();
            if (mode == SelectorMode.ANCHORED && !ANCHORED_OK.contains(name)) {
                throw new QueryExecutionException("anchored modifier can only be used with: changes, "
                        + "delta, increase, rate, resets - not with " + name);
            }
            if (mode == SelectorMode.SMOOTHED && !SMOOTHED_OK.contains(name)) {
                throw new QueryExecutionException("smoothed modifier can only be used with: delta, "
                        + "increase, rate - not with " + name);
            }
        }
    }

    static Expr unwrap(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }

    private static ScalarSteps scalar(StepVector v, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            double val = Double.NaN;
            for (StepSeries s : v.series()) {
                if (s.present[i]) {
                    count++;
                    val = s.values[i];
                }
            }
            out[i] = count == 1 ? val : Double.NaN;
        }
        return new ScalarSteps(out);
    }

    private static StepVector elementwise(StepVector in, MathKernels.Unary f) {
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StepSeries o = StepSeries.empty(s.labels, s.values.length);
            o.dropName = true;
            for (int i = 0; i < s.values.length; i++) {
                if (s.present[i]) {
                    o.values[i] = f.apply(s.values[i]);
                    o.present[i] = true;
                }
            }
            out.add(o);
        }
        return new StepVector(out);
    }

    private static StepVector clamp(StepVector in, double[] min, double[] max) {
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StepSeries o = StepSeries.empty(s.labels, s.values.length);
            o.dropName = true;
            boolean any = false;
            for (int i = 0; i < s.values.length; i++) {
                if (!s.present[i]) {
                    continue;
                }
                double lo = min == null ? Double.NEGATIVE_INFINITY : min[i];
                double hi = max == null ? Double.POSITIVE_INFINITY : max[i];
                if (min != null && max != null && hi < lo) {
                    continue;
                }
                // Go's math.Max/Min: NaN in, NaN out.
                double v = goMax(lo, goMin(hi, s.values[i]));
                o.values[i] = v;
                o.present[i] = true;
                any = true;
            }
            if (any) {
                out.add(o);
            }
        }
        return new StepVector(out);
    }

    private static double goMax(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        return Math.max(a, b);
    }

    private static double goMin(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        return Math.min(a, b);
    }

    private static StepVector round(StepVector in, double[] toNearest) {
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StepSeries o = StepSeries.empty(s.labels, s.values.length);
            o.dropName = true;
            for (int i = 0; i < s.values.length; i++) {
                if (s.present[i]) {
                    double inv = 1.0 / (toNearest == null ? 1 : toNearest[i]);
                    o.values[i] = Math.floor(s.values[i] * inv + 0.5) / inv;
                    o.present[i] = true;
                }
            }
            out.add(o);
        }
        return new StepVector(out);
    }

    private void evalArgs(Call c, EvalGrid grid) {
        for (Expr a : c.args()) {
            ev.eval(a, grid);
        }
    }

    double[] scalarArg(Call c, int i, EvalGrid grid) {
        EvalValue v = ev.eval(c.args().get(i), grid);
        if (v instanceof ScalarSteps s) {
            return s.values();
        }
        throw new QueryExecutionException("expected scalar argument " + (i + 1) + " to "
                + c.function().name() + ", got " + Evaluator.typeName(v));
    }

    StepVector vectorArg(Call c, int i, EvalGrid grid) {
        EvalValue v = ev.eval(c.args().get(i), grid);
        if (v instanceof StepVector s) {
            return s;
        }
        throw new QueryExecutionException("expected instant vector argument " + (i + 1) + " to "
                + c.function().name() + ", got " + Evaluator.typeName(v));
    }

    RangeInput rangeArg(Call c, int i, EvalGrid grid) {
        EvalValue v = ev.eval(c.args().get(i), grid);
        if (v instanceof RangeInput r) {
            return r;
        }
        throw new QueryExecutionException("expected range vector argument " + (i + 1) + " to "
                + c.function().name() + ", got " + Evaluator.typeName(v));
    }

    static String stringArg(Call c, int i) {
        Expr e = unwrap(c.args().get(i));
        if (e instanceof StringLiteral s) {
            return s.value();
        }
        throw new QueryExecutionException("expected string literal argument " + (i + 1) + " to "
                + c.function().name());
    }
}
