package io.cairn.it.querybench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.it.harness.HttpResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Streaming decoder of Prometheus query API answers into {@link PromResponse}. Fields may come in
 * any order ({@code result} before {@code resultType} is fine) and unknown fields are skipped.
 * Timestamps are decimal seconds with up to millisecond precision, decoded exactly (no float
 * round trip); values are the API's strings, including {@code NaN}, {@code +Inf}, {@code -Inf}.
 * Native histogram points are rejected: nothing Cairn is compared on produces them.
 *
 * <p>Malformed answers raise IllegalArgumentException with the reason and the start of the
 * body. Thread safe (no shared mutable state besides the thread-safe JsonFactory).
 */
public final class PromResponseParser {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int EXCERPT_CHARS = 300;

    private PromResponseParser() {}

    /** Decodes the body of an HTTP answer; the HTTP status is recorded, not judged. */
    public static PromResponse parse(HttpResult http) {
        try (JsonParser p = JSON.createParser(http.body())) {
            return parse(p, http.status());
        } catch (IOException | RuntimeException e) {
            String text = http.text();
            throw new IllegalArgumentException("cannot decode query answer (HTTP " + http.status() + "): "
                    + e.getMessage() + "; body starts: "
                    + (text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "..." : text), e);
        }
    }

    private static PromResponse parse(JsonParser p, int httpStatus) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "the answer");
        String status = null;
        String errorType = null;
        String error = null;
        List<String> warnings = new ArrayList<>();
        Data data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "status" -> status = p.getValueAsString();
                case "errorType" -> errorType = p.getValueAsString();
                case "error" -> error = p.getValueAsString();
                case "warnings" -> readStrings(p, value, warnings);
                case "data" -> data = readData(p, value);
                default -> p.skipChildren();
            }
        }
        if (status == null) {
            throw new IllegalArgumentException("no \"status\" field");
        }
        boolean success = status.equals("success");
        PromResult result = null;
        if (success) {
            if (data == null) {
                throw new IllegalArgumentException("status success but no \"data\"");
            }
            result = data.toResult();
        }
        return new PromResponse(httpStatus, success, result, errorType, error, warnings);
    }

    private static void readStrings(JsonParser p, JsonToken start, List<String> out) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return;
        }
        expect(start, JsonToken.START_ARRAY, "\"warnings\"");
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getValueAsString());
        }
    }

    private static Data readData(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_OBJECT, "\"data\"");
        Data d = new Data();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "resultType" -> d.type = PromResult.ResultType.parse(p.getValueAsString());
                case "result" -> readResult(p, value, d);
                default -> p.skipChildren();
            }
        }
        return d;
    }

    /** The result is either a [time, "value"] pair (scalar, string) or an array of series objects. */
    private static void readResult(JsonParser p, JsonToken start, Data d) throws IOException {
        expect(start, JsonToken.START_ARRAY, "\"result\"");
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NUMBER_INT || first == JsonToken.VALUE_NUMBER_FLOAT) {
            d.pairTimestamp = timestamp(p);
            expect(p.nextToken(), JsonToken.VALUE_STRING, "the value of a scalar or string result");
            d.pairText = p.getText();
            expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a [time, value] pair");
            return;
        }
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(t, JsonToken.START_OBJECT, "a series of the result");
            d.series.add(readSeries(p));
        }
    }

    private static PromResult.Series readSeries(JsonParser p) throws IOException {
        SortedMap<String, String> labels = new TreeMap<>();
        Points points = new Points();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "metric" -> {
                    expect(value, JsonToken.START_OBJECT, "\"metric\"");
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        expect(p.nextToken(), JsonToken.VALUE_STRING, "the value of label " + name);
                        labels.put(name, p.getText());
                    }
                }
                case "value" -> readPoint(p, value, points);
                case "values" -> {
                    expect(value, JsonToken.START_ARRAY, "\"values\"");
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        readPoint(p, t, points);
                    }
                }
                case "histogram", "histograms" -> throw new IllegalArgumentException(
                        "native histogram points are not supported (series " + LabelText.of(labels) + ")");
                default -> p.skipChildren();
            }
        }
        return new PromResult.Series(labels, points.timestamps(), points.values());
    }

    private static void readPoint(JsonParser p, JsonToken start, Points points) throws IOException {
        expect(start, JsonToken.START_ARRAY, "a [time, value] point");
        p.nextToken();
        long ts = timestamp(p);
        expect(p.nextToken(), JsonToken.VALUE_STRING, "the value of a point");
        double v = value(p.getText());
        expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a [time, value] point");
        points.add(ts, v);
    }

    /** Decimal seconds, e.g. 1700000000.123, as exact milliseconds. */
    private static long timestamp(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IllegalArgumentException("expected a timestamp in seconds, got " + t);
        }
        return secondsToMillis(p.getText());
    }

    /** Parses decimal seconds ("1700000000", "1700000000.5", "-1.25") into milliseconds. */
    static long secondsToMillis(String text) {
        if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            return new java.math.BigDecimal(text).movePointRight(3)
                    .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        }
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        int dot = digits.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? digits : digits.substring(0, dot));
        long millis = 0;
        if (dot >= 0) {
            String frac = digits.substring(dot + 1);
            if (frac.length() > 3) {
                if (frac.substring(3).chars().anyMatch(c -> c != '0')) {
                    throw new IllegalArgumentException("timestamp " + text + " is finer than a millisecond");
                }
                frac = frac.substring(0, 3);
            }
            millis = Long.parseLong((frac + "000").substring(0, 3));
        }
        long ms = whole * 1000 + millis;
        return negative ? -ms : ms;
    }

    /** A sample value as the API writes it. */
    static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static void expect(JsonToken actual, JsonToken wanted, String what) {
        if (actual != wanted) {
            throw new IllegalArgumentException("expected " + wanted + " for " + what + ", got " + actual);
        }
    }

    /** The parts of {@code data} as read, turned into a result once {@code resultType} is known. */
    private static final class Data {
        PromResult.ResultType type;
        final List<PromResult.Series> series = new ArrayList<>();
        Long pairTimestamp;
        String pairText;

        PromResult toResult() {
            if (type == null) {
                throw new IllegalArgumentException("no \"resultType\" in \"data\"");
            }
            return switch (type) {
                case VECTOR, MATRIX -> {
                    if (pairTimestamp != null) {
                        throw new IllegalArgumentException(type.apiName() + " result holds a [time, value] pair");
                    }
                    yield new PromResult(type, series, null);
                }
                case SCALAR -> {
                    requirePair();
                    yield new PromResult(type, List.of(new PromResult.Series(new TreeMap<>(),
                            new long[] {pairTimestamp}, new double[] {value(pairText)})), null);
                }
                case STRING -> {
                    requirePair();
                    yield new PromResult(type, List.of(new PromResult.Series(new TreeMap<>(),
                            new long[] {pairTimestamp}, new double[] {Double.NaN})), pairText);
                }
            };
        }

        private void requirePair() {
            if (pairTimestamp == null) {
                throw new IllegalArgumentException(type.apiName() + " result without a [time, value] pair");
            }
        }
    }

    /** Growable primitive columns for the points of one series. */
    private static final class Points {
        private long[] ts = new long[16];
        private double[] vs = new double[16];
        private int n;

        void add(long t, double v) {
            if (n == ts.length) {
                ts = java.util.Arrays.copyOf(ts, n * 2);
                vs = java.util.Arrays.copyOf(vs, n * 2);
            }
            ts[n] = t;
            vs[n] = v;
            n++;
        }

        long[] timestamps() {
            return java.util.Arrays.copyOf(ts, n);
        }

        double[] values() {
            return java.util.Arrays.copyOf(vs, n);
        }
    }
}
