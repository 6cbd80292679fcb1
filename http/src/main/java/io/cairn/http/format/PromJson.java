package io.cairn.http.format;

import io.cairn.http.ingest.MetricMetadata;
import io.cairn.storage.model.Labels;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON bodies of the Prometheus HTTP API that are not query results: the error shape, and the
 * success envelopes of {@code /api/v1/series}, {@code /api/v1/labels},
 * {@code /api/v1/label/<name>/values} and {@code /api/v1/metadata}.
 *
 * <p>Strings are escaped as Go's {@code encoding/json} does (which Prometheus uses): {@code "}
 * and {@code \}, control characters, HTML-significant {@code < > &}, U+2028 and U+2029, and
 * unpaired surrogates become U+FFFD. Stateless and thread-safe.
 */
public final class PromJson {
    /** Prometheus' error types (the {@code errorType} field). */
    public static final String BAD_DATA = "bad_data";
    public static final String EXECUTION = "execution";
    public static final String TIMEOUT = "timeout";
    public static final String CANCELED = "canceled";
    public static final String INTERNAL = "internal";
    public static final String UNAVAILABLE = "unavailable";
    public static final String NOT_FOUND = "not_found";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PromJson() {}

    /** {@code {"status":"error","errorType":"bad_data","error":"..."}}. */
    public static String error(String errorType, String message) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append("{\"status\":\"error\",\"errorType\":");
        appendString(sb, errorType);
        sb.append(",\"error\":");
        appendString(sb, message);
        return sb.append('}').toString();
    }

    /** {@code {"status":"success","data":[{"__name__":"up",...},...]}} for /api/v1/series. */
    public static String series(Collection<Labels> series, List<String> warnings) {
        StringBuilder sb = new StringBuilder(64 + 64 * series.size());
        sb.append("{\"status\":\"success\",\"data\":[");
        boolean first = true;
        for (Labels labels : series) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendLabels(sb, labels);
        }
        sb.append(']');
        appendWarnings(sb, warnings);
        return sb.append('}').toString();
    }

    /** {@code {"status":"success","data":["a","b"]}} for label names and label values. */
    public static String strings(Collection<String> values, List<String> warnings) {
        StringBuilder sb = new StringBuilder(64 + 16 * values.size());
        sb.append("{\"status\":\"success\",\"data\":[");
        boolean first = true;
        for (String v : values) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendString(sb, v);
        }
        sb.append(']');
        appendWarnings(sb, warnings);
        return sb.append('}').toString();
    }

    /**
     * {@code {"status":"success","data":{"up":[{"type":"gauge","help":"...","unit":""}]}}} for
     * /api/v1/metadata (one entry per family: Cairn keeps the latest).
     */
    public static String metadata(Map<String, MetricMetadata> byFamily) {
        StringBuilder sb = new StringBuilder(64 + 64 * byFamily.size());
        sb.append("{\"status\":\"success\",\"data\":{");
        boolean first = true;
        for (Map.Entry<String, MetricMetadata> e : byFamily.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendString(sb, e.getKey());
            MetricMetadata m = e.getValue();
            sb.append(":[{\"type\":");
            appendString(sb, m.type().promName());
            sb.append(",\"help\":");
            appendString(sb, m.help());
            sb.append(",\"unit\":");
            appendString(sb, m.unit());
            sb.append("}]");
        }
        return sb.append("}}").toString();
    }

    /** Appends {@code ,"warnings":[...]} when there are warnings. */
    public static void appendWarnings(StringBuilder sb, List<String> warnings) {
        if (warnings == null || warnings.isEmpty()) {
            return;
        }
        sb.append(",\"warnings\":[");
        for (int i = 0; i < warnings.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendString(sb, warnings.get(i));
        }
        sb.append(']');
    }

    /** Appends the labels as a JSON object, {@code __name__} first as Prometheus does. */
    public static void appendLabels(StringBuilder sb, Labels labels) {
        sb.append('{');
        boolean first = true;
        String name = labels.metricName();
        if (name != null) {
            appendString(sb, Labels.METRIC_NAME);
            sb.append(':');
            appendString(sb, name);
            first = false;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.name(i).equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendString(sb, labels.name(i));
            sb.append(':');
            appendString(sb, labels.value(i));
        }
        sb.append('}');
    }

    /** Appends {@code s} as a quoted, escaped JSON string. */
    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean esc = false;
            char single = 0;
            if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&'
                    || c == '\u2028' || c == '\u2029') {
                switch (c) {
                    case '"' -> single = '"';
                    case '\\' -> single = '\\';
                    case '\n' -> single = 'n';
                    case '\r' -> single = 'r';
                    case '\t' -> single = 't';
                    default -> esc = true;
                }
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (paired) {
                    i++;
                    continue;
                }
                sb.append(s, run, i).append('\ufffd');
                run = i + 1;
                continue;
            } else {
                continue;
            }
            sb.append(s, run, i).append('\\');
            if (esc) {
                sb.append('u').append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                sb.append(single);
            }
            run = i + 1;
        }
        sb.append(s, run, n).append('"');
    }
}
