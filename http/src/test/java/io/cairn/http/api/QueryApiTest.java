package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.engine.EngineOptions;
import io.cairn.promql.promqltest.InMemorySeriesSource;
import io.cairn.query.ShardsUnavailableException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryApiTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Tenant T = Tenant.DEFAULT;

    private final InMemorySeriesSource data = new InMemorySeriesSource();
    private final List<Runnable> queued = new ArrayList<>();

    QueryApiTest() {
        // up{job="a"} and up{job="b"}: one sample every 15s over the 10 minutes before NOW.
        for (long t = NOW - 600_000; t <= NOW; t += 15_000) {
            data.appendFloat(Labels.of("__name__", "up", "job", "a"), t, 1);
            data.appendFloat(Labels.of("__name__", "up", "job", "b"), t, (t - NOW) / 15_000.0);
        }
    }

    private QueryApi api(SeriesSource source, EngineOptions options) {
        return new QueryApi(source, options, Runnable::run, () -> NOW);
    }

    private QueryApi api() {
        return api(data, EngineOptions.DEFAULTS);
    }

    private static ApiResponse get(CompletionStage<ApiResponse> r) {
        return r.toCompletableFuture().join();
    }

    private static String body(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static void assertError(ApiResponse r, int status, String type, String message) {
        assertEquals("{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\""
                + message.replace("\"", "\\\"") + "\"}", body(r));
        assertEquals(status, r.status());
    }

    @Test
    void instantQueryAtGivenTime() {
        ApiResponse r = get(api().instant(T, QueryParams.instant("up", "1700000000")));
        assertEquals(200, r.status());
        assertEquals("application/json", r.contentType());
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"job\":\"a\"},\"value\":[1700000000,\"1\"]},"
                + "{\"metric\":{\"__name__\":\"up\",\"job\":\"b\"},\"value\":[1700000000,\"0\"]}]}}",
                body(r));
    }

    @Test
    void instantQueryDefaultsToNowAndTakesRfc3339() {
        String atNow = body(get(api().instant(T, QueryParams.instant("sum(up)", null))));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{},\"value\":[1700000000,\"1\"]}]}}", atNow);
        String rfc = body(get(api().instant(T,
                QueryParams.instant("sum(up)", "2023-11-14T22:12:50.5Z"))));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{},\"value\":[1699999970.500,\"-1\"]}]}}", rfc);
    }

    @Test
    void rangeQuery() {
        ApiResponse r = get(api().range(T, QueryParams.range("up{job=\"b\"} * 2",
                "1699999970", "1700000000", "15s")));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"job\":\"b\"},\"values\":[[1699999970,\"-4\"],[1699999985,\"-2\"],"
                + "[1700000000,\"0\"]]}]}}", body(r));
    }

    @Test
    void rangeQueryOfScalar() {
        ApiResponse r = get(api().range(T, QueryParams.range("time()", "1", "2.5", "0.5")));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{},\"values\":[[1,\"1\"],[1.500,\"1.5\"],[2,\"2\"],[2.500,\"2.5\"]]}]}}",
                body(r));
    }

    @Test
    void scalarAndStringInstantResults() {
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":"
                + "[1700000000.25,\"3\"]}}",
                body(get(api().instant(T, QueryParams.instant("1 + 2", "1700000000.25")))));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":"
                + "[1700000000,\"x\"]}}",
                body(get(api().instant(T, QueryParams.instant("\"x\"", null)))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "time unparseable      | up | abc |  |  |  |  | invalid parameter \"time\": cannot parse \"abc\" to a valid timestamp",
        "timeout unparseable   | up |     |  |  |  | 5x | invalid parameter \"timeout\": cannot parse \"5x\" to a valid duration",
        "query missing         |    |     |  |  |  |  | invalid parameter \"query\": 1:1: parse error: no expression found in input",
        "query malformed       | up{ |    |  |  |  |  | invalid parameter \"query\": 1:4: parse error: unexpected end of input inside braces",
    })
    void instantValidation(String name, String query, String time, String start, String end,
            String step, String timeout, String message) {
        ApiResponse r = get(api().instant(T, new QueryParams(query, time, start, end, step,
                timeout, null)));
        assertError(r, 400, "bad_data", message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "start missing          | up |  | 10 | 1  | invalid parameter \"start\": cannot parse \"\" to a valid timestamp",
        "start unparseable      | up | x | 10 | 1  | invalid parameter \"start\": cannot parse \"x\" to a valid timestamp",
        "end missing            | up | 1 |    | 1  | invalid parameter \"end\": cannot parse \"\" to a valid timestamp",
        "end before start       | up | 10 | 9 | 1  | invalid parameter \"end\": end timestamp must not be before start time",
        "step missing           | up | 1 | 10 |    | invalid parameter \"step\": cannot parse \"\" to a valid duration",
        "step unparseable       | up | 1 | 10 | 1q | invalid parameter \"step\": cannot parse \"1q\" to a valid duration",
        "step zero              | up | 1 | 10 | 0  | invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer",
        "step negative          | up | 1 | 10 | -1 | invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer",
        "step below 1ms         | up | 1 | 10 | 0.0001 | invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer",
        "too many points        | up | 0 | 30000 | 1 | exceeded maximum resolution of 30,000 points per timeseries. Try decreasing the query resolution (?step=XX) or raise -search.maxPointsPerTimeseries",
        "range vector           | up[5m] | 0 | 10 | 1 | invalid parameter \"query\": 1:1: parse error: invalid expression type \"range vector\" for range query, must be Scalar or instant Vector",
    })
    void rangeValidation(String name, String query, String start, String end, String step,
            String message) {
        ApiResponse r = get(api().range(T, QueryParams.range(query, start, end, step)));
        assertError(r, 400, "bad_data", message);
    }

    @Test
    void pointLimitIsInclusive() {
        EngineOptions three = EngineOptions.DEFAULTS.withMaxPointsPerTimeseries(3);
        assertEquals(200, get(api(data, three).range(T, QueryParams.range("1", "0", "2", "1")))
                .status());
        assertEquals(400, get(api(data, three).range(T, QueryParams.range("1", "0", "3", "1")))
                .status());
    }

    @Test
    void extremeRangeDoesNotOverflow() {
        // end - start does not fit a signed long: a signed division would see a negative
        // number of points and let the query through.
        ApiResponse r = get(api().range(T, QueryParams.range("1", "-9000000000000000",
                "9000000000000000", "290y")));
        assertEquals(400, r.status(), body(r));
        assertTrue(body(r).contains("exceeded maximum resolution"), body(r));
    }

    @Test
    void executionErrorIs422() {
        ApiResponse r = get(api().instant(T, QueryParams.instant("up + on() up", null)));
        assertEquals(422, r.status());
        assertTrue(body(r).startsWith("{\"status\":\"error\",\"errorType\":\"execution\","
                + "\"error\":\"found duplicate series"), body(r));
    }

    @Test
    void seriesLimitNamesTheFlag() {
        ApiResponse r = get(api(data, EngineOptions.DEFAULTS.withMaxSeries(1))
                .instant(T, QueryParams.instant("up", null)));
        assertEquals(422, r.status());
        assertTrue(body(r).contains("\"errorType\":\"execution\""), body(r));
        assertTrue(body(r).contains("-search.maxSeries"), body(r));
    }

    @Test
    void samplesLimitNamesTheFlag() {
        ApiResponse r = get(api(data, EngineOptions.DEFAULTS.withMaxSamplesPerQuery(10))
                .instant(T, QueryParams.instant("count_over_time(up[10m])", null)));
        assertEquals(422, r.status());
        assertTrue(body(r).contains("-search.maxSamplesPerQuery"), body(r));
    }

    @Test
    void timeoutIs503() {
        ApiResponse r = get(api().instant(T, QueryParams.instant("up", null).withTimeout("0s")));
        assertEquals(503, r.status());
        assertTrue(body(r).startsWith("{\"status\":\"error\",\"errorType\":\"timeout\","), body(r));
    }

    @Test
    void timeoutParameterIsCappedByMaxQueryDuration() {
        EngineOptions zero = EngineOptions.DEFAULTS.withTimeout(Duration.ZERO);
        ApiResponse r = get(api(data, zero).instant(T,
                QueryParams.instant("up", null).withTimeout("1h")));
        assertEquals(503, r.status(), body(r));
        assertEquals(200, get(api().instant(T, QueryParams.instant("up", null)
                .withTimeout("1h"))).status());
    }

    @Test
    void lookbackDeltaParameter() {
        // 30s after the last sample: within the default 5m lookback, outside a 20s one.
        String time = "1700000030";
        assertTrue(body(get(api().instant(T, QueryParams.instant("up", time))))
                .contains("\"job\":\"a\""));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
                body(get(api().instant(T, QueryParams.instant("up", time)
                        .withLookbackDelta("20s")))));
        assertError(get(api().instant(T, QueryParams.instant("up", time)
                .withLookbackDelta("x"))), 400, "bad_data",
                "invalid parameter \"lookback_delta\": cannot parse \"x\" to a valid duration");
    }

    @Test
    void unavailableShardsAre503() {
        SeriesSource down = (tenant, matchers, min, max, limit) -> {
            throw new ShardsUnavailableException(List.of("shard 3 has no readable replica"));
        };
        ApiResponse r = get(api(down, EngineOptions.DEFAULTS).instant(T,
                QueryParams.instant("up", null)));
        assertError(r, 503, "unavailable",
                "cannot read all shards: shard 3 has no readable replica");
    }

    @Test
    void unexpectedFailureIs500() {
        SeriesSource broken = (tenant, matchers, min, max, limit) -> {
            throw new IllegalStateException("disk on fire");
        };
        ApiResponse r = get(api(broken, EngineOptions.DEFAULTS).instant(T,
                QueryParams.instant("up", null)));
        assertError(r, 500, "internal", "java.lang.IllegalStateException: disk on fire");
    }

    @Test
    void evaluationRunsOnTheGivenExecutor() {
        Executor queue = queued::add;
        QueryApi api = new QueryApi(data, EngineOptions.DEFAULTS, queue, () -> NOW);
        CompletionStage<ApiResponse> r = api.instant(T, QueryParams.instant("up", null));
        assertEquals(false, r.toCompletableFuture().isDone());
        assertEquals(1, queued.size());
        queued.get(0).run();
        assertEquals(200, get(r).status());
    }

    @Test
    void validationErrorsDoNotReachTheExecutor() {
        QueryApi api = new QueryApi(data, EngineOptions.DEFAULTS, queued::add, () -> NOW);
        assertEquals(400, get(api.range(T, QueryParams.range("up", "2", "1", "1"))).status());
        assertTrue(queued.isEmpty());
    }
}
