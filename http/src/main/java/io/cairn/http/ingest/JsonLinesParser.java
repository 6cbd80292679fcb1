package io.cairn.http.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.cairn.storage.model.Labels;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Parses VictoriaMetrics' JSON lines import format ({@code /api/v1/import}), the format
 * {@link io.cairn.http.format.JsonLinesWriter} exports, one series per line:
 * {@code {"metric":{"__name__":"up","job":"x"},"values":[1,2.5],"timestamps":[1700000000000,1700000015000]}}.
 *
 * <ul>
 *   <li>{@code metric} is an object of string values; names may be any UTF-8 (they are quoted).
 *   <li>{@code values} holds JSON numbers or the strings {@code "NaN"}, {@code "Inf"},
 *       {@code "+Inf"}, {@code "-Inf"} (case-insensitive, also {@code "Infinity"}). A
 *       {@code null} value cannot be stored: that sample is rejected and reported
 *       ({@code line N: values[i] is null}), never silently dropped.
 *   <li>{@code timestamps} holds integer milliseconds (a JSON number with a fraction or
 *       exponent is accepted when its value is integral).
 *   <li>{@code values} and {@code timestamps} must have the same length; other fields are
 *       ignored; blank lines are skipped.
 * </ul>
 *
 * <p>Partial acceptance: a line that is not valid JSON or has invalid labels is rejected as a
 * whole; a sample with a bad value or timestamp only by itself. Errors are
 * {@code line N: ...}. Not thread-safe: one parser per thread.
 */
public final class JsonLinesParser {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern START_MARKER = Pattern.compile(" \\(start marker at \\[.*?\\]\\)");

    private final IngestLimits limits;
    private final LabelSetBuilder builder = new LabelSetBuilder();
    private double[] values = new double[64];
    private boolean[] nullValue = new boolean[64];
    private int valueCount;
    private long[] timestamps = new long[64];
    private int timestampCount;
    private String lineError;

    public JsonLinesParser(IngestLimits limits) {
        this.limits = limits;
    }

    /** Parses {@code body[off, off + len)}, passing valid samples to {@code sink}. */
    public void parse(byte[] body, int off, int len, ExtraLabels extra, long nowMs,
            SampleSink sink, IngestReport report) {
        ExtraLabels ex = extra == null ? ExtraLabels.NONE : extra;
        int end = off + len;
        int pos = off;
        int line = 0;
        while (pos < end) {
            int nl = pos;
            while (nl < end && body[nl] != '\n') {
                nl++;
            }
            int start = pos;
            pos = nl + 1;
            line++;
            if (isBlank(body, start, nl)) {
                continue;
            }
            parseLine(body, start, nl - start, line, ex, nowMs, sink, report);
        }
    }

    private void parseLine(byte[] body, int off, int len, int line, ExtraLabels extra,
            long nowMs, SampleSink sink, IngestReport report) {
        builder.reset();
        valueCount = 0;
        timestampCount = 0;
        lineError = null;
        try (JsonParser p = JSON.createParser(body, off, len)) {
            readObject(p);
        } catch (JsonProcessingException e) {
            lineError = "cannot parse JSON: " + jacksonMessage(e) + " at column "
                    + e.getLocation().getColumnNr();
        } catch (IOException e) {
            throw new IllegalStateException("BUG: I/O error reading a byte array", e);
        }
        if (lineError == null) {
            if (valueCount != timestampCount) {
                lineError = "values has " + valueCount + " entries but timestamps has "
                        + timestampCount;
            } else {
                lineError = builder.validate(extra, limits);
            }
        }
        if (lineError != null) {
            report.addRejected(Math.max(1, Math.max(valueCount, timestampCount)),
                    "line " + line + ": " + lineError);
            return;
        }
        Labels labels = builder.build();
        for (int i = 0; i < valueCount; i++) {
            long ts = timestamps[i];
            if (nullValue[i]) {
                report.addRejected(1, "line " + line + ": values[" + i + "] is null");
                continue;
            }
            String bad = IngestLimits.checkTimestamp(ts, nowMs);
            if (bad != null) {
                report.addRejected(1, "line " + line + ": timestamps[" + i + "]: " + bad);
                continue;
            }
            sink.add(labels, ts, values[i]);
            report.addAccepted(1);
        }
    }

