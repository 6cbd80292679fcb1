package io.cairn.promql.parser;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.BinaryExpr;
import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.ExprPrinter;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.NumberLiteral;
import io.cairn.promql.ast.ParenExpr;
import io.cairn.promql.ast.StringLiteral;
import io.cairn.promql.ast.SubqueryExpr;
import io.cairn.promql.ast.UnaryExpr;
import io.cairn.promql.ast.VectorSelector;

/** Renders a tree as a fully bracketed s-expression so tests can state grouping exactly. */
final class Sexpr {
    private Sexpr() {
    }

    static String of(Expr e) {
        if (e instanceof NumberLiteral n) {
            return ExprPrinter.formatNumber(n.value());
        } else if (e instanceof StringLiteral s) {
            return ExprPrinter.print(s);
        } else if (e instanceof VectorSelector v) {
            return v.metricName() != null && v.matchers().size() == 1 && v.offset().isConstant()
                    && v.offset().constantMillis() == 0 && v.at() == null ? v.metricName() : v.toString();
        } else if (e instanceof MatrixSelector m) {
            return m.toString();
        } else if (e instanceof ParenExpr p) {
            return "(paren " + of(p.expr()) + ")";
        } else if (e instanceof UnaryExpr u) {
            return "(" + u.op().symbol() + " " + of(u.expr()) + ")";
        } else if (e instanceof BinaryExpr b) {
            return "(" + b.op().symbol() + (b.returnBool() ? " bool" : "") + " " + of(b.lhs()) + " " + of(b.rhs()) + ")";
        } else if (e instanceof SubqueryExpr s) {
            return "(subquery " + of(s.expr()) + ")";
        } else if (e instanceof AggregateExpr a) {
            return "(" + a.op().keyword() + (a.param() == null ? "" : " " + of(a.param())) + " " + of(a.expr()) + ")";
        } else if (e instanceof Call c) {
            StringBuilder sb = new StringBuilder("(").append(c.function().name());
            for (Expr arg : c.args()) {
                sb.append(' ').append(of(arg));
            }
            return sb.append(')').toString();
        }
        throw new IllegalStateException("unknown node " + e);
    }
}
