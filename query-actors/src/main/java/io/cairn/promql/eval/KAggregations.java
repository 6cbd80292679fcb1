package io.cairn.promql.eval;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.AggregateOp;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * The selecting aggregations {@code topk}, {@code bottomk}, {@code limitk} and
 * {@code limit_ratio}: they return input series (labels and name-removal flag unchanged)
 * rather than new ones. Over a single step the output is ordered as Prometheus orders it:
 * group by group, topk descending, bottomk ascending, NaN last, limitk in input order.
 */
final class KAggregations {
    private KAggregations() {}

    static StepVector eval(AggregateExpr a, double[] param, StepVector in, int n, EvalContext ctx) {
        AggregateOp op = a.op();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(param[i])) {
                throw new QueryExecutionException(op == AggregateOp.LIMIT_RATIO
                        ? "Ratio value is NaN" : "Parameter value is NaN");
            }
        }
        double[] ratio = null;
        if (op == AggregateOp.LIMIT_RATIO) {
            ratio = new double[n];
            for (int i = 0; i < n; i++) {
                double p = param[i];
                double r = Math.max(-1, Math.min(1, p));
                if (r != p) {
                    ctx.annotations.warn("ratio value should be between -1 and 1, got "
                            + GoFormat.formatG(p) + ", capping to " + GoFormat.formatG(r), a.param().pos());
                }
                ratio[i] = r;
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (param[i] < -9.223372036854775808E18 || param[i] >= 9.223372036854775808E18) {
                    throw new QueryExecutionException("Scalar value " + GoFormat.formatV(param[i])
                            + " overflows int64");
                }
            }
        }
        List<Labels> groupLabels = new ArrayList<>();
        List<List<StepSeries>> groups = AggregationEvaluator.groups(a, in, groupLabels);
        List<StepSeries> all = in.series();
        if (n == 1) {
            return singleStep(op, param[0], ratio == null ? 0 : ratio[0], groups);
        }
        // Multi-step: a series is kept at the steps where it is selected.
        StepSeries[] outs = new StepSeries[all.size()];
        java.util.IdentityHashMap<StepSeries, Integer> index = new java.util.IdentityHashMap<>();
        for (int k = 0; k < all.size(); k++) {
            index.put(all.get(k), k);
        }
        for (List<StepSeries> g : groups) {
            StepSeries[] buf = new StepSeries[g.size()];
            for (int i = 0; i < n; i++) {
                int c = select(op, param[i], ratio == null ? 0 : ratio[i], g, i, buf);
                for (int j = 0; j < c; j++) {
                    StepSeries s = buf[j];
                    int k = index.get(s);
                    if (outs[k] == null) {
                        outs[k] = StepSeries.empty(s.labels, n);
                        outs[k].dropName = s.dropName;
                    }
                    outs[k].values[i] = s.values[i];
                    outs[k].present[i] = true;
                }
            }
        }
        List<StepSeries> res = new ArrayList<>();
        for (StepSeries s : outs) {
            if (s != null) {
                res.add(s);
            }
        }
        return new StepVector(res);
    }

    private static StepVector singleStep(AggregateOp op, double param, double ratio,
            List<List<StepSeries>> groups) {
        List<StepSeries> res = new ArrayList<>();
        for (List<StepSeries> g : groups) {
            StepSeries[] buf = new StepSeries[g.size()];
            int c = select(op, param, ratio, g, 0, buf);
            for (int j = 0; j < c; j++) {
                res.add(buf[j]);
            }
        }
        return new StepVector(res);
    }

    /**
     * Fills {@code buf} with the members of one group selected at step i, in output order;
     * returns how many.
     */
    private static int select(AggregateOp op, double param, double ratio, List<StepSeries> g, int i,
            StepSeries[] buf) {
        int present = 0;
        for (StepSeries s : g) {
            if (s.present[i]) {
                buf[present++] = s;
            }
        }
        if (op == AggregateOp.LIMIT_RATIO) {
            int c = 0;
            for (int j = 0; j < present; j++) {
                if (RatioSampler.keep(buf[j].labels, ratio)) {
                    buf[c++] = buf[j];
                }
            }
            return c;
        }
        long k = (long) param;
        if (k < 1) {
            return 0;
        }
        int take = (int) Math.min(k, present);
        if (op == AggregateOp.LIMITK) {
            return take;
        }
        boolean top = op == AggregateOp.TOPK;
        if (take < present) {
            selectBest(buf, present, take, i, top);
            return take;
        }
        // TimSort is stable: ties keep input order; NaN sorts last either way.
        java.util.Arrays.sort(buf, 0, present, (x, y) -> compare(x.values[i], y.values[i], top));
        return take;
    }

    /**
     * Moves the first {@code take} members of a stable sort of {@code buf[0, present)} to its
     * front, in that order, without sorting the rest: a dashboard's {@code topk(5, ...)} over a
     * hundred series and a thousand steps would otherwise sort every step. A member enters the
     * kept prefix only when strictly better than its last entry and goes after every entry it
     * is not strictly better than, which is where the stable sort puts it.
     */
    static void selectBest(StepSeries[] buf, int present, int take, int step, boolean top) {
        int kept = 0;
        for (int j = 0; j < present; j++) {
            StepSeries candidate = buf[j];
            double v = candidate.values[step];
            if (kept == take && compare(v, buf[kept - 1].values[step], top) >= 0) {
                continue;
            }
            int at = kept == take ? kept - 1 : kept;
            while (at > 0 && compare(v, buf[at - 1].values[step], top) < 0) {
                at--;
            }
            // Shift [at, end) one place right (dropping the last kept entry when full); the
            // slot j itself is already read, so overwriting it while kept <= j is safe.
            int end = kept == take ? kept - 1 : kept;
            System.arraycopy(buf, at, buf, at + 1, end - at);
            buf[at] = candidate;
            if (kept < take) {
                kept++;
            }
        }
    }

    static int compare(double a, double b, boolean top) {
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) {
            return an == bn ? 0 : an ? 1 : -1;
        }
        return top ? Double.compare(b, a) : Double.compare(a, b);
    }
}
