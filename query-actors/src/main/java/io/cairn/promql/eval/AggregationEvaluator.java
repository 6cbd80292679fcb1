package io.cairn.promql.eval;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.AggregateOp;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.promql.functions.GroupKernels;
import io.cairn.promql.functions.Quantiles;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregation operators over whole grids. Input series are assigned to groups once (groups
 * follow labels, which do not change over steps); then each group is reduced step-wise.
 * Groups appear in the order of their first member, as in Prometheus.
 */
final class AggregationEvaluator {
    private final Evaluator ev;

    AggregationEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    EvalValue eval(AggregateExpr a, EvalGrid grid) {
        StepVector pushed = ev.pushdown.aggregate(a, grid, ev.functions::counterInfo);
        if (pushed != null) {
            return pushed;
        }
        int n = grid.count();
        EvalValue param = a.param() == null ? null : ev.eval(a.param(), grid);
        EvalValue inV = ev.eval(a.expr(), grid);
        if (!(inV instanceof StepVector in)) {
            throw new QueryExecutionException("expected instant vector in aggregation " + a.op()
                    + ", got " + Evaluator.typeName(inV));
        }
        AggregateOp op = a.op();
        switch (op) {
            case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO:
                return KAggregations.eval(a, ((ScalarSteps) param).values(), in, n, ev.ctx);
            case COUNT_VALUES:
                return countValues(a, ((StringValue) param).value(), in, n);
            default:
                break;
        }
        List<Labels> groupLabels = new ArrayList<>();
        List<List<StepSeries>> members = groups(a, in, groupLabels);
        List<StepSeries> out = new ArrayList<>(members.size());
        if (op == AggregateOp.QUANTILE) {
            double[] q = ((ScalarSteps) param).values();
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(q[i]) || q[i] < 0 || q[i] > 1) {
                    ev.ctx.annotations.warn("quantile value should be between 0 and 1, got "
                            + GoFormat.formatG(q[i]), a.param().pos());
                    break;
                }
            }
            for (int g = 0; g < members.size(); g++) {
                out.add(quantile(q, members.get(g), groupLabels.get(g), n));
            }
            return new StepVector(out);
        }
        GroupKernels.Op kop = kernelOp(op);
        for (int g = 0; g < members.size(); g++) {
            GroupKernels k = new GroupKernels(kop, n);
            boolean dropName = false;
            for (StepSeries s : members.get(g)) {
                dropName |= s.dropName;
                for (int i = 0; i < n; i++) {
                    if (s.present[i]) {
                        k.add(i, s.values[i]);
                    }
                }
            }
            StepSeries o = StepSeries.empty(groupLabels.get(g), n);
            o.dropName = dropName;
            for (int i = 0; i < n; i++) {
                if (k.has(i)) {
                    o.values[i] = k.result(i);
                    o.present[i] = true;
                }
            }
            out.add(o);
        }
        return new StepVector(out);
    }

    private static GroupKernels.Op kernelOp(AggregateOp op) {
        return switch (op) {
            case SUM -> GroupKernels.Op.SUM;
            case AVG -> GroupKernels.Op.AVG;
            case MIN -> GroupKernels.Op.MIN;
            case MAX -> GroupKernels.Op.MAX;
            case COUNT -> GroupKernels.Op.COUNT;
            case GROUP -> GroupKernels.Op.GROUP;
            case STDDEV -> GroupKernels.Op.STDDEV;
            case STDVAR -> GroupKernels.Op.STDVAR;
            default -> throw new IllegalStateException("BUG: no kernel for " + op);
        };
    }

    /** The output labels of the group a series belongs to. */
    static Labels groupingKey(AggregateExpr a, Labels l) {
        return groupingKey(a.without(), a.grouping(), l);
    }

    /** The output labels of the group a series belongs to under {@code by}/{@code without}. */
    static Labels groupingKey(boolean without, List<String> grouping, Labels l) {
        if (without) {
            Labels.Builder b = l.toBuilder();
            for (String g : grouping) {
                b.delete(g);
            }
            b.delete(Labels.METRIC_NAME);
            return b.build();
        }
        Labels.Builder b = new Labels.Builder();
        for (String g : grouping) {
            String v = l.get(g);
            if (v != null) {
                b.set(g, v);
            }
        }
        return b.build();
    }

    static List<List<StepSeries>> groups(AggregateExpr a, StepVector in, List<Labels> groupLabels) {
        Map<Labels, Integer> ids = new HashMap<>();
        List<List<StepSeries>> members = new ArrayList<>();
        for (StepSeries s : in.series()) {
            Labels key = groupingKey(a, s.labels);
            Integer id = ids.get(key);
            if (id == null) {
                id = members.size();
                ids.put(key, id);
                members.add(new ArrayList<>());
                groupLabels.add(key);
            }
            members.get(id).add(s);
        }
        return members;
    }

    private static StepSeries quantile(double[] q, List<StepSeries> members, Labels labels, int n) {
        StepSeries o = StepSeries.empty(labels, n);
        double[] buf = new double[members.size()];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (StepSeries s : members) {
                if (s.present[i]) {
                    buf[c++] = s.values[i];
                }
                o.dropName |= s.dropName;
            }
            if (c > 0) {
                o.values[i] = Quantiles.quantile(q[i], buf, c);
                o.present[i] = true;
            }
        }
        return o;
    }

    private StepVector countValues(AggregateExpr a, String label, StepVector in, int n) {
        if (!LabelNames.isValid(label)) {
            throw new QueryExecutionException("invalid label name " + GoFormat.quote(label));
        }
        SeriesCollector out = new SeriesCollector(n);
        Map<Labels, StepSeries> single = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Map<Labels, StepSeries> seenAtStep = n == 1 ? single : null;
            for (StepSeries s : in.series()) {
                if (!s.present[i]) {
                    continue;
                }
                Labels key = groupingKey(a, s.labels).toBuilder()
                        .set(label, GoFormat.formatFloat(s.values[i])).build();
                StepSeries o;
                if (seenAtStep != null) {
                    o = seenAtStep.get(key);
                    if (o == null) {
                        o = out.series(key, false);
                        seenAtStep.put(key, o);
                    }
                } else {
                    o = out.series(key, false);
                }
                int idx = n == 1 ? 0 : i;
                o.values[idx] = o.present[idx] ? o.values[idx] + 1 : 1;
                o.present[idx] = true;
            }
        }
        return out.result();
    }
}
