package io.cairn.promql.eval;

import io.cairn.storage.model.Labels;

/** Label-set helpers used by several operators. */
public final class LabelUtil {
    private LabelUtil() {}

    /**
     * The labels without {@code __name__} and the other metadata labels Prometheus drops with it
     * ({@code __type__}, {@code __unit__}).
     */
    public static Labels dropMetricName(Labels l) {
        if (!l.has(Labels.METRIC_NAME) && !l.has("__type__") && !l.has("__unit__")) {
            return l;
        }
        return l.toBuilder().delete(Labels.METRIC_NAME).delete("__type__").delete("__unit__").build();
    }

    /**
     * Go Prometheus's {@code labels.Labels.String()}: {@code {__name__="x", a="b"}}, every label
     * inside the braces, values quoted like Go's %q. Used in error texts that must match
     * Prometheus's exactly.
     */
    public static String goString(Labels l) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(l.name(i)).append('=');
            goQuote(sb, l.value(i));
        }
        return sb.append('}').toString();
    }

    /** Appends {@code s} quoted like Go's {@code strconv.Quote}. */
    public static void goQuote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
