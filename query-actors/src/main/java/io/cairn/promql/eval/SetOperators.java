package io.cairn.promql.eval;

import io.cairn.promql.ast.BinaryOp;
import io.cairn.promql.ast.VectorMatching;
import io.cairn.storage.model.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code and}, {@code or} and {@code unless} over whole grids. Series pass through unchanged
 * (labels and delayed-name-removal flag included); per step a series is kept or dropped
 * depending on which match groups the other side has at that step.
 */
final class SetOperators {
    private SetOperators() {}

    static StepVector eval(BinaryOp op, VectorMatching m, StepVector lv, StepVector rv, int n) {
        List<StepSeries> lhs = lv.series();
        List<StepSeries> rhs = rv.series();
        Map<Labels, Integer> ids = new HashMap<>();
        int[] lSig = sigs(lhs, m, ids);
        int[] rSig = sigs(rhs, m, ids);
        int[] lStamp = new int[ids.size()];
        int[] rStamp = new int[ids.size()];
        Arrays.fill(lStamp, -1);
        Arrays.fill(rStamp, -1);
        SeriesCollector out = new SeriesCollector(n);
        StepSeries[] lOut = new StepSeries[lhs.size()];
        StepSeries[] rOut = new StepSeries[rhs.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rhs.size(); k++) {
                if (rhs.get(k).present[i]) {
                    rStamp[rSig[k]] = i;
                }
            }
            for (int k = 0; k < lhs.size(); k++) {
                if (lhs.get(k).present[i]) {
                    lStamp[lSig[k]] = i;
                }
            }
            for (int k = 0; k < lhs.size(); k++) {
                StepSeries s = lhs.get(k);
                if (!s.present[i]) {
                    continue;
                }
                boolean matched = rStamp[lSig[k]] == i;
                boolean keep = switch (op) {
                    case AND -> matched;
                    case UNLESS -> !matched;
                    case OR -> true;
                    default -> throw new IllegalStateException("BUG: not a set operator: " + op);
                };
                if (keep) {
                    lOut[k] = put(out, lOut[k], s, i, n);
                }
            }
            if (op == BinaryOp.OR) {
                for (int k = 0; k < rhs.size(); k++) {
                    StepSeries s = rhs.get(k);
                    if (s.present[i] && lStamp[rSig[k]] != i) {
                        rOut[k] = put(out, rOut[k], s, i, n);
                    }
                }
            }
        }
        return out.result();
    }

    private static StepSeries put(SeriesCollector out, StepSeries target, StepSeries src, int i, int n) {
        if (target == null || n == 1) {
            target = out.series(src.labels, src.dropName);
        }
        SeriesCollector.set(target, n == 1 ? 0 : i, src.values[i]);
        return target;
    }

    private static int[] sigs(List<StepSeries> side, VectorMatching m, Map<Labels, Integer> ids) {
        int[] sig = new int[side.size()];
        for (int k = 0; k < sig.length; k++) {
            Labels s = VectorMatchingUtil.signature(side.get(k).labels, m.on(), m.matchingLabels());
            sig[k] = ids.computeIfAbsent(s, x -> ids.size());
        }
        return sig;
    }
}
