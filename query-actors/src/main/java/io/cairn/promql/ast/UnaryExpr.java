package io.cairn.promql.ast;

import java.util.Objects;

/**
 * A unary {@code -expr} or {@code +expr} on a scalar or instant vector. It binds more loosely
 * than {@code ^}: {@code -2 ^ 2} is {@code -(2 ^ 2)}.
 */
public record UnaryExpr(Op op, Expr expr, PosRange pos) implements Expr {
    public enum Op {
        PLUS("+"), MINUS("-");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public UnaryExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(pos, "pos");
    }

    public UnaryExpr(Op op, Expr expr) {
        this(op, expr, PosRange.NONE);
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
