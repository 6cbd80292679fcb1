package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.promql.promqltest.InMemorySeriesSource;
import io.cairn.query.ShardsUnavailableException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import io.cairn.storage.model.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FederateApiTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long LOOKBACK = 300_000;

    private final InMemorySeriesSource data = new InMemorySeriesSource();

    private ApiResponse federate(SeriesSource source, List<String> match) {
        return new FederateApi(source, LOOKBACK, 1000, Runnable::run, () -> NOW)
                .federate(Tenant.DEFAULT, match).toCompletableFuture().join();
    }

    private static String body(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void latestSampleOfEverySeriesGroupedByName() {
        data.appendFloat(Labels.of("__name__", "up", "job", "b"), NOW - 20_000, 0);
        data.appendFloat(Labels.of("__name__", "up", "job", "b"), NOW - 5_000, 1);
        data.appendFloat(Labels.of("__name__", "up", "job", "a"), NOW - 7_123, 1);
        data.appendFloat(Labels.of("__name__", "http_total", "path", "/a\"b\\c\nd"), NOW, 1e6);
        data.appendFloat(Labels.of("__name__", "bare"), NOW - 1, -0.000015);
        // Outside the lookback window, after now, stale, and nameless: all left out.
        data.appendFloat(Labels.of("__name__", "up", "job", "old"), NOW - LOOKBACK - 1, 1);
        data.appendFloat(Labels.of("__name__", "up", "job", "future"), NOW + 1, 1);
        data.appendFloat(Labels.of("__name__", "up", "job", "gone"), NOW - 10_000, 1);
        data.appendFloat(Labels.of("__name__", "up", "job", "gone"), NOW - 5_000, StaleMarker.VALUE);
        data.appendFloat(Labels.of("job", "nameless"), NOW, 1);

        ApiResponse r = federate(data, List.of("{__name__=~\".+\"}", "up", "{job=\"nameless\"}"));
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.contentType());
        assertEquals("""
                # TYPE bare untyped
                bare -1.5e-05 1699999999999
                # TYPE http_total untyped
                http_total{path="/a\\"b\\\\c\\nd"} 1e+06 1700000000000
                # TYPE up untyped
                up{job="a"} 1 1699999992877
                up{job="b"} 1 1699999995000
                """, body(r));
    }

    @Test
    void oldestSampleInsideTheWindowCounts() {
        data.appendFloat(Labels.of("__name__", "edge"), NOW - LOOKBACK, 3);
        assertEquals("# TYPE edge untyped\nedge 3 1699999700000\n",
                body(federate(data, List.of("edge"))));
    }

    @Test
    void noMatchGivesAnEmptyBody() {
        data.appendFloat(Labels.of("__name__", "up"), NOW, 1);
        ApiResponse r = federate(data, List.of());
        assertEquals(200, r.status());
        assertEquals("", body(r));
    }

    @Test
    void badSelectorIs400PlainText() {
        ApiResponse r = federate(data, List.of("up{"));
        assertEquals(400, r.status());
        assertEquals(ApiResponse.TEXT, r.contentType());
        assertEquals("invalid parameter \"match[]\": 1:4: parse error: unexpected end of input "
                + "inside braces\n", body(r));
    }

    @Test
    void unavailableShardsAre503() {
        SeriesSource down = (t, m, min, max, lim) -> {
            throw new ShardsUnavailableException(List.of("shard 1 has no readable replica"));
        };
        ApiResponse r = federate(down, List.of("up"));
        assertEquals(503, r.status());
        assertEquals("cannot read all shards: shard 1 has no readable replica\n", body(r));
    }

    @Test
    void seriesLimitIs422() {
        for (int i = 0; i < 3; i++) {
            data.appendFloat(Labels.of("__name__", "up", "i", "" + i), NOW, 1);
        }
        ApiResponse r = new FederateApi(data, LOOKBACK, 2, Runnable::run, () -> NOW)
                .federate(Tenant.DEFAULT, List.of("up")).toCompletableFuture().join();
        assertEquals(422, r.status());
        assertEquals(true, body(r).contains("-search.maxSeries"), body(r));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "1, 1",
        "-1, -1",
        "0.1, 0.1",
        "123456, 123456",
        "999999, 999999",
        "1000000, 1e+06",
        "1234567, 1.234567e+06",
        "0.0001, 0.0001",
        "0.00012, 0.00012",
        "0.00001, 1e-05",
        "-1.5e-300, -1.5e-300",
        "1e21, 1e+21",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "4.9e-324, 5e-324",
        "12.5, 12.5",
        "NaN, NaN",
        "Infinity, +Inf",
        "-Infinity, -Inf",
    })
    void valuesLikeGoFormatFloatG(double v, String expected) {
        StringBuilder sb = new StringBuilder();
        FederateText.appendValue(sb, v);
        assertEquals(expected, sb.toString());
    }
}
