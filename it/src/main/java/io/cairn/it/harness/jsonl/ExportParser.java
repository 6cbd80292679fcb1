package io.cairn.it.harness.jsonl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Streaming parser of the JSON-lines export format ({@link ExportedSeries}), one series per
 * line, as served by /api/v1/export of Cairn and VictoriaMetrics. Blank lines are skipped.
 * Values may be JSON numbers, the bare tokens NaN/+Inf/-Inf/Inf, or those words quoted.
 * Unknown fields are ignored. A malformed line raises an IOException naming its line number
 * and content. Thread safe (no shared mutable state).
 */
public final class ExportParser {
    private static final JsonFactory JSON = new JsonFactory();

    private ExportParser() {}

    /** Parses every line of {@code in} (read to its end, not closed), handing each series to {@code sink}. */
    public static void parse(InputStream in, Consumer<ExportedSeries> sink) throws IOException {
        byte[] line = new byte[8192];
        byte[] chunk = new byte[64 * 1024];
        int lineLen = 0;
        long lineNo = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    lineNo++;
                    parseLineInto(line, lineLen, lineNo, sink);
                    lineLen = 0;
                } else {
                    if (lineLen == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[lineLen++] = b;
                }
            }
        }
        if (lineLen > 0) {
            parseLineInto(line, lineLen, lineNo + 1, sink);
        }
    }

    /** Parses all lines of {@code in} into a list. */
    public static List<ExportedSeries> parseAll(InputStream in) throws IOException {
        List<ExportedSeries> out = new ArrayList<>();
        parse(in, out::add);
        return out;
    }

    /** Parses one line; returns null for a blank line. */
    public static ExportedSeries parseLine(byte[] line, int length) throws IOException {
        ExportedSeries[] result = new ExportedSeries[1];
        parseLineInto(line, length, 1, s -> result[0] = s);
        return result[0];
    }

    private static void parseLineInto(byte[] line, int length, long lineNo, Consumer<ExportedSeries> sink)
            throws IOException {
        if (isBlank(line, length)) {
            return;
        }
        byte[] json = NonFiniteTokens.quote(line, length);
        int jsonLen = json == line ? length : json.length;
        try (JsonParser p = JSON.createParser(json, 0, jsonLen)) {
            sink.accept(readSeries(p));
            if (p.nextToken() != null) {
                throw new IOException("trailing content after the series object");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("bad export line " + lineNo + ": " + e.getMessage() + ": "
                    + new String(line, 0, Math.min(length, 500), java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    private static ExportedSeries readSeries(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "series object");
        TreeMap<String, String> labels = null;
        double[] values = null;
        long[] timestamps = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "metric" -> labels = readLabels(p, t);
                case "values" -> values = readValues(p, t);
                case "timestamps" -> timestamps = readTimestamps(p, t);
                default -> p.skipChildren();
            }
        }
        if (labels == null || values == null || timestamps == null) {
            throw new IOException("missing " + (labels == null ? "metric" : values == null ? "values" : "timestamps"));
        }
        return new ExportedSeries(labels, timestamps, values);
    }

    private static TreeMap<String, String> readLabels(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_OBJECT, "metric object");
        TreeMap<String, String> labels = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            expect(p.nextToken(), JsonToken.VALUE_STRING, "label value of " + name);
            labels.put(name, p.getText());
        }
        return labels;
    }

    private static double[] readValues(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_ARRAY, "values array");
        double[] out = new double[16];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_STRING -> parseWord(p.getText());
                default -> throw new IOException("unexpected " + t + " in values");
            };
        }
        return Arrays.copyOf(out, n);
    }

    private static long[] readTimestamps(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_ARRAY, "timestamps array");
        long[] out = new long[16];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(t, JsonToken.VALUE_NUMBER_INT, "integer timestamp");
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = p.getLongValue();
        }
        return Arrays.copyOf(out, n);
    }

    /** A sample value written as a word: NaN, Inf, +Inf, -Inf, or any decimal number. */
    static double parseWord(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + what + " but found " + actual);
        }
    }

    private static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
