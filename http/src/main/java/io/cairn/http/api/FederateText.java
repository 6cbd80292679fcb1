package io.cairn.http.api;

import io.cairn.http.format.PromFloat;
import io.cairn.storage.model.Labels;

/**
 * The Prometheus text exposition format (0.0.4) as {@code /federate} writes it: per metric name
 * one {@code # TYPE <name> untyped} line, then one line per series,
 * {@code name{a="x",b="y"} <value> <timestamp ms>}, labels in sorted order, no HELP lines.
 *
 * <p>Values are written as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, which the
 * exposition writer uses: shortest digits, exponent form when the decimal exponent is below -4
 * or at least 6 ({@code 1e+06}, {@code 1.5e-05}, two exponent digits at least), and
 * {@code NaN}, {@code +Inf}, {@code -Inf}; zero of either sign is {@code 0}. Label values escape
 * backslash, double quote and newline. Stateless and thread-safe.
 */
final class FederateText {
    private FederateText() {}

    static void appendType(StringBuilder sb, String metricName) {
        sb.append("# TYPE ").append(metricName).append(" untyped\n");
    }

    /** One sample line of a series that has a metric name. */
    static void appendSample(StringBuilder sb, Labels labels, long timeMs, double value) {
        sb.append(labels.metricName());
        boolean open = false;
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            if (name.equals(Labels.METRIC_NAME)) {
                continue;
            }
            sb.append(open ? ',' : '{');
            open = true;
            sb.append(name).append("=\"");
            appendEscaped(sb, labels.value(i));
            sb.append('"');
        }
        if (open) {
            sb.append('}');
        }
        sb.append(' ');
        appendValue(sb, value);
        sb.append(' ').append(timeMs).append('\n');
    }

    static void appendValue(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "+Inf" : "-Inf");
            return;
        }
        if (v == 0) {
            sb.append('0');
            return;
        }
        // The shortest digits come from PromFloat's fixed form; federation writes one value
        // per series, so the intermediate string is no concern.
        String fixed = PromFloat.format(Math.abs(v));
        int dot = fixed.indexOf('.');
        int intLength = dot < 0 ? fixed.length() : dot;
        String all = dot < 0 ? fixed : fixed.substring(0, dot) + fixed.substring(dot + 1);
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') {
            lead++;
        }
        int end = all.length();
        while (end > lead + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        int exp = intLength - lead - 1;
        if (v < 0) {
            sb.append('-');
        }
        if (exp >= -4 && exp < 6) {
            sb.append(fixed);
            return;
        }
        sb.append(all.charAt(lead));
        if (end - lead > 1) {
            sb.append('.').append(all, lead + 1, end);
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int e = Math.abs(exp);
        if (e < 10) {
            sb.append('0');
        }
        sb.append(e);
    }

    private static void appendEscaped(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }
}
