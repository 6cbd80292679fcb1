package io.cairn.promql.ast;

import java.util.Locale;

/** Aggregation operators. Keywords are case-insensitive in PromQL ({@code SUM} = {@code sum}). */
public enum AggregateOp {
    SUM(null, false),
    AVG(null, false),
    COUNT(null, false),
    MIN(null, false),
    MAX(null, false),
    GROUP(null, false),
    STDDEV(null, false),
    STDVAR(null, false),
    TOPK(ValueType.SCALAR, false),
    BOTTOMK(ValueType.SCALAR, false),
    QUANTILE(ValueType.SCALAR, false),
    COUNT_VALUES(ValueType.STRING, false),
    LIMITK(ValueType.SCALAR, true),
    LIMIT_RATIO(ValueType.SCALAR, true);

    private final ValueType paramType;
    private final boolean experimental;

    AggregateOp(ValueType paramType, boolean experimental) {
        this.paramType = paramType;
        this.experimental = experimental;
    }

    /** The keyword in lower case, e.g. {@code count_values}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the operator takes a parameter before the vector ({@code topk(3, x)}). */
    public boolean hasParam() {
        return paramType != null;
    }

    /** The type of the parameter, null for operators without one. */
    public ValueType paramType() {
        return paramType;
    }

    /** Behind Prometheus's experimental-functions flag ({@code limitk}, {@code limit_ratio}). */
    public boolean isExperimental() {
        return experimental;
    }

    /** The operator for a keyword in any case, or null. */
    public static AggregateOp fromKeyword(String s) {
        for (AggregateOp op : values()) {
            if (op.name().equalsIgnoreCase(s)) {
                return op;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return keyword();
    }
}
