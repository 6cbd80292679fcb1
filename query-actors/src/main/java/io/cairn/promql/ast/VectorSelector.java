package io.cairn.promql.ast;

import io.cairn.storage.model.LabelMatcher;
import java.util.List;
import java.util.Objects;

/**
 * An instant vector selector: {@code http_requests_total{job="api"} offset 5m @ 100}.
 *
 * @param metricName the metric name written before the braces (or as a bare quoted string
 *     inside them), null when there was none; informational only
 * @param matchers every matcher to apply, including the {@code __name__} equality matcher
 *     derived from {@code metricName}; never empty
 * @param offset the offset ({@link DurationExpr#ZERO} when none); positive looks back
 * @param at the {@code @} modifier or null
 * @param mode the extended-range modifier ({@code anchored}/{@code smoothed}); when this
 *     selector sits inside a {@link MatrixSelector} the offset, {@code @} and mode written after
 *     the brackets are stored here, as in Prometheus
 */
public record VectorSelector(
        String metricName,
        List<LabelMatcher> matchers,
        DurationExpr offset,
        AtModifier at,
        SelectorMode mode,
        PosRange pos) implements Expr {

    public VectorSelector {
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pos, "pos");
    }

    /** A plain selector with no modifiers. */
    public VectorSelector(String metricName, List<LabelMatcher> matchers) {
        this(metricName, matchers, DurationExpr.ZERO, null, SelectorMode.DEFAULT, PosRange.NONE);
    }

    /** The offset in milliseconds; only for constant offsets (see {@link DurationExpr#constantMillis()}). */
    public long offsetMs() {
        return offset.constantMillis();
    }

    public VectorSelector withOffset(DurationExpr newOffset) {
        return new VectorSelector(metricName, matchers, newOffset, at, mode, pos);
    }

    public VectorSelector withAt(AtModifier newAt) {
        return new VectorSelector(metricName, matchers, offset, newAt, mode, pos);
    }

    public VectorSelector withMode(SelectorMode newMode) {
        return new VectorSelector(metricName, matchers, offset, at, newMode, pos);
    }

    public VectorSelector withPos(PosRange newPos) {
        return new VectorSelector(metricName, matchers, offset, at, mode, newPos);
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
