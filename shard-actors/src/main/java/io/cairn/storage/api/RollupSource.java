package io.cairn.storage.api;

import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * {@link #rollup}, with each part handed to {@code eachPart} as soon as it is complete
     * instead of all of them at the end, so that the caller can fold them in while other parts
     * are still being computed. The calls never overlap, may come from other threads, and all
     * happen before this method returns. {@code eachPart} must not throw; when it does anyway,
     * this method rethrows that after the other parts are done (and stops handing parts over).
     *
     * @throws SeriesLimitExceededException when more series match than {@code maxSeries} (some
     *     parts may have been handed over by then)
     */
    default void rollupInto(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int maxSeries, RollupSpec spec, Consumer<StepRows> eachPart) {
        for (StepRows part : rollup(tenant, matchers, minTimeMs, maxTimeMs, maxSeries, spec)) {
            eachPart.accept(part);
        }
    }
}
