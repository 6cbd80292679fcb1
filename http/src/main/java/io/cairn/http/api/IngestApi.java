package io.cairn.http.api;

import io.cairn.http.format.PromJson;
import io.cairn.http.ingest.IngestException;
import io.cairn.http.ingest.IngestReport;
import io.cairn.http.ingest.MetricMetadataStore;
import io.cairn.http.metrics.CairnMetrics;
import io.cairn.shard.ingest.IngestOutcome;
import io.cairn.shard.ingest.IngestRouter;
import io.cairn.shard.ingest.ShardedRows;
import io.cairn.shard.ingest.ShardedRowsPool;
import io.cairn.http.ingest.SampleSink;
import io.cairn.storage.model.Labels;
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
    private final ShardedRowsPool pool;

    public IngestApi(Map<IngestFormat, BodyParser> parsers, IngestRouter router,
            MetricMetadataStore metadata, CairnMetrics metrics, Executor executor,
            LongSupplier clock, int shards) {
        this.parsers = new EnumMap<>(parsers);
        this.router = router;
        this.metadata = metadata;
        this.metrics = metrics;
        this.executor = executor;
        this.clock = clock;
        // One idle instance per thread that can parse at once is plenty; more are made on
        // demand and dropped on release.
        this.pool = new ShardedRowsPool(shards, 2 * Runtime.getRuntime().availableProcessors() + 2);
    }

    private record Parsed(ShardedRows rows, IngestReport report) {}

    /** Feeds a request's samples into its {@link ShardedRows}, series records included. */
    private static final class RowsSink implements SampleSink {
        private final ShardedRows rows;

        RowsSink(ShardedRows rows) {
            this.rows = rows;
        }

        @Override
        public void add(Labels labels, long timestampMs, double value) {
            rows.add(labels, timestampMs, value);
        }

        @Override
        public void addSeriesRows(byte[] record, int offset, long[] timestampsMs,
                double[] values, int from, int to) {
            rows.addSeriesRows(record, offset, timestampsMs, values, from, to);
        }

        @Override
        public long hintTenant() {
            return rows.tenant().packed();
        }

        @Override
        public int hintShards() {
            return rows.shards();
        }
    }

    public CompletionStage<ApiResponse> ingest(IngestFormat format, Tenant tenant, byte[] body,
            IngestParams params) {
        BodyParser parser = parsers.get(format);
        if (parser == null) {
            return CompletableFuture.completedFuture(
                    ApiResponse.badData("ingestion format " + format + " is not supported"));
        }
        return CompletableFuture.supplyAsync(() -> {
            ShardedRows rows = pool.acquire(tenant);
            try {
                IngestReport report = new IngestReport();
                parser.parse(body, params, clock.getAsLong(), new RowsSink(rows),
                        metadata.sinkFor(tenant), report);
                return new Parsed(rows, report);
            } catch (RuntimeException | Error e) {
                pool.release(rows);
                throw e;
            }
        }, executor).thenCompose(p -> store(format, p)).exceptionally(this::failure);
    }

    private CompletionStage<ApiResponse> store(IngestFormat format, Parsed p) {
        CompletionStage<IngestOutcome> sent;
        try {
            metrics.rowsRejected.labelValues(format.metricName()).inc(p.report().rejected());
            // send() copies the blocks out before it returns, so the rows go back at once.
            sent = p.rows().rowCount() == 0
                    ? CompletableFuture.completedFuture(new IngestOutcome.Stored(0))
                    : router.send(p.rows());
        } finally {
            pool.release(p.rows());
        }
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
