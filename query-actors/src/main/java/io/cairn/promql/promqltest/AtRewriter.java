package io.cairn.promql.promqltest;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.AtModifier;
import io.cairn.promql.ast.BinaryExpr;
import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.ParenExpr;
import io.cairn.promql.ast.SubqueryExpr;
import io.cairn.promql.ast.UnaryExpr;
import io.cairn.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The step-invariance rewrite of the reference runner (FORMAT.md §8.4): every selector and
 * subquery outside any subquery gets {@code @ <eval time>} unless it has a fixed {@code @}
 * already ({@code @ start()}/{@code @ end()} are replaced, as Prometheus's printer does).
 * Nodes inside a subquery are left alone. Expressions calling a time-dependent function
 * outside subqueries are not rewritten at all.
 */
final class AtRewriter {
    static final Set<String> UNSAFE_FUNCTIONS = Set.of("days_in_month", "day_of_month", "day_of_week",
            "day_of_year", "end", "hour", "minute", "month", "year", "predict_linear", "range", "start",
            "step", "time", "timestamp");

    private boolean unsafe;
    private final long timeMs;

    private AtRewriter(long timeMs) {
        this.timeMs = timeMs;
    }

    /** The rewritten expression, or null when the expression must not be rewritten. */
    static Expr rewrite(Expr e, long timeMs) {
        AtRewriter r = new AtRewriter(timeMs);
        Expr out = r.visit(e);
        return r.unsafe ? null : out;
    }

    private AtModifier at(AtModifier existing) {
        if (existing != null && existing.kind() == AtModifier.Kind.TIMESTAMP) {
            return existing;
        }
        return AtModifier.at(timeMs);
    }

    private Expr visit(Expr e) {
        if (e instanceof VectorSelector vs) {
            return vs.withAt(at(vs.at()));
        }
        if (e instanceof MatrixSelector m) {
            return new MatrixSelector(m.selector().withAt(at(m.selector().at())), m.range(), m.pos());
        }
        if (e instanceof SubqueryExpr s) {
            return s.withAt(at(s.at()));
        }
        if (e instanceof ParenExpr p) {
            return new ParenExpr(visit(p.expr()), p.pos());
        }
        if (e instanceof UnaryExpr u) {
            return new UnaryExpr(u.op(), visit(u.expr()), u.pos());
        }
        if (e instanceof BinaryExpr b) {
            return new BinaryExpr(b.op(), visit(b.lhs()), visit(b.rhs()), b.matching(), b.returnBool(), b.pos());
        }
        if (e instanceof AggregateExpr a) {
            Expr param = a.param() == null ? null : visit(a.param());
            return new AggregateExpr(a.op(), visit(a.expr()), param, a.grouping(), a.without(), a.pos());
        }
        if (e instanceof Call c) {
            if (UNSAFE_FUNCTIONS.contains(c.function().name())) {
                unsafe = true;
            }
            List<Expr> args = new ArrayList<>(c.args().size());
            for (Expr a : c.args()) {
                args.add(visit(a));
            }
            return new Call(c.function(), args, c.pos());
        }
        return e;
    }
}
