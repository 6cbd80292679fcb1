package io.cairn.promql.ast;

import java.util.Objects;

/**
 * A range vector selector {@code foo[5m]}. Offset, {@code @} and anchored/smoothed written after
 * the brackets live in {@link #selector()}.
 *
 * @param range the range, positive once resolved
 */
public record MatrixSelector(VectorSelector selector, DurationExpr range, PosRange pos) implements Expr {
    public MatrixSelector {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(pos, "pos");
    }

    public MatrixSelector(VectorSelector selector, long rangeMs) {
        this(selector, DurationExpr.ofMillis(rangeMs), PosRange.NONE);
    }

    /** The range in milliseconds; only for constant ranges (see {@link DurationExpr#constantMillis()}). */
    public long rangeMs() {
        return range.constantMillis();
    }

    @Override
    public ValueType type() {
        return ValueType.RANGE_VECTOR;
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
