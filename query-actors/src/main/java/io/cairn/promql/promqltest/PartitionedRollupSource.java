package io.cairn.promql.promqltest;

import io.cairn.promql.eval.ShardRollups;
import io.cairn.storage.api.RollupEngine;
import io.cairn.storage.api.RollupSource;
import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RollupSource} over any {@link SeriesSource}, computing rollups as a cluster's
 * shards would: the matching series are dealt round-robin to {@code partitions} stand-in
 * shards, each rolled up on its own with {@link ShardRollups}, so that the evaluator's
 * combining of partial results is exercised exactly as in production. Thread-safe when the
 * wrapped source is.
 */
public final class PartitionedRollupSource implements RollupSource {
    private final SeriesSource source;
    private final int partitions;
    private final RollupEngine engine = new ShardRollups();

    public PartitionedRollupSource(SeriesSource source, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.source = source;
        this.partitions = partitions;
    }

    @Override
    public List<SeriesData> select(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int maxSeries) {
        return source.select(tenant, matchers, minTimeMs, maxTimeMs, maxSeries);
    }

    @Override
    public List<StepRows> rollup(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int maxSeries, RollupSpec spec) {
        List<SeriesData> all = source.select(tenant, matchers, minTimeMs, maxTimeMs, maxSeries);
        List<StepRows> out = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            RollupEngine.Rollup rollup = engine.start(spec);
            for (int i = p; i < all.size(); i += partitions) {
                SeriesData s = all.get(i);
                rollup.accept(s.labels(), s.timestamps(), s.values(), s.count());
            }
            out.add(rollup.finish());
        }
        return out;
    }
}
