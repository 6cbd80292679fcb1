package io.cairn.promql.ast;

import java.util.Objects;

/** A string literal, already unescaped. */
public record StringLiteral(String value, PosRange pos) implements Expr {
    public StringLiteral {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(pos, "pos");
    }

    public StringLiteral(String value) {
        this(value, PosRange.NONE);
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
