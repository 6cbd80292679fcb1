package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.http.ingest.CollectingSink.Row;
import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InfluxLineParserTest {
    private static final long NOW = 1_700_000_000_000L;

    private final InfluxLineParser parser = new InfluxLineParser(IngestLimits.DEFAULT);
    private IngestReport report;

    private List<Row> parse(String text, String db, InfluxPrecision precision) {
        CollectingSink sink = new CollectingSink();
        report = new IngestReport();
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        parser.parse(body, 0, body.length, db, precision, ExtraLabels.NONE, NOW, sink, report);
        return sink.rows;
    }

    private List<Row> parse(String text) {
        return parse(text, null, InfluxPrecision.NANOSECONDS);
    }

    @Test
    void fieldsBecomeMeasurementUnderscoreFieldMetrics() {
        List<Row> rows = parse("cpu,host=a,region=eu usage_idle=99.5,usage_user=0.5 "
                + "1699999999000000000\n");
        assertEquals(List.of(
                Row.of(Labels.of("__name__", "cpu_usage_idle", "host", "a", "region", "eu"),
                        1_699_999_999_000L, 99.5),
                Row.of(Labels.of("__name__", "cpu_usage_user", "host", "a", "region", "eu"),
                        1_699_999_999_000L, 0.5)), rows);
    }

    @Test
    void valueFieldIsNotSpecialAndEmptyMeasurementUsesTheFieldName() {
        assertEquals(List.of(Row.of(Labels.of("__name__", "temp_value"), NOW, 21)),
                parse("temp value=21"));
        assertEquals(List.of(Row.of(Labels.of("__name__", "baz"), NOW, 123)), parse(" baz=123"));
    }

    @Test
    void fieldValueTypes() {
        List<Row> rows = parse("m a=-123e4,b=True,c=-45i,d=f,e=\"f,= \\\"a\",g=23u,"
                + "h=\"-1.23\",i=T,j=FALSE 48934", null, InfluxPrecision.MILLISECONDS);
        double[] want = {-123e4, 1, -45, 0, 23, -1.23, 1, 0};
        String[] names = {"m_a", "m_b", "m_c", "m_d", "m_g", "m_h", "m_i", "m_j"};
        assertEquals(want.length, rows.size());
        for (int i = 0; i < want.length; i++) {
            assertEquals(Row.of(Labels.of("__name__", names[i]), 48934, want[i]), rows.get(i));
        }
        assertEquals(1, report.stringFieldsSkipped());
        assertEquals(0, report.rejected());
    }

    @Test
    void escapes() {
        List<Row> rows = parse("fo\\,bar\\=b\\ az,x\\=\\ b=\\\\a\\,\\=\\q\\  \\\\\\a\\ b\\=\\,=4.34");
        assertEquals(List.of(Row.of(Labels.of("__name__", "fo,bar=b az_\\\\a b=,",
                "x= b", "\\a,=\\q "), NOW, 4.34)), rows);
    }

    @Test
    void dbParameterAddsALabelUnlessTheLineHasOne() {
        assertEquals(Labels.of("__name__", "m_f", "db", "telegraf"),
                parse("m f=1", "telegraf", InfluxPrecision.NANOSECONDS).get(0).labels());
        assertEquals(Labels.of("__name__", "m_f", "db", "own"),
                parse("m,db=own f=1", "telegraf", InfluxPrecision.NANOSECONDS).get(0).labels());
    }

    @Test
    void emptyTagsAreDroppedCommentsAndBlankLinesSkipped() {
        List<Row> rows = parse("# comment\n\nfoo,tag1=xyz,tagN=,=xxx bar=123\r\n");
        assertEquals(List.of(Row.of(Labels.of("__name__", "foo_bar", "tag1", "xyz"), NOW, 123)),
                rows);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "ns, 1700000000123456789, 1700000000123",
        "us, 1700000000123456, 1700000000123",
        "ms, 1700000000123, 1700000000123",
        "s, 1700000000, 1700000000000",
        "m, 28333333, 1699999980000",
        "h, 472222, 1699999200000",
    })
    void precisions(String precision, long raw, long ms) {
        assertEquals(ms, parse("m f=1 " + raw, null, InfluxPrecision.parse(precision))
                .get(0).ts());
    }

    @Test
    void unknownPrecisionIsARequestError() {
        IngestException e = assertThrows(IngestException.class,
                () -> InfluxPrecision.parse("weeks"));
        assertEquals("unsupported precision=weeks: want ns, us, ms, s, m or h", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "foo | line 2: missing fields after the measurement",
        "foo,bar | line 2: missing '=' after tag key \"bar\"",
        "foo,bar=baz 1234 | line 2: missing '=' after field \"1234\"",
        "foo bar= | line 2: missing value of field \"bar\"",
        "foo bar=,baz=23 123 | line 2: missing value of field \"bar\"",
        "`foo bar=\" 123` | line 2: string value of field \"bar\" is not closed by '\"'",
        "foo =123 | line 2: missing field name at \"=\"",
        "foo bar=123 baz | line 2: cannot parse timestamp \"baz\"",
        "foo bar=1abci | line 2: cannot parse value \"1abci\" of field \"bar\"",
        "foo bar=3abcu | line 2: cannot parse value \"3abcu\" of field \"bar\"",
        "foo bar=-3u | line 2: cannot parse value \"-3u\" of field \"bar\"",
        "foo bar=1 2 3 | line 2: unexpected \"3\" after the timestamp",
        "GET /foo HTTP/1.1 | line 2: missing '=' after field \"/foo\"",
        "foo bar=1 -1 | line 2: timestamp -1 is negative (before 1970-01-01)",
    })
    void badLines(String line, String message) {
        List<Row> rows = parse("ok f=1\n" + line + "\nok f=2\n");
        assertEquals(2, rows.size());
        assertEquals(List.of(message), report.errors());
    }

    @Test
    void tooManyLabelsRejectsTheFields() {
        StringBuilder sb = new StringBuilder("m");
        for (int i = 0; i < 40; i++) {
            sb.append(",t").append(i).append("=v");
        }
        sb.append(" a=1");
        assertEquals(List.of(), parse(sb.toString()));
        assertEquals(List.of("line 1: field \"a\": too many labels: 41 > "
                + "-maxLabelsPerTimeseries=40"), report.errors());
    }
}
