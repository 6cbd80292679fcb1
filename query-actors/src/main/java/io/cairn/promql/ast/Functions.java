package io.cairn.promql.ast;

import static io.cairn.promql.ast.ValueType.INSTANT_VECTOR;
import static io.cairn.promql.ast.ValueType.RANGE_VECTOR;
import static io.cairn.promql.ast.ValueType.SCALAR;
import static io.cairn.promql.ast.ValueType.STRING;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every PromQL function of Prometheus 3.x with its signature, experimental ones included
 * (Cairn enables them all, as the conformance corpus requires). Immutable; thread-safe.
 */
public final class Functions {
    private static final Map<String, Function> ALL;

    static {
        Map<String, Function> m = new TreeMap<>();
        // One instant vector in, one out: element-wise math.
        for (String name : List.of(
                "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh",
                "deg", "exp", "floor", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sqrt",
                "tan", "tanh", "absent", "sort", "sort_desc", "timestamp",
                "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev",
                "histogram_stdvar")) {
            add(m, name, 0, INSTANT_VECTOR, false, INSTANT_VECTOR);
        }
        add(m, "start_timestamp", 0, INSTANT_VECTOR, true, INSTANT_VECTOR);
        // Calendar functions: the vector argument is optional (defaults to vector(time())).
        for (String name : List.of(
                "days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
                "month", "year")) {
            add(m, name, 1, INSTANT_VECTOR, false, INSTANT_VECTOR);
        }
        // Range vector in, instant vector out.
        for (String name : List.of(
                "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "idelta", "increase", "irate", "last_over_time", "max_over_time",
                "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
                "stdvar_over_time", "sum_over_time")) {
            add(m, name, 0, INSTANT_VECTOR, false, RANGE_VECTOR);
        }
        for (String name : List.of(
                "first_over_time", "mad_over_time", "ts_of_first_over_time", "ts_of_last_over_time",
                "ts_of_max_over_time", "ts_of_min_over_time")) {
            add(m, name, 0, INSTANT_VECTOR, true, RANGE_VECTOR);
        }
        // Query-level scalars without arguments.
        add(m, "pi", 0, SCALAR, false);
        add(m, "time", 0, SCALAR, false);
        for (String name : List.of("start", "end", "step", "range")) {
            add(m, name, 0, SCALAR, true);
        }
        add(m, "min_of", 0, SCALAR, true, SCALAR, SCALAR);
        add(m, "max_of", 0, SCALAR, true, SCALAR, SCALAR);
        add(m, "clamp", 0, INSTANT_VECTOR, false, INSTANT_VECTOR, SCALAR, SCALAR);
        add(m, "clamp_max", 0, INSTANT_VECTOR, false, INSTANT_VECTOR, SCALAR);
        add(m, "clamp_min", 0, INSTANT_VECTOR, false, INSTANT_VECTOR, SCALAR);
        add(m, "round", 1, INSTANT_VECTOR, false, INSTANT_VECTOR, SCALAR);
        add(m, "scalar", 0, SCALAR, false, INSTANT_VECTOR);
        add(m, "vector", 0, INSTANT_VECTOR, false, SCALAR);
        add(m, "histogram_fraction", 0, INSTANT_VECTOR, false, SCALAR, SCALAR, INSTANT_VECTOR);
        add(m, "histogram_quantile", 0, INSTANT_VECTOR, false, SCALAR, INSTANT_VECTOR);
        // histogram_quantiles(v, "label", q1, q2, ...): one to ten quantiles.
        add(m, "histogram_quantiles", 9, INSTANT_VECTOR, true, INSTANT_VECTOR, STRING, SCALAR, SCALAR);
        add(m, "predict_linear", 0, INSTANT_VECTOR, false, RANGE_VECTOR, SCALAR);
        add(m, "quantile_over_time", 0, INSTANT_VECTOR, false, SCALAR, RANGE_VECTOR);
        add(m, "double_exponential_smoothing", 0, INSTANT_VECTOR, true, RANGE_VECTOR, SCALAR, SCALAR);
        add(m, "integral", 1, INSTANT_VECTOR, true, RANGE_VECTOR, SCALAR);
        add(m, "label_replace", 0, INSTANT_VECTOR, false,
                INSTANT_VECTOR, STRING, STRING, STRING, STRING);
        // label_join(v, dst, separator, src...): any number of source labels, including none.
        add(m, "label_join", -1, INSTANT_VECTOR, false, INSTANT_VECTOR, STRING, STRING, STRING);
        add(m, "sort_by_label", -1, INSTANT_VECTOR, true, INSTANT_VECTOR, STRING);
        add(m, "sort_by_label_desc", -1, INSTANT_VECTOR, true, INSTANT_VECTOR, STRING);
        // info(v, {data label selector}): the second argument is optional.
        add(m, "info", 1, INSTANT_VECTOR, true, INSTANT_VECTOR, INSTANT_VECTOR);
        ALL = Collections.unmodifiableMap(m);
    }

    private Functions() {
    }

    private static void add(Map<String, Function> m, String name, int variadic, ValueType ret,
                            boolean experimental, ValueType... args) {
        if (m.put(name, new Function(name, List.of(args), variadic, ret, experimental)) != null) {
            throw new IllegalStateException("BUG: function " + name + " defined twice");
        }
    }

    /** The function of that exact (case-sensitive) name, or null. */
    public static Function get(String name) {
        return ALL.get(name);
    }

    /** All functions by name, sorted. */
    public static Map<String, Function> all() {
        return ALL;
    }
}
