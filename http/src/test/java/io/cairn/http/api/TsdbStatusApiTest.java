package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.query.ShardReads;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.storage.index.TsdbStatus;
import io.cairn.storage.index.TsdbStatus.Entry;
import io.cairn.storage.model.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TsdbStatusApiTest {
    /** 2023-11-14T22:13:20Z. */
    private static final long NOW = 1_700_000_000_000L;
    private static final long TODAY = 1_699_920_000_000L;

    private final List<ReadRequest> requests = new ArrayList<>();

    private static final TsdbStatus SHARD_A = new TsdbStatus(3, 5,
            List.of(new Entry("up", 2), new Entry("http_total", 1)),
            List.of(new Entry("job", 2), new Entry("__name__", 2)),
            List.of(new Entry("__name__", 12), new Entry("job", 6)),
            List.of(new Entry("__name__=up", 2), new Entry("job=a", 2)),
            List.of(new Entry("__name__", 3), new Entry("job", 3)));
    private static final TsdbStatus SHARD_B = new TsdbStatus(2, 3,
            List.of(new Entry("up", 2)),
            List.of(new Entry("job", 1), new Entry("__name__", 1)),
            List.of(new Entry("job", 10), new Entry("__name__", 4)),
            List.of(new Entry("__name__=up", 2), new Entry("job=b", 2)),
            List.of(new Entry("__name__", 2), new Entry("job", 2)));

    private TsdbStatusApi api(ShardReads.Gathered answer) {
        return new TsdbStatusApi(r -> {
            requests.add(r);
            return CompletableFuture.completedFuture(answer);
        }, () -> NOW);
    }

    private static ShardReads.Gathered answered(TsdbStatus... parts) {
        List<ReadResult> results = new ArrayList<>();
        for (TsdbStatus p : parts) {
            results.add(new ReadResult.Cardinality(p));
        }
        return new ShardReads.Gathered(results, List.of(), null);
    }

    private static ApiResponse join(java.util.concurrent.CompletionStage<ApiResponse> r) {
        return r.toCompletableFuture().join();
    }

    private static String body(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void mergesShardsForToday() {
        ApiResponse r = join(api(answered(SHARD_A, SHARD_B)).status(Tenant.DEFAULT, null, null,
                null, List.of(), null));
        assertEquals(200, r.status());
        assertEquals("{\"status\":\"success\",\"data\":{"
                + "\"headStats\":{\"numSeries\":5,\"numLabelPairs\":8,\"minTime\":1699920000000,"
                + "\"maxTime\":1700006399999},"
                + "\"seriesCountByMetricName\":[{\"name\":\"up\",\"value\":4},"
                + "{\"name\":\"http_total\",\"value\":1}],"
                + "\"labelValueCountByLabelName\":[{\"name\":\"__name__\",\"value\":2},"
                + "{\"name\":\"job\",\"value\":2}],"
                + "\"memoryInBytesByLabelName\":[{\"name\":\"__name__\",\"value\":16},"
                + "{\"name\":\"job\",\"value\":16}],"
                + "\"seriesCountByLabelValuePair\":[{\"name\":\"__name__=up\",\"value\":4},"
                + "{\"name\":\"job=a\",\"value\":2},{\"name\":\"job=b\",\"value\":2}],"
                + "\"totalSeries\":5,\"totalLabelValuePairs\":8,"
                + "\"seriesCountByLabelName\":[{\"name\":\"__name__\",\"value\":5},"
                + "{\"name\":\"job\",\"value\":5}]}}", body(r));
        assertEquals(List.of(new ReadRequest.Cardinality(Tenant.DEFAULT, TODAY,
                TODAY + 86_400_000 - 1, 10)), requests);
    }

    @Test
    void topNCutsTheMergedLists() {
        ApiResponse r = join(api(answered(SHARD_A, SHARD_B)).status(Tenant.DEFAULT, "1", null,
                "2023-11-01", List.of(), ""));
        assertTrue(body(r).contains("\"seriesCountByLabelValuePair\":[{\"name\":\"__name__=up\","
                + "\"value\":4}],"), body(r));
        assertEquals(List.of(new ReadRequest.Cardinality(Tenant.DEFAULT, 1_698_796_800_000L,
                1_698_796_800_000L + 86_400_000 - 1, 1)), requests);
    }

    @Test
    void prometheusLimitParameterAndAllDays() {
        ApiResponse r = join(api(answered(SHARD_A)).status(Tenant.DEFAULT, null, "2",
                "1970-01-01", List.of(""), null));
        assertEquals(200, r.status());
        assertTrue(body(r).contains("\"minTime\":0,\"maxTime\":1700000000000}"), body(r));
        assertEquals(List.of(new ReadRequest.Cardinality(Tenant.DEFAULT, ApiParams.MIN_TIME_MS,
                ApiParams.MAX_TIME_MS, 2)), requests);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "topN zero       | 0    |    |            |       |    | invalid parameter \"topN\": \"0\" is not an integer from 1 to 1000",
        "topN too large  | 1001 |    |            |       |    | invalid parameter \"topN\": \"1001\" is not an integer from 1 to 1000",
        "limit text      |      | x  |            |       |    | invalid parameter \"limit\": \"x\" is not an integer from 1 to 1000",
        "date malformed  |      |    | 2023-13-01 |       |    | invalid parameter \"date\": cannot parse \"2023-13-01\" as YYYY-MM-DD",
        "match given     |      |    |            | up    |    | invalid parameter \"match[]\": Cairn cannot filter /api/v1/status/tsdb by series selector yet",
        "focusLabel      |      |    |            |       | job | invalid parameter \"focusLabel\": Cairn does not support focusLabel yet",
    })
    void validation(String name, String topN, String limit, String date, String match,
            String focus, String message) {
        ApiResponse r = join(api(answered(SHARD_A)).status(Tenant.DEFAULT, topN, limit, date,
                match == null ? List.of() : List.of(match), focus));
        assertEquals(400, r.status());
        assertEquals("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\""
                + message.replace("\"", "\\\"") + "\"}", body(r));
        assertTrue(requests.isEmpty());
    }

    @Test
    void unavailableShardIs503() {
        ApiResponse r = join(api(new ShardReads.Gathered(List.of(new ReadResult.Cardinality(
                SHARD_A)), List.of("replica 2/0 did not answer within 30000 ms"), null))
                .status(Tenant.DEFAULT, null, null, null, List.of(), null));
        assertEquals(503, r.status());
        assertEquals("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"cannot read "
                + "the statistics of all shards: replica 2/0 did not answer within 30000 ms\"}",
                body(r));
    }
}
