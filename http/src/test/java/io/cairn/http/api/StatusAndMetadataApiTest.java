package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.http.ingest.MetricMetadata;
import io.cairn.http.ingest.MetricMetadataStore;
import io.cairn.http.ingest.MetricType;
import io.cairn.storage.model.Tenant;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusAndMetadataApiTest {
    private static final Tenant OTHER = new Tenant(7, 0);

    private final StatusApi status = new StatusApi("1.2.3");
    private final MetricMetadataStore store = new MetricMetadataStore(10, 10);
    private final MetadataApi metadata = new MetadataApi(store);

    StatusAndMetadataApiTest() {
        store.put(Tenant.DEFAULT, "up", new MetricMetadata(MetricType.GAUGE, "Target is up.", ""));
        store.put(Tenant.DEFAULT, "http_requests_total",
                new MetricMetadata(MetricType.COUNTER, "Requests \"served\".", ""));
        store.put(Tenant.DEFAULT, "latency_seconds",
                new MetricMetadata(MetricType.HISTOGRAM, "Latency.", "seconds"));
        store.put(OTHER, "other", new MetricMetadata(MetricType.GAUGE, "", ""));
    }

    private static String body(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void buildInfoLooksLikePrometheus2() {
        ApiResponse r = status.buildInfo();
        assertEquals(200, r.status());
        assertEquals("{\"status\":\"success\",\"data\":{\"version\":\"2.53.0\","
                + "\"revision\":\"cairn-1.2.3\",\"branch\":\"cairn\",\"buildUser\":\"cairn\","
                + "\"buildDate\":\"unknown\",\"goVersion\":\"n/a\"}}", body(r));
    }

    @Test
    void emptyRulesAlertsConfig() {
        assertEquals("{\"status\":\"success\",\"data\":{\"groups\":[]}}", body(status.rules()));
        assertEquals("{\"status\":\"success\",\"data\":{\"alerts\":[]}}", body(status.alerts()));
        assertEquals("{\"status\":\"success\",\"data\":{\"yaml\":\"\"}}", body(status.config()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "valid              | up            | 1   | 2   | 200 | {\"status\":\"success\",\"data\":[]}",
        "no bounds          | sum(rate(x[5m])) |  |     | 200 | {\"status\":\"success\",\"data\":[]}",
        "bad query          | up{           |     |     | 400 | {\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:4: parse error: unexpected end of input inside braces\"}",
        "bad start          | up            | x   |     | 400 | {\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"start\\\": cannot parse \\\"x\\\" to a valid timestamp\"}",
        "end before start   | up            | 5   | 4   | 400 | {\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"end\\\": end timestamp must not be before start time\"}",
    })
    void exemplars(String name, String query, String start, String end, int code, String json) {
        ApiResponse r = status.exemplars(query, start, end);
        assertEquals(code, r.status());
        assertEquals(json, body(r));
    }

    @ParameterizedTest(name = "metric={0} limit={1}")
    @CsvSource(delimiter = '|', value = {
        "    |    | {\"status\":\"success\",\"data\":{\"http_requests_total\":[{\"type\":\"counter\",\"help\":\"Requests \\\"served\\\".\",\"unit\":\"\"}],\"latency_seconds\":[{\"type\":\"histogram\",\"help\":\"Latency.\",\"unit\":\"seconds\"}],\"up\":[{\"type\":\"gauge\",\"help\":\"Target is up.\",\"unit\":\"\"}]}}",
        "    | 1  | {\"status\":\"success\",\"data\":{\"http_requests_total\":[{\"type\":\"counter\",\"help\":\"Requests \\\"served\\\".\",\"unit\":\"\"}]}}",
        "    | -1 | {\"status\":\"success\",\"data\":{\"http_requests_total\":[{\"type\":\"counter\",\"help\":\"Requests \\\"served\\\".\",\"unit\":\"\"}],\"latency_seconds\":[{\"type\":\"histogram\",\"help\":\"Latency.\",\"unit\":\"seconds\"}],\"up\":[{\"type\":\"gauge\",\"help\":\"Target is up.\",\"unit\":\"\"}]}}",
        "    | 0  | {\"status\":\"success\",\"data\":{}}",
        "up  |    | {\"status\":\"success\",\"data\":{\"up\":[{\"type\":\"gauge\",\"help\":\"Target is up.\",\"unit\":\"\"}]}}",
        "nope |   | {\"status\":\"success\",\"data\":{}}",
    })
    void metadata(String metric, String limit, String json) {
        ApiResponse r = metadata.metadata(Tenant.DEFAULT, metric, limit);
        assertEquals(200, r.status());
        assertEquals(json, body(r));
    }

    @Test
    void metadataIsPerTenant() {
        assertEquals("{\"status\":\"success\",\"data\":{\"other\":[{\"type\":\"gauge\","
                + "\"help\":\"\",\"unit\":\"\"}]}}", body(metadata.metadata(OTHER, null, null)));
    }

    @Test
    void metadataLimitMustBeANumber() {
        ApiResponse r = metadata.metadata(Tenant.DEFAULT, null, "ten");
        assertEquals(400, r.status());
        assertEquals("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"limit must be a "
                + "number\"}", body(r));
    }
}
