package io.cairn.http.api;

import io.cairn.http.format.PromJson;
import io.cairn.http.ingest.IngestException;
import io.cairn.http.ingest.IngestReport;
import io.cairn.http.ingest.MetricMetadataStore;
import io.cairn.http.metrics.CairnMetrics;
import io.cairn.shard.ingest.IngestOutcome;
import io.cairn.shard.ingest.IngestRouter;
import io.cairn.shard.ingest.ShardedRows;
import io.cairn.storage.model.Tenant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Ingestion as the HTTP routes see it: parse a request body (on the ingest executor, never on
 * the HTTP dispatcher), group its rows by shard, send them through the {@link IngestRouter}
 * and answer once they are durable.
 *
 * <p>Answers: 204 when everything was stored; 400 with the Prometheus error shape when rows
 * were invalid (the valid rows of line formats are stored all the same and the message lists
 * the first errors with their line numbers); 413 for oversized bodies; 503 when a replica
 * cannot take the rows now, so that Prometheus and vmagent retry.
 */
public final class IngestApi {
    private final Map<IngestFormat, BodyParser> parsers;
    private final IngestRouter router;
    private final MetricMetadataStore metadata;
    private final CairnMetrics metrics;
    private final Executor executor;
    private final LongSupplier clock;
    private final int shards;

    public IngestApi(Map<IngestFormat, BodyParser> parsers, IngestRouter router,
            MetricMetadataStore metadata, CairnMetrics metrics, Executor executor,
            LongSupplier clock, int shards) {
        this.parsers = new EnumMap<>(parsers);
        this.router = router;
        this.metadata = metadata;
        this.metrics = metrics;
        this.executor = executor;
        this.clock = clock;
        this.shards = shards;
    }

    private record Parsed(ShardedRows rows, IngestReport report) {}

    public CompletionStage<ApiResponse> ingest(IngestFormat format, Tenant tenant, byte[] body,
            IngestParams params) {
        BodyParser parser = parsers.get(format);
        if (parser == null) {
            return CompletableFuture.completedFuture(
                    ApiResponse.badData("ingestion format " + format + " is not supported"));
        }
        return CompletableFuture.supplyAsync(() -> {
            ShardedRows rows = new ShardedRows(tenant, shards);
            IngestReport report = new IngestReport();
            parser.parse(body, params, clock.getAsLong(), rows::add, metadata.sinkFor(tenant),
                    report);
            return new Parsed(rows, report);
        }, executor).thenCompose(p -> store(format, p)).exceptionally(this::failure);
    }

    private CompletionStage<ApiResponse> store(IngestFormat format, Parsed p) {
        metrics.rowsRejected.labelValues(format.metricName()).inc(p.report().rejected());
        CompletionStage<IngestOutcome> sent = p.rows().rowCount() == 0
                ? CompletableFuture.completedFuture(new IngestOutcome.Stored(0))
                : router.send(p.rows());
        return sent.thenApply(outcome -> answer(format, outcome, p.report()));
    }

    private ApiResponse answer(IngestFormat format, IngestOutcome outcome, IngestReport report) {
        if (outcome instanceof IngestOutcome.Unavailable u) {
            return ApiResponse.unavailable(u.message());
        }
        if (outcome instanceof IngestOutcome.Rejected r) {
            return ApiResponse.badData(r.message());
        }
        long stored = ((IngestOutcome.Stored) outcome).rows();
        metrics.rowsInserted.labelValues(format.metricName()).inc(stored);
        if (report.hasRejections()) {
            return ApiResponse.badData(report.errorSummary());
        }
        return ApiResponse.noContent();
    }

    private ApiResponse failure(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null
                ? err.getCause() : err;
        if (cause instanceof IngestException ie) {
            return ie.httpStatus() == 413
                    ? ApiResponse.error(413, PromJson.BAD_DATA, ie.getMessage())
                    : ApiResponse.badData(ie.getMessage());
        }
        return ApiResponse.error(500, PromJson.INTERNAL, "ingestion failed: " + cause);
    }
}
