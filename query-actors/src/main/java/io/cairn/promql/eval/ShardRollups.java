package io.cairn.promql.eval;

import io.cairn.storage.api.RollupEngine;
import io.cairn.storage.api.RollupSpec;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The PromQL engine's side of rollups computed next to the data: each node's shard replicas
 * evaluate a {@link RollupSpec} with the same kernels, window rules and aggregation rules as
 * the evaluator uses on raw samples, so a query gets identical per-series values (and partial
 * aggregates that combine to the same groups) without moving the samples. Thread-safe.
 */
public final class ShardRollups implements RollupEngine {
    /**
     * What the shards of the spec seen last share: the shards of one query on this node get the
     * same spec instance, so they share its step columns instead of each building its own, and
     * the most groups one of them found (a shard holds members of most groups, so the shards
     * that start later size their group arrays once instead of growing and trimming them).
     */
    private final AtomicReference<SpecShared> last = new AtomicReference<>();

    private record SpecShared(RollupSpec spec, StepColumns columns, AtomicInteger groups) {}

    @Override
    public Rollup start(RollupSpec spec) {
        SpecShared shared = last.get();
        if (shared == null || shared.spec() != spec) {
            shared = new SpecShared(spec, StepColumns.of(spec), new AtomicInteger());
            last.set(shared);
        }
        return new SeriesRollup(spec, shared.columns(), shared.groups());
    }
}
