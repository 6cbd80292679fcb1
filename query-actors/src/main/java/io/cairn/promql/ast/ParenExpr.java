package io.cairn.promql.ast;

import java.util.Objects;

/** An expression in parentheses; kept so that printing and positions follow the source. */
public record ParenExpr(Expr expr, PosRange pos) implements Expr {
    public ParenExpr {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(pos, "pos");
    }

    public ParenExpr(Expr expr) {
        this(expr, PosRange.NONE);
    }

    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
