package io.cairn.it.querybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.HttpResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultDiffTest {
    private static PromResponse matrix(String series) {
        String json = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + series + "]}}";
        return PromResponseParser.parse(new HttpResult(200, json.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> diff(PromResponse e, PromResponse a) {
        return ResultDiff.compare(e, a, Tolerance.DEFAULT, "prom", "cairn");
    }

    @Test
    void equalWithinToleranceIgnoringSeriesOrder() {
        PromResponse e = matrix("{\"metric\":{\"a\":\"1\"},\"values\":[[1,\"1\"],[2,\"NaN\"]]},"
                + "{\"metric\":{\"a\":\"2\"},\"values\":[[1,\"1e9\"]]}");
        PromResponse a = matrix("{\"metric\":{\"a\":\"2\"},\"values\":[[1,\"1000000000.0001\"]]},"
                + "{\"metric\":{\"a\":\"1\"},\"values\":[[1,\"1.0000000001\"],[2,\"NaN\"]]}");
        assertEquals(List.of(), diff(e, a));
    }

    @Test
    void reportsEachKindOfDifference() {
        PromResponse e = matrix("{\"metric\":{\"a\":\"1\"},\"values\":[[1,\"1\"],[2,\"2\"],[3,\"+Inf\"]]},"
                + "{\"metric\":{\"a\":\"gone\"},\"values\":[[1,\"1\"]]}");
        PromResponse a = matrix("{\"metric\":{\"a\":\"1\"},\"values\":[[1,\"1.01\"],[3,\"-Inf\"],[4,\"4\"]]},"
                + "{\"metric\":{\"a\":\"new\"},\"values\":[[1,\"1\"]]}");
        List<String> d = diff(e, a);
        assertEquals(6, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("{a=\"1\"} @1000: prom 1.0, cairn 1.01"), d.get(0));
        assertTrue(d.get(1).contains("@2000: prom has 2.0, cairn has no point"), d.get(1));
        assertTrue(d.get(2).contains("@3000: prom +Inf, cairn -Inf"), d.get(2));
        assertTrue(d.get(3).contains("@4000: cairn has 4.0, prom has no point"), d.get(3));
        assertTrue(d.get(4).startsWith("series missing in cairn: {a=\"gone\"}"), d.get(4));
        assertTrue(d.get(5).startsWith("extra series in cairn: {a=\"new\"}"), d.get(5));
    }

    @Test
    void typeMismatchAndErrors() {
        PromResponse scalar = PromResponseParser.parse(new HttpResult(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}}".getBytes(StandardCharsets.UTF_8)));
        PromResponse err1 = PromResponseParser.parse(new HttpResult(400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        PromResponse err2 = PromResponseParser.parse(new HttpResult(422,
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"y\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("result type: prom scalar, cairn matrix"), diff(scalar, matrix("")));
        assertEquals(List.of(), diff(err1, err2));
        assertEquals(1, diff(err1, scalar).size());
    }

    @Test
    void duplicateLabelSetsAreReported() {
        PromResponse e = matrix("{\"metric\":{},\"values\":[[1,\"1\"]]}");
        PromResponse a = matrix("{\"metric\":{},\"values\":[[1,\"1\"]]},{\"metric\":{},\"values\":[[1,\"1\"]]}");
        assertEquals(List.of("cairn returned the label set {} more than once"), diff(e, a));
    }

    @Test
    void longDiffsAreCapped() {
        StringBuilder e = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            e.append(i == 0 ? "" : ",").append("{\"metric\":{\"i\":\"").append(i).append("\"},\"values\":[[1,\"1\"]]}");
        }
        List<String> d = diff(matrix(e.toString()), matrix(""));
        assertEquals(ResultDiff.MAX_LISTED + 1, d.size());
        assertEquals("... and 18 more differences", d.get(ResultDiff.MAX_LISTED));
    }

    @Test
    void toleranceAndRelativeDifference() {
        Tolerance t = Tolerance.DEFAULT;
        assertTrue(t.equal(Double.NaN, Double.longBitsToDouble(0x7ff0000000000002L)));
        assertTrue(t.equal(0, 0));
        assertTrue(!t.equal(0, 1e-300));
        assertTrue(new Tolerance(1e-6, 1e-12).equal(0, 1e-13));
        assertTrue(!t.equal(Double.POSITIVE_INFINITY, Double.MAX_VALUE));
        assertEquals(0.5, Tolerance.relativeDifference(1, 2));
        assertEquals(Double.POSITIVE_INFINITY, Tolerance.relativeDifference(1, Double.NaN));
        assertEquals(0.5, ResultDiff.maxRelativeDifference(matrix("{\"metric\":{},\"values\":[[1,\"1\"],[2,\"4\"]]}").result(),
                matrix("{\"metric\":{},\"values\":[[1,\"2\"],[3,\"4\"]]}").result()));
    }
}
