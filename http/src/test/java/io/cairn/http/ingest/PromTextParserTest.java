package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.http.ingest.CollectingSink.Row;
import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromTextParserTest {
    private static final long NOW = 1_700_000_000_000L;

    private final PromTextParser parser =
            new PromTextParser(IngestLimits.DEFAULT, new LabelsCache(256));
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    private IngestReport report;

    private List<Row> parse(String text) {
        return parse(text, ExtraLabels.NONE);
    }

    private List<Row> parse(String text, ExtraLabels extra) {
        CollectingSink sink = new CollectingSink();
        report = new IngestReport();
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        parser.parse(body, 0, body.length, extra, NOW, sink, metadata::put, report);
        return sink.rows;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // line | labels (name=value;...) | value | timestamp
        "up 1 | __name__=up | 1 | 1700000000000",
        "up 1 1699999999000 | __name__=up | 1 | 1699999999000",
        "`up{job=\"node\",instance=\"a:9100\"} 0.5` | __name__=up;instance=a:9100;job=node | 0.5 "
                + "| 1700000000000",
        "`up{job=\"node\",} 2` | __name__=up;job=node | 2 | 1700000000000",
        "`  up { job = \"x\" }   3   1699999999999  ` | __name__=up;job=x | 3 | 1699999999999",
        "`m{a=\"\"} 1` | __name__=m | 1 | 1700000000000",
        "m NaN | __name__=m | NaN | 1700000000000",
        "m +Inf | __name__=m | Infinity | 1700000000000",
        "m -Inf | __name__=m | -Infinity | 1700000000000",
        "m Inf | __name__=m | Infinity | 1700000000000",
        "m -1.5e-3 | __name__=m | -0.0015 | 1700000000000",
        "m 123456789012345678901234567890 | __name__=m | 1.2345678901234568E29 | 1700000000000",
        "m 0.1 | __name__=m | 0.1 | 1700000000000",
        "ns:sub_metric 1 | __name__=ns:sub_metric | 1 | 1700000000000",
        "`{\"my.metric\", \"my.label\"=\"v\"} 1` | __name__=my.metric;my.label=v | 1 "
                + "| 1700000000000",
        "`m 1 1699999999000 # {trace_id=\"abc\"} 1.0` | __name__=m | 1 | 1699999999000",
        "m\t7\r | __name__=m | 7 | 1700000000000",
    })
    void goodLines(String line, String labels, double value, long ts) {
        List<Row> rows = parse(line);
        assertEquals(List.of(Row.of(labels(labels), ts, value)), rows, report::errorSummary);
        assertEquals(1, report.accepted());
        assertEquals(0, report.rejected());
    }

    @Test
    void escapesInLabelValues() {
        List<Row> rows = parse("m{a=\"x\\\\y\\\"z\\nw\"} 1\n");
        assertEquals("x\\y\"z\nw", rows.get(0).labels().get("a"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`up` | line 1: missing value after the series",
        "`up abc` | line 1: cannot parse value \"abc\"",
        "`up 1x` | line 1: cannot parse value \"1x\"",
        "`up 0x1p3` | line 1: cannot parse value \"0x1p3\"",
        "`up 1d` | line 1: cannot parse value \"1d\"",
        "`up 1 12.5` | line 1: cannot parse timestamp \"12.5\": want integer milliseconds",
        "`up 1 2 3` | line 1: unexpected \"3\" after the sample",
        "`up 1 -1` | line 1: timestamp -1 is negative (before 1970-01-01)",
        "`up 1 1900000000000` | line 1: timestamp 1900000000000 is more than 2 days after now "
                + "(1700000000000); timestamps are in milliseconds",
        "`up{a=\"1\",a=\"2\"} 1` | line 1: label name \"a\" appears twice",
        "`up{a=\"1\" 1` | line 1: missing '}' after the labels",
        "`up{a=\"1} 1` | line 1: quoted string is not closed",
        "`up{a=1} 1` | line 1: expected '\"' to start the value of label \"a\", found \"1\"",
        "`up{a} 1` | line 1: expected '=' after label name \"a\", found \"}\"",
        "`up{1a=\"x\"} 1` | line 1: invalid label name: starts with \"1\"",
        "`up{a.b=\"x\"} 1` | line 1: expected '=' after label name \"a\", found \".\"",
        "`up{a=\"x\" b=\"y\"} 1` | line 1: expected ',' or '}' after the value of label \"a\", "
                + "found \"b\"",
        "`up{a=\"\\t\"} 1` | line 1: invalid escape sequence \"\\\\t\" in value of label \"a\": "
                + "only \\\\, \\\" and \\n are allowed",
        "`1up 1` | line 1: invalid metric name: starts with \"1\"",
        "`my.metric 1` | line 1: invalid character \".\" in metric name",
        "`{a=\"b\"} 1` | line 1: missing metric name (label __name__)",
        "`up{__name__=\"\"} 1` | line 1: label name \"__name__\" appears twice",
        "`up{}1` | line 1: expected a space after the series, found \"1\"",
    })
    void badLines(String line, String message) {
        List<Row> rows = parse(line);
        assertEquals(List.of(), rows);
        assertEquals(List.of(message), report.errors());
        assertEquals(1, report.rejected());
    }

    @Test
    void tooManyLabelsNamesTheLimitAndTheLine() {
        StringBuilder sb = new StringBuilder("ok 1\nm{");
        for (int i = 0; i < 45; i++) {
            sb.append("l").append(i).append("=\"v\",");
        }
        sb.append("} 1\n");
        List<Row> rows = parse(sb.toString());
        assertEquals(1, rows.size());
        assertEquals(List.of("line 2: too many labels: 46 > -maxLabelsPerTimeseries=40"),
                report.errors());
    }

    @Test
    void partialAcceptanceKeepsGoodLinesAndNumbersBadOnes() {
        String body = "# a comment\n"
                + "a 1\n"
                + "\n"
                + "b{x=\"1\" 2\n"
                + "c 3 1699999999000\n"
                + "d nope\n";
        List<Row> rows = parse(body);
        assertEquals(List.of(
                        Row.of(Labels.of("__name__", "a"), NOW, 1),
                        Row.of(Labels.of("__name__", "c"), 1_699_999_999_000L, 3)),
                rows);
        assertEquals(2, report.accepted());
        assertEquals(2, report.rejected());
        assertEquals(List.of("line 4: missing '}' after the labels",
                "line 6: cannot parse value \"nope\""), report.errors());
        assertEquals("rejected 2 of 4 samples: line 4: missing '}' after the labels; "
                + "line 6: cannot parse value \"nope\"", report.errorSummary());
    }

    @Test
    void metadataIsMergedPerFamily() {
        parse("# HELP http_requests_total The total\\nnumber of \\\\ requests.\n"
                + "# TYPE http_requests_total counter\n"
                + "http_requests_total{code=\"200\"} 1027\n"
                + "# TYPE temp gauge\n"
                + "# UNIT temp celsius\n"
                + "temp 21.5\n"
                + "# TYPE bad nonsense\n");
        assertEquals(Map.of(
                        "http_requests_total", new MetricMetadata(MetricType.COUNTER,
                                "The total\nnumber of \\ requests.", ""),
                        "temp", new MetricMetadata(MetricType.GAUGE, "", "celsius"),
                        "bad", new MetricMetadata(MetricType.UNKNOWN, "", "")),
                metadata);
        assertEquals(List.of("line 7: unknown metric type \"nonsense\""), report.errors());
    }

    @Test
    void eofEndsTheInput() {
        List<Row> rows = parse("a 1\n# EOF\n");
        assertEquals(1, rows.size());
        assertEquals(0, report.rejected());
        parse("a 1\n# EOF\nb 2\n");
        assertEquals(List.of("line 3: data after # EOF"), report.errors());
    }

    @Test
    void extraLabelsOverrideAndAdd() {
        ExtraLabels extra = ExtraLabels.parse(List.of("job=forced", "env=prod", "drop="));
        List<Row> rows = parse("m{job=\"x\",drop=\"me\"} 1\nm{job=\"x\",drop=\"me\"} 2\n", extra);
        Labels want = Labels.of("__name__", "m", "job", "forced", "env", "prod");
        assertEquals(List.of(Row.of(want, NOW, 1), Row.of(want, NOW, 2)), rows);
        // The same bytes without extra labels give the original labels (cache is per context).
        assertEquals(Labels.of("__name__", "m", "job", "x", "drop", "me"),
                parse("m{job=\"x\",drop=\"me\"} 1\n").get(0).labels());
    }

    @Test
    void cachedAndUncachedParsesAgree() {
        PromTextParser uncached = new PromTextParser(IngestLimits.DEFAULT, null);
        String body = "m{a=\"1\"} 1\nm{a=\"1\"} 2\nm{a=\"2\"} 3\nm{a=\"1\"} 4\n";
        List<Row> cached = parse(body);
        CollectingSink sink = new CollectingSink();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        uncached.parse(bytes, 0, bytes.length, ExtraLabels.NONE, NOW, sink, MetadataSink.NONE,
                new IngestReport());
        assertEquals(sink.rows, cached);
        assertEquals(4, cached.size());
    }

    static Labels labels(String spec) {
        Labels.Builder b = Labels.EMPTY.toBuilder();
        for (String kv : spec.split(";")) {
            int eq = kv.indexOf('=');
            b.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return b.build();
    }
}
