package io.cairn.http.ingest;

import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses InfluxDB line protocol ({@code /influx/write}, {@code /write},
 * {@code /influx/api/v2/write}) as VictoriaMetrics maps it to samples:
 * {@code measurement[,tag=value...] field=value[,field2=value2...] [timestamp]}.
 *
 * <ul>
 *   <li>Each field is one sample of metric {@code <measurement>_<field>} (just {@code <field>}
 *       when the measurement is empty), with the tags as labels. The {@code db} query parameter
 *       becomes label {@code db} unless the line has a {@code db} tag. Tags with an empty key or
 *       value are dropped. Names may be any UTF-8.
 *   <li>Escapes: {@code \,} {@code \=} {@code \ } and {@code \\} in measurement, tag keys, tag
 *       values and field keys; any other backslash is literal. String field values are
 *       double-quoted with {@code \"} and {@code \\} escapes.
 *   <li>Field values: floats, integers ({@code 12i}), unsigned ({@code 12u}), booleans
 *       ({@code t T true True TRUE} = 1, {@code f F false False FALSE} = 0), and strings that
 *       hold a number. Other strings carry no sample: they are skipped and counted
 *       ({@link IngestReport#stringFieldsSkipped()}), not rejected, since Telegraf sends such
 *       fields routinely.
 *   <li>The timestamp is in {@link InfluxPrecision} units (ns by default) and truncated to
 *       milliseconds; without it {@code now} is used.
 * </ul>
 *
 * <p>Partial acceptance: a line with a syntax error is rejected as a whole (counted as one
 * rejected sample, since its fields cannot be counted reliably); a field whose labels break the
 * limits is rejected alone. Errors are {@code line N: ...}. Not thread-safe: one parser per
 * thread.
 */
public final class InfluxLineParser {
    private final IngestLimits limits;
    private final LabelSetBuilder builder = new LabelSetBuilder();

    // The current line, parsed before any sample is emitted.
    private String measurement;
    private String[] tagKeys = new String[16];
    private String[] tagValues = new String[16];
    private int tags;
    private String[] fieldKeys = new String[16];
    private double[] fieldValues = new double[16];
    private int fields;
    private int stringFields;
    private byte[] scratch = new byte[128];
    private int scratchLen;

    private byte[] b;
    private int lineEnd;
    private String error;

    public InfluxLineParser(IngestLimits limits) {
        this.limits = limits;
    }

    /**
     * Parses {@code body[off, off + len)}, passing valid samples to {@code sink}.
     *
     * @param db the {@code db} query parameter, or null
     */
    public void parse(byte[] body, int off, int len, String db, InfluxPrecision precision,
            ExtraLabels extra, long nowMs, SampleSink sink, IngestReport report) {
        ExtraLabels ex = extra == null ? ExtraLabels.NONE : extra;
        this.b = body;
        int end = off + len;
        int pos = off;
        int line = 0;
        try {
            while (pos < end) {
                int nl = pos;
                while (nl < end && body[nl] != '\n') {
                    nl++;
                }
                int start = pos;
                pos = nl + 1;
                line++;
                lineEnd = nl > start && body[nl - 1] == '\r' ? nl - 1 : nl;
                int first = skipSpaces(start);
                if (first == lineEnd || body[first] == '#') {
                    continue;
                }
                // Parse from the line start: a leading space means an empty measurement.
                error = null;
                long ts = parseLine(start, precision, nowMs);
                if (error != null) {
                    report.addRejected(1, "line " + line + ": " + error);
                    continue;
                }
                emit(line, db, ts, nowMs, ex, sink, report);
            }
        } finally {
            this.b = null;
        }
    }

    private void emit(int line, String db, long ts, long nowMs, ExtraLabels extra,
            SampleSink sink, IngestReport report) {
        for (int i = 0; i < stringFields; i++) {
            report.addStringFieldSkipped();
        }
        String badTs = IngestLimits.checkTimestamp(ts, nowMs);
        if (badTs != null) {
            report.addRejected(fields, "line " + line + ": " + badTs);
            return;
        }
        for (int f = 0; f < fields; f++) {
            builder.reset();
            String name = measurement.isEmpty() ? fieldKeys[f]
                    : measurement + "_" + fieldKeys[f];
            builder.add(Labels.METRIC_NAME, name);
            boolean hasDb = false;
            for (int t = 0; t < tags; t++) {
                builder.add(tagKeys[t], tagValues[t]);
                hasDb |= tagKeys[t].equals("db");
            }
            if (db != null && !db.isEmpty() && !hasDb) {
                builder.add("db", db);
            }
            String bad = builder.validate(extra, limits);
            if (bad != null) {
                report.addRejected(1, "line " + line + ": field " + LabelSetBuilder.quote(
                        fieldKeys[f]) + ": " + bad);
                continue;
            }
            sink.add(builder.build(), ts, fieldValues[f]);
            report.addAccepted(1);
        }
    }

    /** Parses the line into the fields of this parser; returns its timestamp in ms. */
    private long parseLine(int p, InfluxPrecision precision, long nowMs) {
        tags = 0;
        fields = 0;
        stringFields = 0;
        p = unescapeUntil(p, true);
        measurement = scratchString();
        while (p < lineEnd && b[p] == ',') {
            int keyStart = p + 1;
            p = unescapeUntil(keyStart, false);
            String key = scratchString();
            if (p == lineEnd || b[p] != '=') {
                error = "missing '=' after tag key " + LabelSetBuilder.quote(key);
                return 0;
            }
            p = unescapeUntil(p + 1, true);
            String value = scratchString();
            if (!key.isEmpty() && !value.isEmpty()) {
                addTag(key, value);
            }
        }
        if (p == lineEnd) {
            error = "missing fields after " + (tags == 0 ? "the measurement" : "the tags");
            return 0;
        }
        p = skipSpaces(p);
        p = parseFields(p);
        if (error != null) {
            return 0;
        }
        p = skipSpaces(p);
        if (p == lineEnd) {
            return nowMs;
        }
        int tsEnd = p;
        while (tsEnd < lineEnd && b[tsEnd] != ' ' && b[tsEnd] != '\t') {
            tsEnd++;
        }
        long raw;
        try {
            raw = ByteNumbers.parseLong(b, p, tsEnd - p);
        } catch (ByteNumbers.NotANumber e) {
            error = "cannot parse timestamp " + text(p, tsEnd);
            return 0;
        }
        if (skipSpaces(tsEnd) != lineEnd) {
            error = "unexpected " + text(skipSpaces(tsEnd), lineEnd) + " after the timestamp";
            return 0;
        }
        long ms = precision.toMillis(raw);
        if (ms == Long.MIN_VALUE) {
            error = "timestamp " + raw + " overflows at precision " + precision.name()
                    .toLowerCase(java.util.Locale.ROOT);
        }
        return ms;
    }

    private int parseFields(int p) {
        while (true) {
            int keyStart = p;
            p = unescapeUntil(p, false);
            String key = scratchString();
            if (key.isEmpty()) {
                error = "missing field name at " + text(keyStart, Math.min(keyStart + 1, lineEnd));
                return p;
            }
            if (p == lineEnd || b[p] != '=') {
                error = "missing '=' after field " + LabelSetBuilder.quote(key);
                return p;
            }
            p++;
            if (p < lineEnd && b[p] == '"') {
                p = stringField(p, key);
            } else {
                int valueEnd = p;
                while (valueEnd < lineEnd && b[valueEnd] != ',' && b[valueEnd] != ' '
                        && b[valueEnd] != '\t') {
                    valueEnd++;
                }
                if (valueEnd == p) {
                    error = "missing value of field " + LabelSetBuilder.quote(key);
                    return p;
                }
                double v = fieldValue(p, valueEnd, key);
                if (error != null) {
                    return p;
                }
                addField(key, v);
                p = valueEnd;
            }
            if (error != null) {
                return p;
            }
            if (p < lineEnd && b[p] == ',') {
                p++;
                continue;
            }
            return p;
        }
    }

    private int stringField(int p, String key) {
        int n = 0;
        for (p++; p < lineEnd; p++) {
            byte c = b[p];
            if (c == '"') {
                scratchLen = n;
                try {
                    addField(key, ByteNumbers.parseDouble(scratch, 0, n));
                } catch (ByteNumbers.NotANumber e) {
                    stringFields++;
                }
                return p + 1;
            }
            if (c == '\\' && p + 1 < lineEnd && (b[p + 1] == '"' || b[p + 1] == '\\')) {
                c = b[++p];
            }
            n = put(n, c);
        }
        error = "string value of field " + LabelSetBuilder.quote(key) + " is not closed by '\"'";
        return p;
    }

    private double fieldValue(int from, int to, String key) {
        byte last = b[to - 1];
        int len = to - from;
        try {
            if (last == 'i' || last == 'u') {
                long v = ByteNumbers.parseLong(b, from, len - 1);
                if (last == 'u' && v < 0) {
                    throw new ByteNumbers.NotANumber();
                }
                return v;
            }
            if (isWord(from, to, "t", "T", "true", "True", "TRUE")) {
                return 1;
            }
            if (isWord(from, to, "f", "F", "false", "False", "FALSE")) {
                return 0;
            }
            return ByteNumbers.parseDouble(b, from, len);
        } catch (ByteNumbers.NotANumber e) {
            error = "cannot parse value " + text(from, to) + " of field "
                    + LabelSetBuilder.quote(key);
            return 0;
        }
    }

    private boolean isWord(int from, int to, String... words) {
        for (String w : words) {
            if (w.length() == to - from) {
                boolean eq = true;
                for (int i = 0; i < w.length() && eq; i++) {
                    eq = b[from + i] == w.charAt(i);
                }
                if (eq) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Unescapes a measurement, tag or field key into {@link #scratch} up to an unescaped ' ' or
     * ',' (and '=' unless {@code equalsIsText}); returns the stop position.
     */
    private int unescapeUntil(int p, boolean equalsIsText) {
        int n = 0;
        for (; p < lineEnd; p++) {
            byte c = b[p];
            if (c == ' ' || c == ',' || (c == '=' && !equalsIsText)) {
                break;
            }
            if (c == '\\' && p + 1 < lineEnd) {
                byte next = b[p + 1];
                if (next == ',' || next == '=' || next == ' ' || next == '\\') {
                    c = next;
                    p++;
                }
            }
            n = put(n, c);
        }
        scratchLen = n;
        return p;
    }

    private int put(int n, byte c) {
        if (n == scratch.length) {
            scratch = Arrays.copyOf(scratch, n * 2);
        }
        scratch[n] = c;
        return n + 1;
    }

    private String scratchString() {
        return new String(scratch, 0, scratchLen, StandardCharsets.UTF_8);
    }

    private void addTag(String key, String value) {
        if (tags == tagKeys.length) {
            tagKeys = Arrays.copyOf(tagKeys, tags * 2);
            tagValues = Arrays.copyOf(tagValues, tags * 2);
        }
        tagKeys[tags] = key;
        tagValues[tags] = value;
        tags++;
    }

    private void addField(String key, double value) {
        if (fields == fieldKeys.length) {
            fieldKeys = Arrays.copyOf(fieldKeys, fields * 2);
            fieldValues = Arrays.copyOf(fieldValues, fields * 2);
        }
        fieldKeys[fields] = key;
        fieldValues[fields] = value;
        fields++;
    }

    private int skipSpaces(int p) {
        while (p < lineEnd && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    private String text(int from, int to) {
        return LabelSetBuilder.quote(new String(b, from, to - from, StandardCharsets.UTF_8));
    }
}
