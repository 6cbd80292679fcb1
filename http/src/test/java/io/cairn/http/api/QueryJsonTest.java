package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.promql.engine.MatrixResult;
import io.cairn.promql.engine.QueryResult;
import io.cairn.promql.engine.QueryValue;
import io.cairn.promql.engine.ScalarResult;
import io.cairn.promql.engine.StringResult;
import io.cairn.promql.engine.VectorResult;
import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QueryJsonTest {

    private static String json(QueryValue v, List<String> warnings, List<String> infos) {
        return new String(QueryJson.success(new QueryResult(v, warnings, infos)),
                StandardCharsets.UTF_8);
    }

    private static String json(QueryValue v) {
        return json(v, List.of(), List.of());
    }

    @Test
    void vector() {
        VectorResult v = new VectorResult(List.of(
                new VectorResult.Sample(Labels.of("__name__", "up", "job", "a"), 1700000000123L, 1.5),
                new VectorResult.Sample(Labels.of("job", "b"), 1700000000123L, Double.NaN)));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"job\":\"a\"},\"value\":[1700000000.123,\"1.5\"]},"
                + "{\"metric\":{\"job\":\"b\"},\"value\":[1700000000.123,\"NaN\"]}]}}", json(v));
    }

    @Test
    void emptyVectorAndMatrix() {
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
                json(new VectorResult(List.of())));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}",
                json(new MatrixResult(List.of())));
    }

    @Test
    void matrixWritesOnlyTheValidPoints() {
        MatrixResult m = new MatrixResult(List.of(
                new MatrixResult.Series(Labels.of("__name__", "x"),
                        new long[] {1000, 16000, 31000, 99}, new double[] {1, Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY, 77}, 3),
                new MatrixResult.Series(Labels.EMPTY, new long[] {100}, new double[] {-0.25}, 1)));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"x\"},\"values\":[[1,\"1\"],[16,\"+Inf\"],[31,\"-Inf\"]]},"
                + "{\"metric\":{},\"values\":[[0.100,\"-0.25\"]]}]}}", json(m));
    }

    @Test
    void scalarAndStringUseGoJsonSeconds() {
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":"
                + "[1700000000.1,\"0.0000001\"]}}", json(new ScalarResult(1700000000100L, 1e-7)));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":"
                + "[1700000000,\"a \\\"b\\\" \\u003cc\\u003e\"]}}",
                json(new StringResult(1700000000000L, "a \"b\" <c>")));
    }

    @Test
    void warningsAndInfosOnlyWhenPresent() {
        ScalarResult s = new ScalarResult(0, 1);
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"1\"]},"
                + "\"warnings\":[\"w1\",\"w2\"]}", json(s, List.of("w1", "w2"), List.of()));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"1\"]},"
                + "\"warnings\":[\"w\"],\"infos\":[\"i\"]}", json(s, List.of("w"), List.of("i")));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"1\"]},"
                + "\"infos\":[\"i\"]}", json(s, List.of(), List.of("i")));
    }

    @Test
    void labelsInSortedOrderAndEscaped() {
        VectorResult v = new VectorResult(List.of(new VectorResult.Sample(
                Labels.of("__name__", "m", "Zone", "q\"\\\n", "a", "é\u2028"), 0, 0)));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"Zone\":\"q\\\"\\\\\\n\",\"__name__\":\"m\",\"a\":\"é\\u2028\"},"
                + "\"value\":[0,\"0\"]}]}}", json(v));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 0.001",
        "10, 0.010",
        "100, 0.100",
        "1700000000000, 1700000000",
        "1700000000001, 1700000000.001",
        "1700000000120, 1700000000.120",
        "-1, -0.001",
        "-1500, -1.500",
    })
    void pointTimestamps(long ms, String expected) {
        StringBuilder sb = new StringBuilder();
        QueryJson.appendPointTimestamp(sb, ms);
        assertEquals(expected, sb.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 0.001",
        "100, 0.1",
        "1700000000120, 1700000000.12",
        "-1500, -1.5",
    })
    void scalarTimestamps(long ms, String expected) {
        StringBuilder sb = new StringBuilder();
        QueryJson.appendGoJsonSeconds(sb, ms);
        assertEquals(expected, sb.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1",
        "-1.5, -1.5",
        "0.1, 0.1",
        "1e-6, 0.000001",
        "9.99e-7, 9.99e-07",
        "1e-7, 1e-07",
        "-1.25e-10, -1.25e-10",
        "4.9e-324, 5e-324",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "-1.5e300, -1.5e+300",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "123456789.125, 123456789.125",
        "NaN, NaN",
        "Infinity, +Inf",
        "-Infinity, -Inf",
        "-0.0, -0",
    })
    void pointValues(double v, String expected) {
        StringBuilder sb = new StringBuilder();
        QueryJson.appendPointValue(sb, v);
        assertEquals(expected, sb.toString());
    }

    @Test
    void randomPointValuesParseBack() {
        Random rnd = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            QueryJson.appendPointValue(sb, v);
            assertEquals(v, Double.parseDouble(sb.toString()), sb.toString());
        }
    }
}
