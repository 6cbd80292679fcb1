package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.engine.EngineOptions;
import io.cairn.promql.promqltest.InMemorySeriesSource;
import io.cairn.query.PartialSeriesSource;
import io.cairn.query.ShardReads;
import io.cairn.shard.placement.StaticPlacement;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Partial answers at the HTTP edge, endpoint by endpoint: with a shard missing, the answer is
 * flagged {@code "isPartial":true} with a warning naming the shard, or 503 when partial answers
 * are denied by the node (-search.denyPartialResponse) or the request
 * ({@code deny_partial_response}); export never answers partially.
 */
class PartialResponseApiTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Tenant T = Tenant.DEFAULT;
    private static final String MISSING = "shard 1: no replica answered (s1-r0-g0: no answer "
            + "within 10 ms)";
    private static final String WARNING = "partial response: some shards could not be read, "
            + "the result may miss data: " + MISSING;

    /** Query storage whose shard 1 never answers: one series of shard 0 is all there is. */
    private static PartialSeriesSource queryStorage() {
        InMemorySeriesSource shard0 = new InMemorySeriesSource();
        shard0.appendFloat(Labels.of("__name__", "up", "job", "a"), NOW - 10_000, 1);
        return partial -> (tenant, matchers, minT, maxT, maxSeries) -> {
            partial.record(List.of(MISSING));
            return shard0.select(tenant, matchers, minT, maxT, maxSeries);
        };
    }

    /** Replicas of a two-shard placement: shard 0 answers {@code answer}, shard 1 times out. */
    private static ShardReads reads(Function<ReadRequest, ReadResult> answer) {
        ReplicaClient client = new ReplicaClient() {
            @Override
            public RecipientRef<ReplicaEntity.Command> ref(ReplicaId id) {
                throw new UnsupportedOperationException();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <R> CompletionStage<R> ask(ReplicaId id,
                    Function<ActorRef<R>, ReplicaEntity.Command> message, Duration timeout) {
                if (id.shard() == 1) {
                    return CompletableFuture.failedFuture(new TimeoutException("silence"));
                }
                ReplicaEntity.Read read = (ReplicaEntity.Read) message.apply(null);
                return CompletableFuture.completedFuture((R) answer.apply(read.request()));
            }
        };
        return new ShardReads(client, () -> new StaticPlacement(2), Duration.ofSeconds(5),
                Duration.ofMillis(10), id -> false);
    }

    private static String body(CompletionStage<ApiResponse> r, int status) {
        ApiResponse a = r.toCompletableFuture().join();
        String body = new String(a.body(), StandardCharsets.UTF_8);
        assertEquals(status, a.status(), body);
        return body;
    }

    private static void assertPartial(String body) {
        assertTrue(body.startsWith("{\"status\":\"success\",\"isPartial\":true,\"data\":"), body);
        assertTrue(body.contains("\"warnings\":[\"" + WARNING + "\"]"), body);
    }

    private static void assertDenied(String body) {
        assertEquals("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"cannot read "
                + "all shards, and partial responses are denied: " + MISSING + "\"}", body);
    }

    /** How each case is answered: 200 flagged, or 503. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "node allows, request silent   | false |       | 200",
        "node allows, request denies   | false | 1     | 503",
        "node allows, request denies   | false | true  | 503",
        "node denies, request silent   | true  |       | 503",
        "node denies, request allows   | true  | 0     | 200",
        "node denies, request allows   | true  | false | 200",
    })
    void everyEndpointHonoursTheFlagAndTheParameter(String name, boolean nodeDenies,
            String param, int status) {
        QueryApi query = new QueryApi(queryStorage(), EngineOptions.DEFAULTS, nodeDenies,
                Runnable::run, () -> NOW);
        SeriesApi series = new SeriesApi(reads(r -> r instanceof ReadRequest.SeriesLabels
                ? new ReadResult.LabelSets(List.of(Labels.of("__name__", "up")))
                : new ReadResult.Strings(List.of("up"))), 100, nodeDenies);
        TsdbStatusApi tsdb = new TsdbStatusApi(reads(r -> new ReadResult.Cardinality(
                new io.cairn.storage.index.TsdbStatus(1, 1, List.of(), List.of(), List.of(),
                        List.of(), List.of())))::gather, () -> NOW, nodeDenies);

        List<String> bodies = List.of(
                body(query.instant(T, QueryParams.instant("up", null)
                        .withDenyPartialResponse(param)), status),
                body(query.range(T, QueryParams.range("up", "" + (NOW / 1000 - 60),
                        "" + NOW / 1000, "15").withDenyPartialResponse(param)), status),
                body(series.series(T, List.of("up"), null, null, null, param), status),
                body(series.labelNames(T, List.of(), null, null, null, param), status),
                body(series.labelValues(T, "__name__", List.of(), null, null, null, param),
                        status),
                body(tsdb.status(T, null, null, null, List.of(), null, param), status));
        for (String b : bodies) {
            if (status == 200) {
                assertPartial(b);
            } else {
                assertDenied(b);
            }
        }
        if (status == 200) {
            assertTrue(bodies.get(0).contains("\"metric\":{\"__name__\":\"up\",\"job\":\"a\"}"),
                    "the answering shard's data is kept: " + bodies.get(0));
            assertTrue(bodies.get(2).contains("\"data\":[{\"__name__\":\"up\"}]"), bodies.get(2));
        }
    }

    @ParameterizedTest(name = "export with the node {0}")
    @CsvSource({"allowing, false", "denying, true"})
    void exportIsNeverPartial(String name, boolean nodeDenies) {
        ExportApi export = new ExportApi(reads(r -> new ReadResult.Samples(List.of())), 100);
        String b = body(export.export(T, List.of("up"), null, null), 503);
        assertEquals("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"cannot "
                + "export all shards (export never answers partially): " + MISSING + "\"}", b);
    }

    @ParameterizedTest(name = "deny_partial_response={0}")
    @CsvSource({"yes", "2", "TRUE"})
    void aBadParameterIsAClientError(String param) {
        SeriesApi series = new SeriesApi(reads(r -> new ReadResult.Strings(List.of())), 100);
        String b = body(series.labelNames(T, List.of(), null, null, null, param), 400);
        assertEquals("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid "
                + "parameter \\\"deny_partial_response\\\": \\\"" + param + "\\\" is not 0, 1, "
                + "true or false\"}", b);
    }
}
