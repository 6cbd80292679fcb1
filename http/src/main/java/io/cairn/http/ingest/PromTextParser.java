package io.cairn.http.ingest;

import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the Prometheus text exposition format ({@code /api/v1/import/prometheus}), one sample
 * per line: {@code name{label="value",...} value [timestamp_ms]}.
 *
 * <ul>
 *   <li>Names outside braces follow the classic rules ({@code [a-zA-Z_:][a-zA-Z0-9_:]*} for
 *       metrics, {@code [a-zA-Z_][a-zA-Z0-9_]*} for labels); any UTF-8 name is allowed in the
 *       quoted forms of Prometheus 3: {@code {"my.metric", "my.label"="v"}}.
 *   <li>Label values escape {@code \\}, {@code \"} and {@code \n}; a trailing comma is allowed.
 *   <li>Values: Go float syntax plus {@code NaN}, {@code Inf}, {@code +Inf}, {@code -Inf}
 *       (case-insensitive). The timestamp is integer milliseconds; without it {@code now} is used.
 *   <li>{@code # HELP}, {@code # TYPE} and {@code # UNIT} go to the {@link MetadataSink}, one
 *       merged {@link MetricMetadata} per family; other comments and blank lines are skipped.
 *       {@code # EOF} (OpenMetrics) ends the input; an OpenMetrics exemplar after the
 *       value/timestamp ({@code # {...} ...}) is ignored.
 * </ul>
 *
 * <p>Partial acceptance: each invalid line is rejected with {@code line N: ...} in the
 * {@link IngestReport} (N from 1) and the others are passed to the sink as they are parsed.
 *
 * <p>The series part of a line is looked up in an optional {@link LabelsCache} by its raw bytes,
 * so repeated series cost no String allocation. Not thread-safe: one parser per thread.
 */
public final class PromTextParser {
    private final IngestLimits limits;
    private final LabelsCache cache;
    /** Cache lookups of the current request, reported to the cache once at its end. */
    private long cacheHits;
    private long cacheMisses;
    private final LabelSetBuilder builder = new LabelSetBuilder();
    private byte[] scratch = new byte[256];
    private int scratchLen;

    // Per-request state.
    private byte[] b;
    private int line;
    private ExtraLabels extra;
    private IngestReport report;
    private MetadataSink metadataSink;
    private String error;
    private int lineEnd;

    // Metadata of the family being read, flushed when another family starts.
    private String metaFamily;
    private MetricType metaType;
    private String metaHelp;
    private String metaUnit;

    /** @param cache cache for the text format only (see {@link LabelsCache}), or null */
    public PromTextParser(IngestLimits limits, LabelsCache cache) {
        this.limits = limits;
        this.cache = cache;
    }

    /** Parses {@code body[off, off + len)}, passing valid samples to {@code sink}. */
    public void parse(byte[] body, int off, int len, ExtraLabels extra, long nowMs,
            SampleSink sink, MetadataSink metadataSink, IngestReport report) {
        this.b = body;
        this.extra = extra == null ? ExtraLabels.NONE : extra;
        this.report = report;
        this.metadataSink = metadataSink;
        this.line = 0;
        metaFamily = null;
        cacheHits = 0;
        cacheMisses = 0;
        int end = off + len;
        int pos = off;
        boolean eof = false;
        try {
            while (pos < end) {
                int nl = indexOf(b, pos, end, (byte) '\n');
                int lineEnd = nl < 0 ? end : nl;
                int start = pos;
                pos = nl < 0 ? end : nl + 1;
                line++;
                if (lineEnd > start && b[lineEnd - 1] == '\r') {
                    lineEnd--;
                }
                this.lineEnd = lineEnd;
                start = skipSpaces(start, lineEnd);
                if (start == lineEnd) {
                    continue;
                }
                if (eof) {
                    report.addRejected(1, "line " + line + ": data after # EOF");
                    break;
                }
                if (b[start] == '#') {
                    eof = comment(start + 1, lineEnd);
                    continue;
                }
                error = null;
                sample(start, lineEnd, nowMs, sink);
                if (error != null) {
                    report.addRejected(1, "line " + line + ": " + error);
                }
            }
            flushMetadata();
        } finally {
            this.b = null;
            this.report = null;
            this.metadataSink = null;
            builder.reset();
            if (cache != null) {
                cache.recordLookups(cacheHits, cacheMisses);
            }
        }
    }

    // ---- samples ----

    private void sample(int start, int end, long nowMs, SampleSink sink) {
        int seriesEnd = scanSeriesEnd(start, end);
        if (seriesEnd < 0) {
            return;
        }
        Labels labels = null;
        int hash = 0;
        if (cache != null) {
            hash = LabelsCache.hash(b, start, seriesEnd - start);
            labels = cache.get(extra, b, start, seriesEnd - start, hash);
            if (labels != null) {
                cacheHits++;
            } else {
                cacheMisses++;
            }
        }
        if (labels == null) {
            labels = parseSeries(start, seriesEnd);
            if (labels == null) {
                return;
            }
            if (cache != null) {
                cache.put(extra, b, start, seriesEnd - start, hash, labels);
            }
        }
        int p = seriesEnd;
        int q = skipSpaces(p, end);
        if (q == end) {
            error = "missing value after the series";
            return;
        }
        if (q == p) {
            error = "expected a space after the series, found " + describe(p);
            return;
        }
        int valueEnd = tokenEnd(q, end);
        double value;
        try {
            value = ByteNumbers.parseDouble(b, q, valueEnd - q);
        } catch (ByteNumbers.NotANumber e) {
            error = "cannot parse value " + text(q, valueEnd);
            return;
        }
        long ts = nowMs;
        p = skipSpaces(valueEnd, end);
        if (p < end && b[p] != '#') {
            int tsEnd = tokenEnd(p, end);
            try {
                ts = ByteNumbers.parseLong(b, p, tsEnd - p);
            } catch (ByteNumbers.NotANumber e) {
                error = "cannot parse timestamp " + text(p, tsEnd)
                        + ": want integer milliseconds";
                return;
            }
            p = skipSpaces(tsEnd, end);
        }
        if (p < end && b[p] != '#') {
            error = "unexpected " + text(p, end) + " after the sample";
            return;
        }
        String bad = IngestLimits.checkTimestamp(ts, nowMs);
        if (bad != null) {
            error = bad;
            return;
        }
        sink.add(labels, ts, value);
        report.addAccepted(1);
    }

    /** End of {@code name{...}}: after the closing brace, or after the bare name. */
    private int scanSeriesEnd(int start, int end) {
        int p = start;
        while (p < end && b[p] != '{' && b[p] != ' ' && b[p] != '\t') {
            p++;
        }
        int afterName = p;
        p = skipSpaces(p, end);
        if (p == end || b[p] != '{') {
            return afterName;
        }
        boolean quoted = false;
        for (p++; p < end; p++) {
            byte c = b[p];
            if (quoted) {
                if (c == '\\') {
                    p++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '}') {
                return p + 1;
            }
        }
        error = quoted ? "quoted string is not closed" : "missing '}' after the labels";
        return -1;
    }

    /** Parses name and labels in {@code [start, end)}; null with {@link #error} set if invalid. */
    private Labels parseSeries(int start, int end) {
        builder.reset();
        int p = start;
        if (b[p] != '{') {
            if (!isMetricNameStart(b[p])) {
                error = "invalid metric name: starts with " + describe(p);
                return null;
            }
            int nameEnd = p + 1;
            while (nameEnd < end && isMetricNameChar(b[nameEnd])) {
                nameEnd++;
            }
            builder.add(Labels.METRIC_NAME, ascii(p, nameEnd));
            p = skipSpaces(nameEnd, end);
            if (p == end) {
                return finish();
            }
            if (b[p] != '{') {
                error = "invalid character " + describe(p) + " in metric name";
                return null;
            }
        }
        p = labels(p + 1, end);
        if (p < 0) {
            return null;
        }
        return finish();
    }

    private Labels finish() {
        String bad = builder.validate(extra, limits);
        if (bad != null) {
            error = bad;
            return null;
        }
        return builder.build();
    }

    /** Parses labels after '{' up to and including '}'; returns the position after it or -1. */
    private int labels(int p, int end) {
        boolean first = true;
        while (true) {
            p = skipSpaces(p, end);
            if (p == end) {
                error = "missing '}' after the labels";
                return -1;
            }
            if (b[p] == '}') {
                return p + 1;
            }
            String name;
            if (b[p] == '"') {
                int q = quoted(p, end, "label name");
                if (q < 0) {
                    return -1;
                }
                name = scratchString("label name");
                if (name == null) {
                    return -1;
                }
                p = skipSpaces(q, end);
                if (first && !builder.has(Labels.METRIC_NAME) && p < end
                        && (b[p] == ',' || b[p] == '}')) {
                    // Prometheus 3: {"metric.name", ...} names the metric inside the braces.
                    builder.add(Labels.METRIC_NAME, name);
                    first = false;
                    p = b[p] == ',' ? p + 1 : p;
                    continue;
                }
            } else {
                if (!isLabelNameStart(b[p])) {
                    error = "invalid label name: starts with " + describe(p);
                    return -1;
                }
                int q = p + 1;
                while (q < end && isLabelNameChar(b[q])) {
                    q++;
                }
                name = ascii(p, q);
                p = skipSpaces(q, end);
            }
            first = false;
            if (p == end || b[p] != '=') {
                error = "expected '=' after label name " + LabelSetBuilder.quote(name)
                        + ", found " + describe(p);
                return -1;
            }
            p = skipSpaces(p + 1, end);
            if (p == end || b[p] != '"') {
                error = "expected '\"' to start the value of label "
                        + LabelSetBuilder.quote(name) + ", found " + describe(p);
                return -1;
            }
            int q = quoted(p, end, "value of label " + LabelSetBuilder.quote(name));
            if (q < 0) {
                return -1;
            }
            String value = scratchString("value of label " + LabelSetBuilder.quote(name));
            if (value == null) {
                return -1;
            }
            builder.add(name, value);
            p = skipSpaces(q, end);
            if (p < end && b[p] == ',') {
                p++;
            } else if (p < end && b[p] != '}') {
                error = "expected ',' or '}' after the value of label "
                        + LabelSetBuilder.quote(name) + ", found " + describe(p);
                return -1;
            }
        }
    }

    /**
     * Unescapes the quoted string starting at {@code p} (a '"') into {@link #scratch}; returns
     * the position after the closing quote or -1.
     */
    private int quoted(int p, int end, String what) {
        int n = 0;
        for (p++; p < end; p++) {
            byte c = b[p];
            if (c == '"') {
                scratchLen = n;
                return p + 1;
            }
            if (c == '\\') {
                if (++p == end) {
                    break;
                }
                c = switch (b[p]) {
                    case '\\' -> '\\';
                    case '"' -> '"';
                    case 'n' -> '\n';
                    default -> 0;
                };
                if (c == 0) {
                    error = "invalid escape sequence " + text(p - 1, Math.min(p + 1, end))
                            + " in " + what + ": only \\\\, \\\" and \\n are allowed";
                    return -1;
                }
            }
            if (n == scratch.length) {
                scratch = Arrays.copyOf(scratch, n * 2);
            }
            scratch[n++] = c;
        }
        error = what + " is not closed by '\"'";
        return -1;
    }

    private String scratchString(String what) {
        if (!Utf8.isValid(scratch, 0, scratchLen)) {
            error = what + " is not valid UTF-8";
            return null;
        }
        return new String(scratch, 0, scratchLen, StandardCharsets.UTF_8);
    }

    // ---- comments and metadata ----

    /** Handles a comment line after '#'; returns true for {@code # EOF}. */
    private boolean comment(int p, int end) {
        p = skipSpaces(p, end);
        int kwEnd = tokenEnd(p, end);
        String kw = ascii(p, kwEnd);
        if (kw.equals("EOF") && skipSpaces(kwEnd, end) == end) {
            return true;
        }
        boolean help = kw.equals("HELP");
        boolean type = kw.equals("TYPE");
        boolean unit = kw.equals("UNIT");
        if (!help && !type && !unit) {
            return false; // ordinary comment
        }
        p = skipSpaces(kwEnd, end);
        String family;
        int q;
        if (p < end && b[p] == '"') {
            error = null;
            q = quoted(p, end, "metric name");
            family = q < 0 ? null : scratchString("metric name");
        } else {
            q = tokenEnd(p, end);
            family = q > p ? utf8(p, q) : null;
        }
        if (family == null) {
            report.addRejected(1, "line " + line + ": # " + kw + " without a metric name"
                    + (error == null ? "" : ": " + error));
            return false;
        }
        int restStart = skipSpaces(q, end);
        if (!family.equals(metaFamily)) {
            flushMetadata();
            metaFamily = family;
            metaType = MetricType.UNKNOWN;
            metaHelp = "";
            metaUnit = "";
        }
        if (help) {
            metaHelp = unescapeHelp(restStart, end);
        } else if (type) {
            String t = ascii(restStart, tokenEnd(restStart, end));
            MetricType parsed = MetricType.fromText(t);
            if (parsed == null) {
                report.addRejected(1, "line " + line + ": unknown metric type "
                        + LabelSetBuilder.quote(t));
            } else {
                metaType = parsed;
            }
        } else {
            metaUnit = utf8(restStart, end);
        }
        return false;
    }

    private String unescapeHelp(int p, int end) {
        StringBuilder sb = new StringBuilder(end - p);
        int runStart = p;
        for (int i = p; i < end; i++) {
            if (b[i] == '\\' && i + 1 < end && (b[i + 1] == '\\' || b[i + 1] == 'n')) {
                sb.append(utf8(runStart, i)).append(b[i + 1] == 'n' ? '\n' : '\\');
                i++;
                runStart = i + 1;
            }
        }
        return sb.append(utf8(runStart, end)).toString();
    }

    private void flushMetadata() {
        if (metaFamily != null) {
            metadataSink.add(metaFamily, new MetricMetadata(metaType, metaHelp, metaUnit));
            report.addMetadata();
            metaFamily = null;
        }
    }

    // ---- bytes ----

    private int skipSpaces(int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    private int tokenEnd(int p, int end) {
        while (p < end && b[p] != ' ' && b[p] != '\t') {
            p++;
        }
        return p;
    }

    private static int indexOf(byte[] b, int from, int end, byte c) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private String ascii(int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private String utf8(int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Quoted text for an error message, cut when long. */
    private String text(int from, int to) {
        return LabelSetBuilder.quote(utf8(from, to));
    }

    private String describe(int p) {
        return p >= lineEnd ? "end of line" : text(p, p + 1);
    }

    static boolean isMetricNameStart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    static boolean isMetricNameChar(byte c) {
        return isMetricNameStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isLabelNameStart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isLabelNameChar(byte c) {
        return isLabelNameStart(c) || (c >= '0' && c <= '9');
    }
}
