package io.cairn.promql.eval;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.BinaryExpr;
import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.NumberLiteral;
import io.cairn.promql.ast.ParenExpr;
import io.cairn.promql.ast.StringLiteral;
import io.cairn.promql.ast.SubqueryExpr;
import io.cairn.promql.ast.UnaryExpr;
import io.cairn.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a PromQL tree over a grid of steps, one node at a time over all steps at once
 * (DESIGN.md §6): every node yields its whole result column-wise, so selectors read storage
 * once and functions walk windows with moving indices instead of re-scanning per step.
 *
 * <p>One instance per query; not thread-safe.
 */
public final class Evaluator {
    final EvalContext ctx;
    final SelectorEvaluator selectors;
    final RollupPushdown pushdown;
    private final BinaryEvaluator binary;
    private final AggregationEvaluator aggregations;
    final FunctionEvaluator functions;
    private final SubqueryEvaluator subqueries;

    public Evaluator(EvalContext ctx) {
        this.ctx = ctx;
        this.selectors = new SelectorEvaluator(ctx);
        this.pushdown = new RollupPushdown(ctx, selectors);
        this.binary = new BinaryEvaluator(this);
        this.aggregations = new AggregationEvaluator(this);
        this.functions = new FunctionEvaluator(this);
        this.subqueries = new SubqueryEvaluator(this);
    }

    public EvalContext context() {
        return ctx;
    }

    /** Evaluates {@code e} at every step of {@code grid}. */
    public EvalValue eval(Expr e, EvalGrid grid) {
        ctx.deadline.check();
        if (e instanceof NumberLiteral n) {
            return ScalarSteps.constant(n.value(), grid.count());
        }
        if (e instanceof StringLiteral s) {
            return new StringValue(s.value());
        }
        if (e instanceof ParenExpr p) {
            return eval(p.expr(), grid);
        }
        if (e instanceof VectorSelector vs) {
            StepVector pushed = pushdown.instant(vs, grid);
            return pushed != null ? pushed : selectors.instant(vs, grid);
        }
        if (e instanceof MatrixSelector ms) {
            return selectors.range(ms, grid);
        }
        if (e instanceof SubqueryExpr sq) {
            return subqueries.eval(sq, grid);
        }
        if (e instanceof UnaryExpr u) {
            return unary(u, grid);
        }
        if (e instanceof BinaryExpr b) {
            return binary.eval(b, grid);
        }
        if (e instanceof AggregateExpr a) {
            return aggregations.eval(a, grid);
        }
        if (e instanceof Call c) {
            return functions.eval(c, grid);
        }
        throw new IllegalStateException("BUG: unknown expression node " + e.getClass().getSimpleName());
    }

    private EvalValue unary(UnaryExpr u, EvalGrid grid) {
        EvalValue v = eval(u.expr(), grid);
        if (u.op() == UnaryExpr.Op.PLUS) {
            return v;
        }
        if (v instanceof ScalarSteps s) {
            double[] out = new double[s.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = -s.values()[i];
            }
            return new ScalarSteps(out);
        }
        StepVector in = (StepVector) v;
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StepSeries o = StepSeries.empty(s.labels, s.values.length);
            o.dropName = true;
            for (int i = 0; i < s.values.length; i++) {
                if (s.present[i]) {
                    o.values[i] = -s.values[i];
                    o.present[i] = true;
                }
            }
            out.add(o);
        }
        return new StepVector(out);
    }

    static String typeName(EvalValue v) {
        if (v instanceof ScalarSteps) {
            return "scalar";
        }
        if (v instanceof StringValue) {
            return "string";
        }
        if (v instanceof RangeInput) {
            return "range vector";
        }
        return "instant vector";
    }
}
