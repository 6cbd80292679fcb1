package io.cairn.promql.ast;

import java.util.Objects;

/**
 * A subquery {@code <expr>[range:step] offset .. @ ..}.
 *
 * @param step the resolution, or null when omitted ({@code [1h:]}): the engine's default
 *     evaluation interval then applies
 * @param offset {@link DurationExpr#ZERO} when none
 * @param at null when none
 */
public record SubqueryExpr(
        Expr expr,
        DurationExpr range,
        DurationExpr step,
        DurationExpr offset,
        AtModifier at,
        PosRange pos) implements Expr {

    public SubqueryExpr {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(pos, "pos");
    }

    /** The range in milliseconds; only for constant ranges. */
    public long rangeMs() {
        return range.constantMillis();
    }

    /** The step in milliseconds, 0 when omitted; only for constant steps. */
    public long stepMs() {
        return step == null ? 0 : step.constantMillis();
    }

    /** The offset in milliseconds; only for constant offsets. */
    public long offsetMs() {
        return offset.constantMillis();
    }

    public SubqueryExpr withOffset(DurationExpr newOffset) {
        return new SubqueryExpr(expr, range, step, newOffset, at, pos);
    }

    public SubqueryExpr withAt(AtModifier newAt) {
        return new SubqueryExpr(expr, range, step, offset, newAt, pos);
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
