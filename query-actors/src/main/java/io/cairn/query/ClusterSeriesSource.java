package io.cairn.query;

import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.storage.api.RollupSource;
import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The query engine's view of the cluster's storage: every selection is fanned out to every
 * shard through {@link ShardReads} (replica fallback and merging included). Blocks the calling
 * query thread (never an actor) until all shards answered or the timeout passed; that thread
 * reads this node's shards itself meanwhile ({@link ShardReads.Mode#CALLER_RUNS}). Rollups
 * are computed by the replicas and come back as one partial result per shard.
 *
 * <p>Used directly as a {@link SeriesSource} it never answers partially: a missing shard is a
 * {@link ShardsUnavailableException} (federation). Through {@link #forRequest} it records
 * missing shards in the request's {@link PartialResponse} and returns what it has, unless the
 * request denies partial answers. Thread-safe.
 */
public final class ClusterSeriesSource implements RollupSource, PartialSeriesSource {
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
    public List<StepRows> rollup(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int maxSeries, RollupSpec spec) {
        PartialResponse partial = PartialResponse.allowed();
        List<StepRows> out = rollup(partial, tenant, matchers, minTimeMs, maxTimeMs, maxSeries,
                spec);
        if (partial.isPartial()) {
            throw new ShardsUnavailableException(partial.missingShards());
        }
        return out;
    }

    @Override
    public RollupSource forRequest(PartialResponse partial) {
        return new RollupSource() {
            @Override
            public List<SeriesData> select(Tenant tenant, List<LabelMatcher> matchers,
                    long minTimeMs, long maxTimeMs, int maxSeries) {
                return ClusterSeriesSource.this.select(partial, tenant, matchers, minTimeMs,
                        maxTimeMs, maxSeries);
            }

            @Override
            public List<StepRows> rollup(Tenant tenant, List<LabelMatcher> matchers,
                    long minTimeMs, long maxTimeMs, int maxSeries, RollupSpec spec) {
                return ClusterSeriesSource.this.rollup(partial, tenant, matchers, minTimeMs,
                        maxTimeMs, maxSeries, spec);
            }

            @Override
            public void rollupInto(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
                    long maxTimeMs, int maxSeries, RollupSpec spec, Consumer<StepRows> eachPart) {
                ClusterSeriesSource.this.rollupInto(partial, tenant, matchers, minTimeMs,
                        maxTimeMs, maxSeries, spec, eachPart);
            }
        };
    }

    /**
     * Hands each shard's rows to {@code eachPart} as the shard finishes, on the thread that
     * finished it (under the gather's lock), so a query folds shards in while others are read.
     */
    private void rollupInto(PartialResponse partial, Tenant tenant, List<LabelMatcher> matchers,
            long minTimeMs, long maxTimeMs, int maxSeries, RollupSpec spec,
            Consumer<StepRows> eachPart) {
        PartFolder folder = new PartFolder(eachPart);
        gather(partial, new ReadRequest.Rollup(tenant, matchers, minTimeMs, maxTimeMs,
                maxSeries, spec), maxSeries, folder);
        // The folder was last called under the gather's lock, before its answer completed.
        if (folder.failure instanceof RuntimeException e) {
            throw e;
        }
        if (folder.failure instanceof Error e) {
            throw e;
        }
        if (folder.series > maxSeries) {
            throw new SeriesLimitExceededException(maxSeries);
        }
    }

    /**
     * Feeds shard answers to a caller's fold on reading threads: a fold that throws is not
     * called again, and its exception goes to the query thread rather than a reading thread.
     * Called under a gather's lock, one call at a time.
     */
    private static final class PartFolder implements Consumer<ReadResult> {
        private final Consumer<StepRows> fold;
        private long series;
        /** A RuntimeException or an Error, or null. */
        private Throwable failure;

        PartFolder(Consumer<StepRows> fold) {
            this.fold = fold;
        }

        @Override
        public void accept(ReadResult result) {
            if (failure != null) {
                return;
            }
            try {
                StepRows rows = ((ReadResult.Rolled) result).rows();
                series += rows.series();
                fold.accept(rows);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
    }

    private List<StepRows> rollup(PartialResponse partial, Tenant tenant,
            List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs, int maxSeries,
            RollupSpec spec) {
        List<ReadResult> results = gather(partial, new ReadRequest.Rollup(tenant, matchers,
                minTimeMs, maxTimeMs, maxSeries, spec), maxSeries);
        List<StepRows> out = new ArrayList<>(results.size());
        long series = 0;
        for (ReadResult r : results) {
            StepRows rows = ((ReadResult.Rolled) r).rows();
            series += rows.series();
            if (series > maxSeries) {
                throw new SeriesLimitExceededException(maxSeries);
            }
            out.add(rows);
        }
        return out;
    }

    private List<SeriesData> select(PartialResponse partial, Tenant tenant,
            List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs, int maxSeries) {
        List<ReadResult> results = gather(partial, new ReadRequest.Samples(tenant, matchers,
                minTimeMs, maxTimeMs, maxSeries), maxSeries);
        List<SeriesData> out = new ArrayList<>();
        for (ReadResult r : results) {
            out.addAll(((ReadResult.Samples) r).series());
            if (out.size() > maxSeries) {
                throw new SeriesLimitExceededException(maxSeries);
            }
        }
        return out;
    }

    /** Every shard's answer; missing shards go to {@code partial}. */
    private List<ReadResult> gather(PartialResponse partial, ReadRequest request, int maxSeries) {
        return gather(partial, request, maxSeries, null);
    }

    /** {@link #gather}, telling {@code eachShard} of every shard's data as it is final. */
    private List<ReadResult> gather(PartialResponse partial, ReadRequest request, int maxSeries,
            Consumer<ReadResult> eachShard) {
        // This thread waits for the answer anyway: it reads this node's replicas itself.
        ShardReads.Gathered g = await(reads.gather(request, ShardReads.Mode.CALLER_RUNS,
                eachShard));
        if (g.limitError() != null) {
            throw new SeriesLimitExceededException(maxSeries);
        }
        partial.record(g.unavailableShards());
        return g.results();
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
