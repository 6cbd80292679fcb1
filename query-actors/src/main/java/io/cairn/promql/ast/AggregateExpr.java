package io.cairn.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * An aggregation such as {@code sum by (job) (x)} or {@code topk(3, x)}.
 *
 * @param param the parameter of topk/bottomk/quantile/count_values/limitk/limit_ratio, else null
 * @param grouping the labels of {@code by(...)} / {@code without(...)}; empty for neither
 * @param without true for {@code without}
 */
public record AggregateExpr(
        AggregateOp op,
        Expr expr,
        Expr param,
        List<String> grouping,
        boolean without,
        PosRange pos) implements Expr {

    public AggregateExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expr, "expr");
        grouping = List.copyOf(grouping);
        Objects.requireNonNull(pos, "pos");
    }

    public AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without) {
        this(op, expr, param, grouping, without, PosRange.NONE);
    }

    @Override
    public ValueType type() {
        return ValueType.INSTANT_VECTOR;
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