    /** Reads the line's object; sets {@link #lineError} for well-formed JSON of wrong shape. */
    private void readObject(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            lineError = "expected a JSON object";
            return;
        }
        boolean sawMetric = false;
        boolean sawValues = false;
        boolean sawTimestamps = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "metric" -> {
                    sawMetric = true;
                    if (!readMetric(p, t)) {
                        return;
                    }
                }
                case "values" -> {
                    sawValues = true;
                    if (!readValues(p, t)) {
                        return;
                    }
                }
                case "timestamps" -> {
                    sawTimestamps = true;
                    if (!readTimestamps(p, t)) {
                        return;
                    }
                }
                default -> p.skipChildren();
            }
        }
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            lineError = "unexpected " + describe(p, trailing) + " after the JSON object";
        } else if (!sawMetric) {
            lineError = "missing \"metric\" object";
        } else if (!sawValues) {
            lineError = "missing \"values\" array";
        } else if (!sawTimestamps) {
            lineError = "missing \"timestamps\" array";
        }
    }

    private boolean readMetric(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            lineError = "\"metric\" must be an object of label names to string values";
            return false;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                lineError = "value of label " + LabelSetBuilder.quote(name)
                        + " must be a string";
                return false;
            }
            builder.add(name, p.getText());
        }
        return true;
    }

    private boolean readValues(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            lineError = "\"values\" must be an array";
            return false;
        }
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            int i = valueCount;
            if (i == values.length) {
                values = Arrays.copyOf(values, i * 2);
                nullValue = Arrays.copyOf(nullValue, i * 2);
            }
            nullValue[i] = false;
            switch (v) {
                case VALUE_NUMBER_FLOAT -> values[i] = p.getDoubleValue();
                case VALUE_NUMBER_INT -> {
                    double d = p.getDoubleValue();
                    // "-0" is an integer token to JSON parsers; keep the sign of -0.0.
                    if (d == 0 && p.getTextCharacters()[p.getTextOffset()] == '-') {
                        d = -0.0;
                    }
                    values[i] = d;
                }
                case VALUE_NULL -> nullValue[i] = true;
                case VALUE_STRING -> {
                    Double special = special(p.getText());
                    if (special == null) {
                        lineError = "values[" + i + "]: cannot parse "
                                + LabelSetBuilder.quote(p.getText())
                                + ": want a number, \"NaN\", \"+Inf\" or \"-Inf\"";
                        return false;
                    }
                    values[i] = special;
                }
                default -> {
                    lineError = "values[" + i + "]: want a number, found " + describe(p, v);
                    return false;
                }
            }
            valueCount = i + 1;
        }
        return true;
    }

    private boolean readTimestamps(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            lineError = "\"timestamps\" must be an array";
            return false;
        }
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            int i = timestampCount;
            if (i == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, i * 2);
            }
            if (v == JsonToken.VALUE_NUMBER_INT) {
                try {
                    timestamps[i] = p.getLongValue();
                } catch (InputCoercionException e) {
                    lineError = "timestamps[" + i + "]: " + p.getText()
                            + " is out of range for milliseconds";
                    return false;
                }
            } else if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d != Math.rint(d) || Math.abs(d) > 0x1p62) {
                    lineError = "timestamps[" + i + "]: " + p.getText()
                            + " is not an integer number of milliseconds";
                    return false;
                }
                timestamps[i] = (long) d;
            } else {
                lineError = "timestamps[" + i + "]: want integer milliseconds, found "
                        + describe(p, v);
                return false;
            }
            timestampCount = i + 1;
        }
        return true;
    }

    /** The value of "NaN", "Inf", "+Inf", "-Inf", "Infinity"... (any case), else null. */
    private static Double special(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean negative = s.startsWith("-");
        if (t.equalsIgnoreCase("nan") && s.length() == 3) {
            return Double.NaN;
        }
        if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    /** Jackson's message without its redacted source location, which means nothing to clients. */
    private static String jacksonMessage(JsonProcessingException e) {
        return START_MARKER.matcher(e.getOriginalMessage()).replaceAll("");
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return LabelSetBuilder.quote(p.getText());
        }
        return t.asString() != null ? t.asString() : p.getText();
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
