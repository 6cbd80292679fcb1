package io.cairn.query;

import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The query engine's view of the cluster's storage: every selection is fanned out to every
 * shard through {@link ShardReads} (replica fallback and merging included). Blocks the calling
 * query thread (never an actor) until all shards answered or the timeout passed.
 *
 * <p>Used directly as a {@link SeriesSource} it never answers partially: a missing shard is a
 * {@link ShardsUnavailableException} (federation). Through {@link #forRequest} it records
 * missing shards in the request's {@link PartialResponse} and returns what it has, unless the
 * request denies partial answers. Thread-safe.
 */
public final class ClusterSeriesSource implements SeriesSource, PartialSeriesSource {
    private final ShardReads reads;
    private final Duration timeout;

    public ClusterSeriesSource(ShardReads reads, Duration timeout) {
        this.reads = reads;
        this.timeout = timeout;
    }

    @Override
    public List<SeriesData> select(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int maxSeries) {
        PartialResponse partial = PartialResponse.allowed();
        List<SeriesData> out = select(partial, tenant, matchers, minTimeMs, maxTimeMs, maxSeries);
        if (partial.isPartial()) {
            throw new ShardsUnavailableException(partial.missingShards());
        }
        return out;
    }

    @Override
    public SeriesSource forRequest(PartialResponse partial) {
        return (tenant, matchers, minTimeMs, maxTimeMs, maxSeries) ->
                select(partial, tenant, matchers, minTimeMs, maxTimeMs, maxSeries);
    }

    private List<SeriesData> select(PartialResponse partial, Tenant tenant,
            List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs, int maxSeries) {
        // This thread waits for the answer anyway: it reads this node's replicas itself.
        ShardReads.Gathered g = await(reads.gather(new ReadRequest.Samples(tenant, matchers,
                minTimeMs, maxTimeMs, maxSeries), ShardReads.Mode.CALLER_RUNS));
        if (g.limitError() != null) {
            throw new SeriesLimitExceededException(maxSeries);
        }
        partial.record(g.unavailableShards());
        List<SeriesData> out = new ArrayList<>();
        for (ReadResult r : g.results()) {
            out.addAll(((ReadResult.Samples) r).series());
            if (out.size() > maxSeries) {
                throw new SeriesLimitExceededException(maxSeries);
            }
        }
        return out;
    }

    private ShardReads.Gathered await(CompletionStage<ShardReads.Gathered> f) {
        try {
            // ShardReads keeps to its own budget; the margin only guards against a lost answer.
            return f.toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading shards", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading shards failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ShardsUnavailableException(List.of("no answer within "
                    + timeout.toMillis() + " ms"));
        }
    }
}
