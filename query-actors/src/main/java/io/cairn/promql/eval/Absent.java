package io.cairn.promql.eval;

import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code absent} and {@code absent_over_time}: 1 at the steps where the argument has nothing,
 * labelled from the argument's equality matchers when it is a plain selector (a label matched
 * more than once, or not by equality, is left out, as Prometheus does).
 */
final class Absent {
    private Absent() {}

    static StepVector absent(Call c, StepVector in, int n) {
        boolean[] any = new boolean[n];
        for (StepSeries s : in.series()) {
            for (int i = 0; i < n; i++) {
                any[i] |= s.present[i];
            }
        }
        return result(labels(c.args().get(0)), any);
    }

    static StepVector absentOverTime(Call c, RangeInput in, int n) {
        boolean[] any = new boolean[n];
        long[] ends = in.windowEnd();
        for (RangeSeries s : in.series()) {
            long[] ts = s.timestamps();
            int from = 0;
            int to = 0;
            for (int i = 0; i < n; i++) {
                while (to < s.count() && ts[to] <= ends[i]) {
                    to++;
                }
                while (from < to && ts[from] <= ends[i] - in.rangeMs()) {
                    from++;
                }
                any[i] |= to > from;
            }
        }
        return result(labels(c.args().get(0)), any);
    }

    private static StepVector result(Labels labels, boolean[] any) {
        int n = any.length;
        StepSeries o = StepSeries.empty(labels, n);
        boolean some = false;
        for (int i = 0; i < n; i++) {
            if (!any[i]) {
                o.values[i] = 1;
                o.present[i] = true;
                some = true;
            }
        }
        List<StepSeries> out = new ArrayList<>(1);
        if (some) {
            out.add(o);
        }
        return new StepVector(out);
    }

    static Labels labels(Expr arg) {
        Expr e = FunctionEvaluator.unwrap(arg);
        List<LabelMatcher> matchers;
        if (e instanceof VectorSelector vs) {
            matchers = vs.matchers();
        } else if (e instanceof MatrixSelector ms) {
            matchers = ms.selector().matchers();
        } else {
            return Labels.EMPTY;
        }
        Labels.Builder b = new Labels.Builder();
        Set<String> seen = new HashSet<>();
        for (LabelMatcher m : matchers) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (m.type() == LabelMatcher.Type.EQ && seen.add(m.name())) {
                b.set(m.name(), m.value());
            } else {
                b.delete(m.name());
            }
        }
        return b.build();
    }
}
