package io.cairn.storage.api;

import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.util.List;

/**
 * A {@link SeriesSource} that can also evaluate a {@link RollupSpec} next to the data, so the
 * query receives per-step values (or per-group partial aggregates) instead of raw samples.
 * Implementations must be safe to call from any thread.
 */
public interface RollupSource extends SeriesSource {

    /**
     * The rollup of every matching series with samples in {@code [minTimeMs, maxTimeMs]}, as
     * partial results (one per shard, say) that the caller combines: rows of different parts
     * never describe the same series, but may describe the same aggregation group.
     *
     * @throws SeriesLimitExceededException when more series match than {@code maxSeries}
     */
    List<StepRows> rollup(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int maxSeries, RollupSpec spec);
}
