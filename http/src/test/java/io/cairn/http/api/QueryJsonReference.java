package io.cairn.http.api;

import io.cairn.http.format.PromFloat;
import io.cairn.http.format.PromJson;
import io.cairn.promql.engine.MatrixResult;
import io.cairn.promql.engine.QueryResult;
import io.cairn.promql.engine.QueryValue;
import io.cairn.promql.engine.ScalarResult;
import io.cairn.promql.engine.StringResult;
import io.cairn.promql.engine.VectorResult;
import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The query answer encoder as it was before {@link QueryJson} wrote bytes: everything appended
 * to a {@code StringBuilder} through {@link PromFloat}'s and {@link PromJson}'s StringBuilder
 * entry points, then encoded to UTF-8. Kept as the reference the byte encoder must match
 * exactly (the shortest digits themselves are checked against a BigDecimal oracle in
 * ShortestDecimalTest and PointJsonTest).
 */
final class QueryJsonReference {
    /** Below this magnitude (and from {@link #E_FORMAT_ABOVE} on) values use exponent form. */
    private static final double E_FORMAT_BELOW = 1e-6;
    private static final double E_FORMAT_ABOVE = 1e21;

    private QueryJsonReference() {}

    /** The complete success body, UTF-8. */
    public static byte[] success(QueryResult result) {
        return success(result, false, List.of());
    }

    /**
     * The success body of an answer that may be partial: with {@code partial},
     * {@code "isPartial":true} follows the status (VictoriaMetrics' field) and
     * {@code partialWarnings} come after the engine's own warnings.
     */
    public static byte[] success(QueryResult result, boolean partial,
            List<String> partialWarnings) {
        StringBuilder head = new StringBuilder(128);
        head.append("{\"status\":\"success\",");
        if (partial) {
            head.append("\"isPartial\":true,");
        }
        head.append("\"data\":{\"resultType\":\"")
                .append(result.value().typeName()).append("\",\"result\":");
        StringBuilder tail = new StringBuilder(64);
        tail.append('}');
        List<String> warnings = result.warnings();
        if (!partialWarnings.isEmpty()) {
            warnings = new java.util.ArrayList<>(warnings);
            warnings.addAll(partialWarnings);
        }
        appendArray(tail, "warnings", warnings);
        appendArray(tail, "infos", result.infos());
        tail.append('}');
        StringBuilder sb = new StringBuilder();
        sb.append(head);
        appendResult(sb, result.value());
        sb.append(tail);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void appendResult(StringBuilder sb, QueryValue value) {
        if (value instanceof VectorResult v) {
            appendVector(sb, v);
        } else if (value instanceof MatrixResult m) {
            appendMatrix(sb, m);
        } else if (value instanceof ScalarResult s) {
            sb.append('[');
            appendGoJsonSeconds(sb, s.timeMs());
            sb.append(",\"");
            PromFloat.append(sb, s.value());
            sb.append("\"]");
        } else if (value instanceof StringResult s) {
            sb.append('[');
            appendGoJsonSeconds(sb, s.timeMs());
            sb.append(',');
            PromJson.appendString(sb, s.value());
            sb.append(']');
        } else {
            throw new IllegalStateException("BUG: unknown query value " + value);
        }
    }

    private static void appendVector(StringBuilder sb, VectorResult v) {
        sb.append('[');
        List<VectorResult.Sample> samples = v.samples();
        for (int i = 0; i < samples.size(); i++) {
            VectorResult.Sample s = samples.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"metric\":");
            appendMetric(sb, s.labels());
            sb.append(",\"value\":");
            appendPoint(sb, s.timeMs(), s.value());
            sb.append('}');
        }
        sb.append(']');
    }

    private static void appendMatrix(StringBuilder sb, MatrixResult m) {
        sb.append('[');
        appendSeries(sb, m.series(), 0, m.series().size());
        sb.append(']');
    }

    /** Series {@code [from, to)} of a matrix, comma-separated, without the enclosing brackets. */
    static void appendSeries(StringBuilder sb, List<MatrixResult.Series> series, int from, int to) {
        for (int i = from; i < to; i++) {
            MatrixResult.Series s = series.get(i);
            if (i > from) {
                sb.append(',');
            }
            sb.append("{\"metric\":");
            appendMetric(sb, s.labels());
            sb.append(",\"values\":[");
            long[] ts = s.timestamps();
            double[] vs = s.values();
            for (int k = 0; k < s.count(); k++) {
                if (k > 0) {
                    sb.append(',');
                }
                appendPoint(sb, ts[k], vs[k]);
            }
            sb.append("]}");
        }
    }

    /** {@code [1700000000.123,"1.5"]}. */
    static void appendPoint(StringBuilder sb, long timeMs, double value) {
        sb.append('[');
        appendPointTimestamp(sb, timeMs);
        sb.append(",\"");
        appendPointValue(sb, value);
        sb.append("\"]");
    }

    /** Labels as a JSON object in their (sorted) order. */
    static void appendMetric(StringBuilder sb, Labels labels) {
        sb.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            PromJson.appendString(sb, labels.name(i));
            sb.append(':');
            PromJson.appendString(sb, labels.value(i));
        }
        sb.append('}');
    }

    /** Seconds with exactly three decimals when the milliseconds are not zero. */
    static void appendPointTimestamp(StringBuilder sb, long ms) {
        long abs = ms;
        if (ms < 0) {
            sb.append('-');
            if (ms == Long.MIN_VALUE) {
                sb.append("9223372036854775.808");
                return;
            }
            abs = -ms;
        }
        sb.append(abs / 1000);
        int frac = (int) (abs % 1000);
        if (frac != 0) {
            sb.append('.');
            if (frac < 100) {
                sb.append('0');
            }
            if (frac < 10) {
                sb.append('0');
            }
            sb.append(frac);
        }
    }

    /** A sample value without quotes (see the class comment for the two forms). */
    static void appendPointValue(StringBuilder sb, double v) {
        double abs = Math.abs(v);
        if (abs != 0 && Double.isFinite(v) && (abs < E_FORMAT_BELOW || abs >= E_FORMAT_ABOVE)) {
            appendGoExponent(sb, v);
        } else {
            PromFloat.append(sb, v);
        }
    }

    /**
     * Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: shortest digits as {@code d.ddde±XX}
     * with at least two exponent digits. {@link PromFloat#appendJsonNumber} writes the same
     * digits and exponent for these magnitudes, only without the padding.
     */
    private static void appendGoExponent(StringBuilder sb, double v) {
        PromFloat.appendJsonNumber(sb, v);
        int n = sb.length();
        char sign = sb.charAt(n - 2);
        if (sign == '+' || sign == '-') {
            sb.insert(n - 1, '0');
        }
    }

    /**
     * {@code ms / 1000.0} as Go's encoding/json writes a float64: for every timestamp in range
     * this is the shortest {@code 'f'} form ({@code 1700000000.1}, {@code 0.001}).
     */
    static void appendGoJsonSeconds(StringBuilder sb, long ms) {
        PromFloat.append(sb, ms / 1000.0);
    }

    private static void appendArray(StringBuilder sb, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sb.append(",\"").append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            PromJson.appendString(sb, values.get(i));
        }
        sb.append(']');
    }
}
