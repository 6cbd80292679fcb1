package io.cairn.it.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.RunDirectories;
import io.cairn.it.harness.jsonl.ExportedSeries;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Bad input over real HTTP: every client mistake gets a 4xx with the Prometheus JSON error
 * shape naming what was wrong (with line numbers for line formats), valid rows of the same
 * request are stored, rejected rows are counted in /metrics, and the node keeps working.
 */
class BadInputTest {
    private static final long NOW = System.currentTimeMillis();
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = CairnNode.builder(RunDirectories.create("bad-input").resolve("n1"), "n1")
                .jvmOption("-Xmx512m").flag("-shards=4").flag("-maxLabelsPerTimeseries=4")
                .flag("-maxLabelValueLen=20").flag("-maxInsertRequestSize=4096").build();
        node.start();
        node.waitHealthy(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static HttpResult post(String path, String body) {
        return node.api().post(path, body.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private static void assertError(HttpResult r, int status, String... fragments) {
        assertEquals(status, r.status(), r.text());
        String t = r.text();
        assertTrue(t.startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"),
                "Prometheus error shape: " + t);
        for (String f : fragments) {
            assertTrue(t.contains(f), "\"" + f + "\" in " + t);
        }
    }

    private static double[] values(String metric) {
        List<ExportedSeries> s = node.api().export(metric, null, null);
        return s.isEmpty() ? new double[0] : s.get(0).values();
    }

    @Test
    void textFormatStoresGoodLinesAndNamesBadOnes() {
        String body = "good_text 1 " + NOW + "\n"
                + "good_text{x=\"1\" 2\n"
                + "good_text 3 " + (NOW + 1) + "\n"
                + "{a=\"b\"} 4\n"
                + "too_many{a=\"1\",b=\"2\",c=\"3\",d=\"4\"} 5\n"
                + "dup{a=\"1\",a=\"2\"} 6\n"
                + "long_value{a=\"012345678901234567890123\"} 7\n"
                + "future 8 " + (NOW + 10L * 86_400_000) + "\n";
        Double before = node.api().scrapeMetric("cairn_rows_rejected_total{format=\"prometheus\"}");
        HttpResult r = post("/api/v1/import/prometheus", body);
        assertError(r, 400, "line 2", "line 4", "line 5", "line 6", "line 7", "line 8");
        assertArrayEquals(new double[] {1, 3}, values("good_text"), "valid lines stored");
        Double after = node.api().scrapeMetric("cairn_rows_rejected_total{format=\"prometheus\"}");
        assertNotNull(after);
        assertEquals(6, after - (before == null ? 0 : before), "rejected lines counted");
    }

    @Test
    void jsonLinesReportLineNumbers() {
        String body = "{\"metric\":{\"__name__\":\"good_json\"},\"values\":[1,2],\"timestamps\":["
                + NOW + "," + (NOW + 1) + "]}\n"
                + "{\"metric\":{\"__name__\":\"bad_json\"},\"values\":[1],\"timestamps\":[]}\n"
                + "not json at all\n";
        HttpResult r = post("/api/v1/import", body);
        assertError(r, 400, "line 2", "line 3");
        assertArrayEquals(new double[] {1, 2}, values("good_json"));
    }

    @Test
    void malformedRemoteWriteIsRejectedWhole() throws Exception {
        HttpResult notSnappy = node.api().remoteWrite("this is not snappy".getBytes());
        assertError(notSnappy, 400, "snappy");
        byte[] badProto = Snappy.compress(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, 0x01});
        assertError(node.api().remoteWrite(badProto), 400);
    }

    @Test
    void oversizedBodyGets413() {
        String big = "big 1\n".repeat(1000);
        assertError(post("/api/v1/import/prometheus", big), 413, "-maxInsertRequestSize");
    }

    @Test
    void badParametersAndTenantsAre400() {
        assertError(node.api().get("/api/v1/export?match[]=%7B"), 400, "match[]");
        assertError(node.api().get("/api/v1/series?match[]=up&start=yesterday"), 400, "start");
        assertError(post("/insert/abc/prometheus/api/v1/import/prometheus", "x 1"), 400,
                "tenant");
        assertError(node.api().get("/api/v1/series"), 400, "match[]");
    }

    @Test
    void nodeStillStoresAfterBadInput() {
        post("/api/v1/import/prometheus", "{{{{\n");
        HttpResult ok = post("/api/v1/import/prometheus", "after_bad 42 " + NOW + "\n");
        assertEquals(204, ok.status(), ok.text());
        assertArrayEquals(new double[] {42}, values("after_bad"));
    }
}
