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
 * The success body of {@code /api/v1/query} and {@code /api/v1/query_range}, byte for byte as
 * Prometheus writes it:
 *
 * <pre>
 * {"status":"success","data":{"resultType":"vector","result":[
 *     {"metric":{"__name__":"up","job":"a"},"value":[1700000000.5,"1"]}]},
 *  "warnings":["..."],"infos":["..."]}
 * </pre>
 *
 * <p>Prometheus formats the four result types with two different encoders, and so does this
 * class:
 *
 * <ul>
 *   <li>vector and matrix points: the timestamp is whole seconds plus, when the milliseconds are
 *       not zero, exactly three decimals ({@code 1700000000.100}); the value is Go's shortest
 *       {@code 'f'} formatting, switching to {@code 'e'} below 1e-6 and from 1e21 on in
 *       magnitude ({@code "1e-07"}, {@code "1e+21"}), with {@code NaN}, {@code +Inf},
 *       {@code -Inf};
 *   <li>scalar and string: the timestamp is the float64 {@code ms / 1000} in Go's JSON number
 *       form ({@code 1700000000.1}); a scalar's value is always the {@code 'f'} form.
 * </ul>
 *
 * <p>Labels are written in their sorted order (so {@code __name__} is not necessarily first),
 * {@code warnings} and {@code infos} only when not empty. Points are appended straight into one
 * builder: nothing is allocated per point except inside {@link PromFloat}. Stateless and
 * thread-safe.
 */
public final class QueryJson {
    /** Below this magnitude (and from {@link #E_FORMAT_ABOVE} on) values use exponent form. */
    private static final double E_FORMAT_BELOW = 1e-6;
    private static final double E_FORMAT_ABOVE = 1e21;

    private QueryJson() {}

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
        if (result.value() instanceof MatrixResult m && MatrixHalves.worthSplitting(m)) {
            return MatrixHalves.encode(head, m, tail);
        }
        StringBuilder sb = new StringBuilder(capacity(result.value()) + head.length() + tail.length());
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

    /** A first guess of the body size, so large results are not copied while growing. */
    private static int capacity(QueryValue v) {
        long estimate = 128;
        if (v instanceof VectorResult vec) {
            estimate += 96L * vec.samples().size();
        } else if (v instanceof MatrixResult m) {
            estimate += seriesBytes(m.series(), 0, m.series().size());
        }
        return (int) Math.min(estimate, MAX_INITIAL_CAPACITY);
    }

    /** Upper bound of the initial builder capacity; larger bodies grow from there. */
    static final int MAX_INITIAL_CAPACITY = 64 << 20;

    /** A first guess of the bytes of series {@code [from, to)} of a matrix. */
    static long seriesBytes(List<MatrixResult.Series> series, int from, int to) {
        long estimate = 0;
        for (int i = from; i < to; i++) {
            estimate += 80 + 24L * series.get(i).count();
        }
        return estimate;
    }
}
