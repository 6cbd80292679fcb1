package io.cairn.http.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.http.ingest.MetricMetadata;
import io.cairn.http.ingest.MetricType;
import io.cairn.storage.model.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromJsonTest {
    @Test
    void errorShape() {
        assertEquals("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"
                        + "\"line 3: label name \\\"foo\\\" appears twice\"}",
                PromJson.error(PromJson.BAD_DATA, "line 3: label name \"foo\" appears twice"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain | \"plain\"",
        "`a\"b\\c` | `\"a\\\"b\\\\c\"`",
        "`x<y>&z` | `\"x\\u003cy\\u003e\\u0026z\"`",
    })
    void escaping(String in, String out) {
        StringBuilder sb = new StringBuilder();
        PromJson.appendString(sb, in);
        assertEquals(out, sb.toString());
    }

    @Test
    void escapingOfControlAndUnicode() {
        StringBuilder sb = new StringBuilder();
        PromJson.appendString(sb, "\n\r\t\u0001\u2028ü😀\ud800x");
        assertEquals("\"\\n\\r\\t\\u0001\\u2028ü😀\ufffdx\"", sb.toString());
    }

    @Test
    void seriesEnvelopePutsMetricNameFirst() {
        assertEquals("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"Zone\":\"a\","
                        + "\"job\":\"n\"},{\"a\":\"b\"}],\"warnings\":[\"partial\"]}",
                PromJson.series(List.of(Labels.of("job", "n", "__name__", "up", "Zone", "a"),
                        Labels.of("a", "b")), List.of("partial")));
    }

    @Test
    void stringListsAndMetadata() {
        assertEquals("{\"status\":\"success\",\"data\":[\"__name__\",\"job\"]}",
                PromJson.strings(List.of("__name__", "job"), List.of()));
        Map<String, MetricMetadata> m = new LinkedHashMap<>();
        m.put("up", new MetricMetadata(MetricType.GAUGE, "Is it up?", ""));
        assertEquals("{\"status\":\"success\",\"data\":{\"up\":[{\"type\":\"gauge\","
                + "\"help\":\"Is it up?\",\"unit\":\"\"}]}}", PromJson.metadata(m));
    }
}
