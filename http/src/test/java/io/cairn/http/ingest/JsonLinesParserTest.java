package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.http.format.JsonLinesWriter;
import io.cairn.http.ingest.CollectingSink.Row;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesParserTest {
    private static final long NOW = 1_700_000_000_000L;

    private final JsonLinesParser parser = new JsonLinesParser(IngestLimits.DEFAULT);
    private IngestReport report;

    private List<Row> parse(String text) {
        CollectingSink sink = new CollectingSink();
        report = new IngestReport();
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        parser.parse(body, 0, body.length, ExtraLabels.NONE, NOW, sink, report);
        return sink.rows;
    }

    @Test
    void parsesTheVictoriaMetricsExample() {
        List<Row> rows = parse("{\"metric\":{\"__name__\":\"up\",\"job\":\"x\"},"
                + "\"values\":[1,2.5],\"timestamps\":[1699999990000,1699999995000]}\n");
        Labels l = Labels.of("__name__", "up", "job", "x");
        assertEquals(List.of(Row.of(l, 1_699_999_990_000L, 1), Row.of(l, 1_699_999_995_000L, 2.5)),
                rows);
    }

    @Test
    void specialValuesFieldOrderAndUnknownFields() {
        List<Row> rows = parse("  {\"timestamps\":[1,2,3,4e0],\"extra\":{\"a\":[1,{}]},"
                + "\"values\":[\"NaN\",\"+Inf\",\"-Inf\",\"inf\"],"
                + "\"metric\":{\"__name__\":\"m\",\"my.label\":\"ü\"}}\r\n\n");
        Labels l = Labels.of("__name__", "m", "my.label", "ü");
        assertEquals(List.of(Row.of(l, 1, Double.NaN), Row.of(l, 2, Double.POSITIVE_INFINITY),
                Row.of(l, 3, Double.NEGATIVE_INFINITY), Row.of(l, 4, Double.POSITIVE_INFINITY)),
                rows);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[1,2],\"timestamps\":[1]}` | 2 | line 2: "
                + "values has 2 entries but timestamps has 1",
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[1]` | 1 | line 2: cannot parse JSON: "
                + "Unexpected end-of-input: expected close marker for Object at column 40",
        "`{\"metric\":{\"job\":\"x\"},\"values\":[1],\"timestamps\":[1]}` | 1 | line 2: missing "
                + "metric name (label __name__)",
        "`{\"metric\":{\"__name__\":\"m\",\"a\":1},\"values\":[1],\"timestamps\":[1]}` | 1 | "
                + "line 2: value of label \"a\" must be a string",
        "`{\"metric\":{\"__name__\":\"m\",\"a\":\"1\",\"a\":\"2\"},\"values\":[1],"
                + "\"timestamps\":[1]}` | 1 | line 2: label name \"a\" appears twice",
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[\"x\"],\"timestamps\":[1]}` | 1 | line 2: "
                + "values[0]: cannot parse \"x\": want a number, \"NaN\", \"+Inf\" or \"-Inf\"",
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[true],\"timestamps\":[1]}` | 1 | line 2: "
                + "values[0]: want a number, found true",
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[1],\"timestamps\":[1.5]}` | 1 | line 2: "
                + "timestamps[0]: 1.5 is not an integer number of milliseconds",
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[1],\"timestamps\":[\"1\"]}` | 1 | line 2: "
                + "timestamps[0]: want integer milliseconds, found \"1\"",
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[1],\"timestamps\":[99999999999999999999]}` "
                + "| 1 | line 2: timestamps[0]: 99999999999999999999 is out of range for "
                + "milliseconds",
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[1]}` | 1 | line 2: missing \"timestamps\" "
                + "array",
        "`{\"values\":[1],\"timestamps\":[1]}` | 1 | line 2: missing \"metric\" object",
        "`{\"metric\":{\"__name__\":\"m\"},\"values\":[1],\"timestamps\":[1]} 5` | 1 | line 2: "
                + "unexpected 5 after the JSON object",
        "`[1]` | 1 | line 2: expected a JSON object",
    })
    void badLinesAreRejectedWithTheirLineNumber(String line, int rejected, String message) {
        String good = "{\"metric\":{\"__name__\":\"ok\"},\"values\":[7],\"timestamps\":[5]}";
        List<Row> rows = parse(good + "\n" + line + "\n" + good);
        assertEquals(2, rows.size());
        assertEquals(List.of(message), report.errors());
        assertEquals(rejected, report.rejected());
    }

    @Test
    void nullValuesAndBadTimestampsRejectOnlyTheirSample() {
        List<Row> rows = parse("{\"metric\":{\"__name__\":\"m\"},\"values\":[1,null,3,4],"
                + "\"timestamps\":[1,2,-3,4]}");
        Labels l = Labels.of("__name__", "m");
        assertEquals(List.of(Row.of(l, 1, 1), Row.of(l, 4, 4)), rows);
        assertEquals(List.of("line 1: values[1] is null",
                "line 1: timestamps[2]: timestamp -3 is negative (before 1970-01-01)"),
                report.errors());
    }

    @Test
    void importOfExportIsIdentity_randomised() throws IOException {
        Random rnd = new Random(3);
        JsonLinesWriter writer = new JsonLinesWriter();
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Row> expected = new ArrayList<>();
            int series = 1 + rnd.nextInt(5);
            for (int s = 0; s < series; s++) {
                Labels labels = RemoteWriteDecoderTest.randomLabels(rnd);
                int n = rnd.nextInt(20);
                long[] ts = new long[n + 3];
                double[] vs = new double[n + 3];
                for (int i = 0; i < n; i++) {
                    ts[i] = NOW - rnd.nextInt(1_000_000_000);
                    vs[i] = randomValue(rnd);
                    if (!StaleMarker.is(vs[i])) {
                        expected.add(Row.of(labels, ts[i], vs[i]));
                    }
                }
                writer.write(labels, ts, vs, n, out);
            }
            List<Row> got = parse(out.toString(StandardCharsets.UTF_8));
            assertEquals(0, report.rejected(), report::errorSummary);
            assertEquals(canonicalNaN(expected), canonicalNaN(got), out.toString());
        }
    }

    /** JSON carries NaN as one string, so payload bits of other NaNs are not kept. */
    private static List<Row> canonicalNaN(List<Row> rows) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(Double.isNaN(r.value()) ? Row.of(r.labels(), r.ts(), Double.NaN) : r);
        }
        return out;
    }

    private static double randomValue(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> rnd.nextInt(1000);
            case 1 -> Double.longBitsToDouble(rnd.nextLong());
            case 2 -> StaleMarker.VALUE;
            case 3 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 4 -> -0.0;
            case 5 -> Double.MIN_VALUE * rnd.nextInt(100);
            default -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
        };
    }
}
