package io.cairn.promql.eval;

import io.cairn.promql.ast.SelectorMode;
import io.cairn.promql.ast.SubqueryExpr;
import io.cairn.promql.engine.QueryLimitExceededException;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Subqueries: the inner expression is evaluated once on its own grid, whose steps are the
 * absolute multiples of the subquery step (Prometheus aligns them to the epoch, not to the
 * query), covering every outer window {@code (ref - range, ref]}. The points become a range
 * input like a matrix selector's samples.
 */
final class SubqueryEvaluator {
    private final Evaluator ev;

    SubqueryEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    RangeInput eval(SubqueryExpr sq, EvalGrid grid) {
        SelectorEvaluator sel = ev.selectors;
        int n = grid.count();
        long rangeMs = sel.millis(sq.range());
        long stepMs = sq.step() == null ? 0 : sel.millis(sq.step());
        if (stepMs <= 0) {
            stepMs = ev.ctx.options.defaultSubqueryStepMs();
        }
        long offsetMs = sel.millis(sq.offset());
        long[] ref = sel.referenceTimes(sq.at(), offsetMs, grid);
        long[] evalTimes = new long[n];
        for (int i = 0; i < n; i++) {
            evalTimes[i] = grid.time(i);
        }
        List<RangeSeries> out = new ArrayList<>();
        if (n == 0) {
            return new RangeInput(out, ref, rangeMs, evalTimes, false, null, SelectorMode.DEFAULT, 0);
        }
        long lowest = ref[0] - rangeMs;
        // First multiple of the step strictly after the earliest window start (Go division
        // truncates towards zero, as Java's does).
        long start = stepMs * (lowest / stepMs);
        if (start <= lowest) {
            start += stepMs;
        }
        long end = ref[n - 1];
        long count = end >= start ? (end - start) / stepMs + 1 : 0;
        if (count > ev.ctx.options.maxSamplesPerQuery()) {
            throw new QueryLimitExceededException("subquery " + sq + " would evaluate " + count
                    + " steps; more than -search.maxSamplesPerQuery=" + ev.ctx.options.maxSamplesPerQuery());
        }
        EvalGrid inner = new EvalGrid(start, stepMs, (int) count);
        EvalValue v = ev.eval(sq.expr(), inner);
        if (v instanceof ScalarSteps s) {
            StepSeries only = new StepSeries(Labels.EMPTY, s.values(), new boolean[(int) count]);
            java.util.Arrays.fill(only.present, true);
            v = new StepVector(List.of(only));
        }
        for (StepSeries s : ((StepVector) v).series()) {
            out.add(toPoints(s, inner));
        }
        return new RangeInput(out, ref, rangeMs, evalTimes, false, null, SelectorMode.DEFAULT, 0);
    }

    private static RangeSeries toPoints(StepSeries s, EvalGrid g) {
        int c = 0;
        for (boolean p : s.present) {
            if (p) {
                c++;
            }
        }
        long[] ts = new long[c];
        double[] vals = new double[c];
        int k = 0;
        for (int i = 0; i < s.present.length; i++) {
            if (s.present[i]) {
                ts[k] = g.time(i);
                vals[k++] = s.values[i];
            }
        }
        return new RangeSeries(s.labels, ts, vals, c, s.dropName);
    }
}
