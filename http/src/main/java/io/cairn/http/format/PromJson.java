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

    /** What unpaired surrogates become: they have no UTF-8 encoding. */
    static final char REPLACEMENT_CHAR = '\ufffd';
    /** {@link #ASCII_ESCAPES} entry of chars written as backslash, 'u' and four hex digits. */
    static final byte UNICODE_ESCAPE = 'u';
    /**
     * How each ASCII char is written, the one table of both string writers: 0 as itself,
     * {@link #UNICODE_ESCAPE} as a four-hex-digit escape, otherwise as a backslash and this
     * letter. Control chars, the quote and backslash, and {@code < > &} (Go escapes the
     * HTML-significant ones) are escaped.
     */
    static final byte[] ASCII_ESCAPES = new byte[0x80];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = UNICODE_ESCAPE;
        }
        ASCII_ESCAPES['<'] = UNICODE_ESCAPE;
        ASCII_ESCAPES['>'] = UNICODE_ESCAPE;
        ASCII_ESCAPES['&'] = UNICODE_ESCAPE;
        ASCII_ESCAPES['"'] = '"';
        ASCII_ESCAPES['\\'] = '\\';
        ASCII_ESCAPES['\n'] = 'n';
        ASCII_ESCAPES['\r'] = 'r';
        ASCII_ESCAPES['\t'] = 't';
    }

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
        int nameIndex = metricNameIndex(labels);
        for (int j = 0; j < labels.size(); j++) {
            int i = nameFirst(j, nameIndex);
            if (j > 0) {
                sb.append(',');
            }
            appendString(sb, labels.name(i));
            sb.append(':');
            appendString(sb, labels.value(i));
        }
        sb.append('}');
    }

    /** {@link #appendLabels(StringBuilder, Labels)} as UTF-8 into {@code out}. */
    public static void appendLabels(JsonBytes out, Labels labels) {
        out.append('{');
        int nameIndex = metricNameIndex(labels);
        for (int j = 0; j < labels.size(); j++) {
            int i = nameFirst(j, nameIndex);
            if (j > 0) {
                out.append(',');
            }
            out.appendString(labels.name(i)).append(':').appendString(labels.value(i));
        }
        out.append('}');
    }

    /** The index of {@code __name__} in the (sorted) labels, or -1. */
    private static int metricNameIndex(Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.name(i).equals(Labels.METRIC_NAME)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the label written {@code j}-th when {@code __name__} (at
     * {@code nameIndex}, or -1) goes first and the others keep their order.
     */
    private static int nameFirst(int j, int nameIndex) {
        if (nameIndex < 0 || j > nameIndex) {
            return j;
        }
        return j == 0 ? nameIndex : j - 1;
    }

    /**
     * Appends {@code s} as a quoted, escaped JSON string (the rules in the class comment;
     * {@link JsonBytes#appendString} writes the same text as UTF-8).
     */
    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            byte esc;
            if (c < 0x80) {
                esc = ASCII_ESCAPES[c];
                if (esc == 0) {
                    continue;
                }
            } else if (isLineSeparator(c)) {
                esc = UNICODE_ESCAPE;
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (paired) {
                    i++;
                    continue;
                }
                sb.append(s, run, i).append(REPLACEMENT_CHAR);
                run = i + 1;
                continue;
            } else {
                continue;
            }
            sb.append(s, run, i).append('\\');
            if (esc == UNICODE_ESCAPE) {
                sb.append('u').append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                sb.append((char) esc);
            }
            run = i + 1;
        }
        sb.append(s, run, n).append('"');
    }

    /** Whether {@code c} is U+2028 or U+2029, which Go escapes (JavaScript line ends). */
    static boolean isLineSeparator(char c) {
        return c == '\u2028' || c == '\u2029';
    }
}
