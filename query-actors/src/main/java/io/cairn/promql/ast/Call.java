package io.cairn.promql.ast;

import java.util.List;
import java.util.Objects;

/** A function call; the parser has checked argument count and types against the signature. */
public record Call(Function function, List<Expr> args, PosRange pos) implements Expr {
    public Call {
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
        Objects.requireNonNull(pos, "pos");
    }

    public Call(Function function, List<Expr> args) {
        this(function, args, PosRange.NONE);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
