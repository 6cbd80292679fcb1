package io.cairn.promql.ast;

/**
 * A float literal such as {@code 1}, {@code 0x1f}, {@code 1e-3}, {@code Inf}, {@code NaN}, or a
 * duration used as a number ({@code 1m} is 60; values of durations are in seconds).
 */
public record NumberLiteral(double value, PosRange pos) implements Expr {
    public NumberLiteral(double value) {
        this(value, PosRange.NONE);
    }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
