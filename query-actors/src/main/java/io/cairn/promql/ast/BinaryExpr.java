package io.cairn.promql.ast;

import java.util.Objects;

/**
 * A binary operation. The parser has checked the operand types: scalars and instant vectors
 * only, set operators between instant vectors only, comparisons between two scalars need
 * {@code bool}.
 *
 * @param matching the vector matching; non-null exactly when both operands are instant vectors
 * @param returnBool {@code bool} was given (comparisons only): yield 0/1 instead of filtering
 */
public record BinaryExpr(
        BinaryOp op,
        Expr lhs,
        Expr rhs,
        VectorMatching matching,
        boolean returnBool,
        PosRange pos) implements Expr {

    public BinaryExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
        Objects.requireNonNull(pos, "pos");
    }

    public BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool) {
        this(op, lhs, rhs, matching, returnBool, PosRange.NONE);
    }

    /** Scalar when both operands are scalars, otherwise instant vector. */
    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
                ? ValueType.SCALAR
                : ValueType.INSTANT_VECTOR;
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
