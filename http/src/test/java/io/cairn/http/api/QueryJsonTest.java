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
        "100, 0.1",
        "1700000000120, 1700000000.12",
        "-1500, -1.5",
    })
    void scalarTimestampsAreGoJsonFloats(long ms, String expected) {
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":["
                + expected + ",\"2\"]}}", json(new ScalarResult(ms, 2)));
    }

    @Test
    void partialAnswersCarryTheFlagAndTheirWarningsAfterTheEngines() {
        QueryResult r = new QueryResult(new ScalarResult(0, 1), List.of("w"), List.of());
        assertEquals("{\"status\":\"success\",\"isPartial\":true,\"data\":{\"resultType\":"
                + "\"scalar\",\"result\":[0,\"1\"]},\"warnings\":[\"w\",\"p1\",\"p2\"]}",
                new String(QueryJson.success(r, true, List.of("p1", "p2")), StandardCharsets.UTF_8));
        QueryResult noWarnings = new QueryResult(new ScalarResult(0, 1), List.of(), List.of());
        assertEquals("{\"status\":\"success\",\"isPartial\":true,\"data\":{\"resultType\":"
                + "\"scalar\",\"result\":[0,\"1\"]},\"warnings\":[\"p\"]}",
                new String(QueryJson.success(noWarnings, true, List.of("p")), StandardCharsets.UTF_8));
    }
}
