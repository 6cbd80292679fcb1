package io.cairn.it.querybench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.HttpResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PromResponseParserTest {
    private static PromResponse parse(String json) {
        return PromResponseParser.parse(new HttpResult(200, json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void vector() {
        PromResponse r = parse("""
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"job":"a","__name__":"up"},"value":[1700000000.123,"1"]},
                 {"metric":{},"value":[1700000000,"NaN"]}]}}""");
        assertTrue(r.success());
        assertEquals(PromResult.ResultType.VECTOR, r.result().type());
        PromResult.Series s = r.result().series().get(0);
        assertEquals(new TreeMap<>(Map.of("__name__", "up", "job", "a")), s.labels());
        assertArrayEquals(new long[] {1700000000123L}, s.timestampsMs());
        assertArrayEquals(new double[] {1}, s.values());
        assertTrue(Double.isNaN(r.result().series().get(1).values()[0]));
    }

    @Test
    void matrixWithResultBeforeTypeAndUnknownFields() {
        PromResponse r = parse("""
                {"data":{"result":[{"metric":{"a":"b"},"values":[[1.5,"+Inf"],[2.5,"-Inf"],[3,"1e-3"]]}],
                 "stats":{"x":[1,2]},"resultType":"matrix"},"status":"success","warnings":["w1"]}""");
        PromResult.Series s = r.result().series().get(0);
        assertArrayEquals(new long[] {1500, 2500, 3000}, s.timestampsMs());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.001}, s.values());
        assertEquals(List.of("w1"), r.warnings());
        assertEquals(3, r.result().pointCount());
    }

    @Test
    void scalarAndString() {
        PromResponse scalar = parse("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[10,\"42\"]}}");
        assertEquals(PromResult.ResultType.SCALAR, scalar.result().type());
        assertArrayEquals(new double[] {42}, scalar.result().series().get(0).values());
        assertArrayEquals(new long[] {10_000}, scalar.result().series().get(0).timestampsMs());
        PromResponse string = parse("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[10,\"hi\"]}}");
        assertEquals("hi", string.result().text());
    }

    @Test
    void error() {
        PromResponse r = PromResponseParser.parse(new HttpResult(400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(r.success());
        assertNull(r.result());
        assertEquals(400, r.httpStatus());
        assertEquals("bad_data", r.errorType());
        assertTrue(r.summary().contains("parse error"));
    }

    @Test
    void malformedAnswersNameTheProblem() {
        for (String bad : List.of("not json", "{}", "{\"status\":\"success\"}",
                "{\"status\":\"success\",\"data\":{\"result\":[]}}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,2]}]}}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"histograms\":[]}]}}")) {
            var e = assertThrows(IllegalArgumentException.class, () -> parse(bad), bad);
            assertTrue(e.getMessage().startsWith("cannot decode query answer"), e.getMessage());
        }
    }

    @Test
    void secondsToMillisIsExact() {
        String[][] cases = {{"0", "0"}, {"1", "1000"}, {"1.5", "1500"}, {"1.05", "1050"}, {"1.001", "1001"},
            {"1700000000.999", "1700000000999"}, {"-1.25", "-1250"}, {"1.2000", "1200"}, {"1.7e9", "1700000000000"}};
        for (String[] c : cases) {
            assertEquals(Long.parseLong(c[1]), PromResponseParser.secondsToMillis(c[0]), c[0]);
        }
        assertThrows(IllegalArgumentException.class, () -> PromResponseParser.secondsToMillis("1.0001"));
    }
}
