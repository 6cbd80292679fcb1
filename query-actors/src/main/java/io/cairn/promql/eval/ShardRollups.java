package io.cairn.promql.eval;

import io.cairn.storage.api.RollupEngine;
import io.cairn.storage.api.RollupSpec;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The PromQL engine's side of rollups computed next to the data: each node's shard replicas
 * evaluate a {@link RollupSpec} with the same kernels, window rules and aggregation rules as
 * the evaluator uses on raw samples, so a query gets identical per-series values (and partial
 * aggregates that combine to the same groups) without moving the samples. Thread-safe.
 */
public final class ShardRollups implements RollupEngine {
    /**
     * The step columns of the spec seen last: the shards of one query on this node get the same
     * spec instance, so they share the columns instead of each building its own.
     */
    private final AtomicReference<SharedColumns> last = new AtomicReference<>();

    private record SharedColumns(RollupSpec spec, StepColumns columns) {}

    @Override
    public Rollup start(RollupSpec spec) {
        SharedColumns shared = last.get();
        if (shared == null || shared.spec() != spec) {
            shared = new SharedColumns(spec, StepColumns.of(spec));
            last.set(shared);
        }
        return new SeriesRollup(spec, shared.columns());
    }
}
