package io.cairn.promql.eval;

import io.cairn.promql.ast.BinaryExpr;
import io.cairn.promql.ast.BinaryOp;
import io.cairn.promql.ast.VectorMatching;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.promql.functions.ArithmeticKernels;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2IntHashMap;

/**
 * Binary operators over whole grids: scalar/scalar, vector/scalar and vector/vector with
 * Prometheus's one-to-one, many-to-one and one-to-many matching (including the experimental
 * {@code fill} modifiers) and the set operators. Signatures are computed once per series;
 * the per-step work is array lookups stamped with the step index.
 */
final class BinaryEvaluator {
    private final Evaluator ev;

    BinaryEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    EvalValue eval(BinaryExpr b, EvalGrid grid) {
        EvalValue l = ev.eval(b.lhs(), grid);
        EvalValue r = ev.eval(b.rhs(), grid);
        int n = grid.count();
        if (l instanceof ScalarSteps ls && r instanceof ScalarSteps rs) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = scalarOp(b.op(), ls.values()[i], rs.values()[i]);
            }
            return new ScalarSteps(out);
        }
        if (l instanceof StepVector lv && r instanceof ScalarSteps rs) {
            return vectorScalar(b, lv, rs.values(), false);
        }
        if (l instanceof ScalarSteps ls && r instanceof StepVector rv) {
            return vectorScalar(b, rv, ls.values(), true);
        }
        if (l instanceof StepVector lv && r instanceof StepVector rv) {
            if (b.op().isSetOperator()) {
                return SetOperators.eval(b.op(), b.matching(), lv, rv, n);
            }
            return vectorVector(b, lv, rv, n);
        }
        throw new QueryExecutionException("binary operator " + b.op() + " not defined between "
                + Evaluator.typeName(l) + " and " + Evaluator.typeName(r));
    }

    /**
     * Whether an element pair survives the operation: always for arithmetic and for
     * {@code bool} comparisons, for a plain comparison only when it holds.
     */
    private static boolean kept(BinaryOp op, boolean returnBool, double l, double r) {
        return !op.isComparison() || returnBool || ArithmeticKernels.compare(op, l, r);
    }

    /** The result of a pair: arithmetic, the left value of a comparison, or 0/1 with bool. */
    private static double valueOf(BinaryOp op, boolean returnBool, double l, double r) {
        if (!op.isComparison()) {
            return ArithmeticKernels.arithmetic(op, l, r);
        }
        if (returnBool) {
            return ArithmeticKernels.compare(op, l, r) ? 1 : 0;
        }
        return l;
    }

    private static double scalarOp(BinaryOp op, double l, double r) {
        if (op.isComparison()) {
            return ArithmeticKernels.compare(op, l, r) ? 1 : 0;
        }
        return ArithmeticKernels.arithmetic(op, l, r);
    }

    private static StepVector vectorScalar(BinaryExpr b, StepVector v, double[] scalar, boolean swap) {
        BinaryOp op = b.op();
        boolean cmp = op.isComparison();
        List<StepSeries> out = new ArrayList<>(v.series().size());
        for (StepSeries s : v.series()) {
            int n = s.values.length;
            StepSeries o = StepSeries.empty(s.labels, n);
            o.dropName = s.dropName || !cmp || b.returnBool();
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (!s.present[i]) {
                    continue;
                }
                double vf = s.values[i];
                double lf = swap ? scalar[i] : vf;
                double rf = swap ? vf : scalar[i];
                double val;
                boolean keep = true;
                if (cmp) {
                    keep = ArithmeticKernels.compare(op, lf, rf);
                    // The vector's own value is kept, whichever side it was on.
                    val = vf;
                } else {
                    val = ArithmeticKernels.arithmetic(op, lf, rf);
                }
                if (b.returnBool()) {
                    val = keep ? 1 : 0;
                    keep = true;
                }
                if (keep) {
                    o.values[i] = val;
                    o.present[i] = true;
                    any = true;
                }
            }
            if (any) {
                out.add(o);
            }
        }
        return new StepVector(out);
    }

    private StepVector vectorVector(BinaryExpr b, StepVector lv, StepVector rv, int n) {
        VectorMatching m = b.matching();
        BinaryOp op = b.op();
        boolean cmp = op.isComparison();
        boolean oneToMany = m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
        boolean oneToOne = m.cardinality() == VectorMatching.Cardinality.ONE_TO_ONE;
        // After the swap, "many" is the side whose labels the output keeps, "one" the other.
        List<StepSeries> many = oneToMany ? rv.series() : lv.series();
        List<StepSeries> one = oneToMany ? lv.series() : rv.series();
        Double fillMissingMany = m.fillLeft();
        Double fillMissingOne = m.fillRight();
        boolean fill = fillMissingMany != null || fillMissingOne != null;

        Map<Labels, Integer> sigIds = new HashMap<>();
        List<Labels> sigLabels = new ArrayList<>();
        int[] manySig = signatures(many, m, sigIds, sigLabels);
        int[] oneSig = signatures(one, m, sigIds, sigLabels);
        int sigCount = sigLabels.size();
        int[] oneAt = new int[sigCount];
        int[] oneStamp = new int[sigCount];
        int[] manyStamp = new int[sigCount];
        int[] matchedStamp = new int[sigCount];
        Arrays.fill(oneStamp, -1);
        Arrays.fill(manyStamp, -1);
        Arrays.fill(matchedStamp, -1);

        SeriesCollector out = new SeriesCollector(n);
        Long2ObjectHashMap<Labels> pairLabels = new Long2ObjectHashMap<>();
        // Many-to-one: which match group wrote each output label set at the current step.
        Object2IntHashMap<Labels> writtenSig = oneToOne ? null : new Object2IntHashMap<>(-1);
        boolean dropForOp = !cmp || b.returnBool();

        for (int i = 0; i < n; i++) {
            boolean anyMany = anyPresent(many, i);
            boolean anyOne = anyPresent(one, i);
            if (fill ? (!anyMany && !anyOne) : (!anyMany || !anyOne)) {
                continue;
            }
            for (int oi = 0; oi < one.size(); oi++) {
                StepSeries os = one.get(oi);
                if (!os.present[i]) {
                    continue;
                }
                int sid = oneSig[oi];
                if (oneStamp[sid] == i) {
                    throw duplicateOnOneSide(sigLabels.get(sid), oneToMany, os.labels,
                            one.get(oneAt[sid]).labels);
                }
                oneStamp[sid] = i;
                oneAt[sid] = oi;
            }
            if (writtenSig != null) {
                writtenSig.clear();
            }
            for (int mi = 0; mi < many.size(); mi++) {
                StepSeries ms = many.get(mi);
                if (!ms.present[i]) {
                    continue;
                }
                int sid = manySig[mi];
                manyStamp[sid] = i;
                double manyVal = ms.values[i];
                double oneVal;
                Labels labels;
                if (oneStamp[sid] == i) {
                    int oi = oneAt[sid];
                    oneVal = one.get(oi).values[i];
                    long key = ((long) mi << 32) | oi;
                    labels = pairLabels.get(key);
                    if (labels == null) {
                        labels = VectorMatchingUtil.resultLabels(ms.labels, one.get(oi).labels, m);
                        pairLabels.put(key, labels);
                    }
                } else if (fillMissingOne != null) {
                    oneVal = fillMissingOne;
                    labels = VectorMatchingUtil.resultLabels(ms.labels, null, m);
                } else {
                    continue;
                }
                double fl = oneToMany ? oneVal : manyVal;
                double fr = oneToMany ? manyVal : oneVal;
                boolean keep = kept(op, b.returnBool(), fl, fr);
                double val = valueOf(op, b.returnBool(), fl, fr);
                // Cardinality is checked before filtering: a comparison that drops all but one
                // of several matches is still ambiguous matching.
                if (oneToOne) {
                    if (matchedStamp[sid] == i) {
                        throw new QueryExecutionException("multiple matches for labels: many-to-one "
                                + "matching must be explicit (group_left/group_right)");
                    }
                    matchedStamp[sid] = i;
                } else {
                    int prev = writtenSig.put(labels, sid);
                    if (prev == sid) {
                        throw new QueryExecutionException(
                                "multiple matches for labels: grouping labels must ensure unique matches");
                    }
                }
                if (!keep) {
                    continue;
                }
                StepSeries o = out.series(labels, dropForOp || ms.dropName);
                SeriesCollector.set(o, i, val);
            }
            if (fillMissingMany != null) {
                for (int oi = 0; oi < one.size(); oi++) {
                    StepSeries os = one.get(oi);
                    int sid = oneSig[oi];
                    if (!os.present[i] || manyStamp[sid] == i) {
                        continue;
                    }
                    double fl = oneToMany ? os.values[i] : fillMissingMany;
                    double fr = oneToMany ? fillMissingMany : os.values[i];
                    if (kept(op, b.returnBool(), fl, fr)) {
                        SeriesCollector.set(out.series(sigLabels.get(sid), dropForOp), i,
                                valueOf(op, b.returnBool(), fl, fr));
                    }
                }
            }
        }
        return out.result();
    }

    private static int[] signatures(List<StepSeries> side, VectorMatching m, Map<Labels, Integer> ids,
            List<Labels> sigLabels) {
        int[] sig = new int[side.size()];
        for (int k = 0; k < sig.length; k++) {
            Labels s = VectorMatchingUtil.signature(side.get(k).labels, m.on(), m.matchingLabels());
            Integer id = ids.get(s);
            if (id == null) {
                id = sigLabels.size();
                ids.put(s, id);
                sigLabels.add(s);
            }
            sig[k] = id;
        }
        return sig;
    }

    private static boolean anyPresent(List<StepSeries> side, int i) {
        for (StepSeries s : side) {
            if (s.present[i]) {
                return true;
            }
        }
        return false;
    }

    private static QueryExecutionException duplicateOnOneSide(Labels group, boolean oneToMany,
            Labels a, Labels b) {
        Labels first = a.compareTo(b) <= 0 ? a : b;
        Labels second = first == a ? b : a;
        return new QueryExecutionException("found duplicate series for the match group "
                + LabelUtil.goString(group) + " on the " + (oneToMany ? "left" : "right")
                + " hand-side of the operation: [" + LabelUtil.goString(first) + ", "
                + LabelUtil.goString(second) + "];many-to-many matching not allowed: matching labels "
                + "must be unique on one side");
    }
}
