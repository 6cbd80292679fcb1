package io.cairn.promql.eval;

import io.cairn.storage.api.RollupEngine;
import io.cairn.storage.api.RollupSpec;

/**
 * The PromQL engine's side of rollups computed next to the data: each node's shard replicas
 * evaluate a {@link RollupSpec} with the same kernels, window rules and aggregation rules as
 * the evaluator uses on raw samples, so a query gets identical per-series values (and partial
 * aggregates that combine to the same groups) without moving the samples. Thread-safe.
 */
public final class ShardRollups implements RollupEngine {

    @Override
    public Rollup start(RollupSpec spec) {
        return new SeriesRollup(spec);
    }
}
