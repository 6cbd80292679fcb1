package io.cairn.http.api;

import io.cairn.http.format.JsonBytes;
import io.cairn.http.format.PointJson;
import io.cairn.http.format.PromFloat;
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
 *   <li>vector and matrix points as {@link PointJson} describes: the timestamp with exactly
 *       three decimals when the milliseconds are not zero ({@code 1700000000.100}), the value in
 *       Go's {@code 'f'} form, {@code 'e'} below 1e-6 and from 1e21 on ({@code "1e-07"});
 *   <li>scalar and string: the timestamp is the float64 {@code ms / 1000} in Go's JSON number
 *       form ({@code 1700000000.1}); a scalar's value is always the {@code 'f'} form.
 * </ul>
 *
 * <p>Labels are written in their sorted order (so {@code __name__} is not necessarily first),
 * {@code warnings} and {@code infos} only when not empty. Everything is written straight into
 * one {@link JsonBytes} as UTF-8: nothing is allocated per point, and the body is copied once,
 * at the end, to its exact length. Stateless and thread-safe.
 */
public final class QueryJson {
    private static final byte[] SUCCESS = ascii("{\"status\":\"success\",");
    private static final byte[] IS_PARTIAL = ascii("\"isPartial\":true,");
    private static final byte[] RESULT_TYPE = ascii("\"data\":{\"resultType\":");
    private static final byte[] RESULT = ascii(",\"result\":");
    private static final byte[] METRIC = ascii("{\"metric\":");
    private static final byte[] VALUE = ascii(",\"value\":");
    private static final byte[] VALUES = ascii(",\"values\":[");
    private static final byte[] SERIES_END = ascii("]}");
    private static final byte[] WARNINGS = ascii(",\"warnings\":[");
    private static final byte[] INFOS = ascii(",\"infos\":[");

    /** Upper bound of the initial buffer capacity; larger bodies grow from there. */
    static final int MAX_INITIAL_CAPACITY = 64 << 20;

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
        QueryValue value = result.value();
        JsonBytes out = new JsonBytes(capacity(value));
        out.append(SUCCESS);
        if (partial) {
            out.append(IS_PARTIAL);
        }
        out.append(RESULT_TYPE).appendString(value.typeName()).append(RESULT);
        if (value instanceof MatrixResult m && MatrixHalves.worthSplitting(m)) {
            MatrixHalves.appendMatrix(out, m);
        } else {
            appendResult(out, value);
        }
        out.append('}');
        appendStrings(out, WARNINGS, result.warnings(), partialWarnings);
        appendStrings(out, INFOS, result.infos(), List.of());
        out.append('}');
        return out.toByteArray();
    }

    /** The {@code "result"} value of {@code value} (a matrix on this thread). */
    static void appendResult(JsonBytes out, QueryValue value) {
        if (value instanceof VectorResult v) {
            appendVector(out, v);
        } else if (value instanceof MatrixResult m) {
            out.append('[');
            appendSeries(out, m.series(), 0, m.series().size());
            out.append(']');
        } else if (value instanceof ScalarResult s) {
            out.append('[');
            appendGoJsonSeconds(out, s.timeMs());
            out.append(',').append('"');
            PromFloat.append(out, s.value());
            out.append('"').append(']');
        } else if (value instanceof StringResult s) {
            out.append('[');
            appendGoJsonSeconds(out, s.timeMs());
            out.append(',').appendString(s.value()).append(']');
        } else {
            throw new IllegalStateException("BUG: unknown query value " + value);
        }
    }

    private static void appendVector(JsonBytes out, VectorResult v) {
        out.append('[');
        List<VectorResult.Sample> samples = v.samples();
        for (int i = 0; i < samples.size(); i++) {
            VectorResult.Sample s = samples.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append(METRIC);
            appendMetric(out, s.labels());
            out.append(VALUE);
            PointJson.append(out, s.timeMs(), s.value());
            out.append('}');
        }
        out.append(']');
    }

    /** Series {@code [from, to)} of a matrix, comma-separated, without the enclosing brackets. */
    static void appendSeries(JsonBytes out, List<MatrixResult.Series> series, int from, int to) {
        for (int i = from; i < to; i++) {
            MatrixResult.Series s = series.get(i);
            int start = out.length();
            if (i > from) {
                out.append(',');
            }
            out.append(METRIC);
            appendMetric(out, s.labels());
            out.append(VALUES);
            PointJson.appendAll(out, s.timestamps(), s.values(), s.count());
            out.append(SERIES_END);
            if (i == from) {
                reserveLike(out, out.length() - start, s.count(), series, from + 1, to);
            }
        }
    }

    /**
     * Reserves room for series {@code [from, to)} at the bytes per point of a series just
     * written ({@code bytes} for {@code points}), so that a body whose values are longer than
     * {@link #seriesBytes} guessed grows once, early, rather than doubling and copying near
     * its end.
     */
    private static void reserveLike(JsonBytes out, int bytes, int points,
            List<MatrixResult.Series> series, int from, int to) {
        if (points == 0 || from >= to) {
            return;
        }
        long perPoint = bytes / points + 1;
        long estimate = 0;
        for (int i = from; i < to; i++) {
            estimate += 80 + perPoint * series.get(i).count();
        }
        out.ensureExactly((int) Math.min(estimate, MAX_INITIAL_CAPACITY));
    }

    /** Labels as a JSON object in their (sorted) order. */
    private static void appendMetric(JsonBytes out, Labels labels) {
        out.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.appendString(labels.name(i)).append(':').appendString(labels.value(i));
        }
        out.append('}');
    }

    /**
     * {@code ms / 1000.0} as Go's encoding/json writes a float64: for every timestamp in range
     * this is the shortest {@code 'f'} form ({@code 1700000000.1}, {@code 0.001}).
     */
    static void appendGoJsonSeconds(JsonBytes out, long ms) {
        PromFloat.append(out, ms / 1000.0);
    }

    /** {@code ,"name":[...]} with {@code first} then {@code second}, when not both empty. */
    private static void appendStrings(JsonBytes out, byte[] nameAndBracket, List<String> first,
            List<String> second) {
        if (first.isEmpty() && second.isEmpty()) {
            return;
        }
        out.append(nameAndBracket);
        for (int i = 0; i < first.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.appendString(first.get(i));
        }
        for (int i = 0; i < second.size(); i++) {
            if (i > 0 || !first.isEmpty()) {
                out.append(',');
            }
            out.appendString(second.get(i));
        }
        out.append(']');
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

    /** A first guess of the bytes of series {@code [from, to)} of a matrix. */
    static long seriesBytes(List<MatrixResult.Series> series, int from, int to) {
        long estimate = 0;
        for (int i = from; i < to; i++) {
            estimate += 80 + 24L * series.get(i).count();
        }
        return estimate;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
