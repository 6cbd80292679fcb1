package io.cairn.storage.api;

import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.util.List;

/**
 * The storage contract the query engine sees (DESIGN.md §6): the series of one tenant that
 * match all matchers and have samples in a closed time range. The PromQL engine knows nothing
 * else of storage; the one-node implementation reads the local shard stores, the cluster one
 * fans out along the placement.
 *
 * <p>Implementations must be safe to call from any thread.
 */
public interface SeriesSource {

    /**
     * Samples of every matching series with {@code minTimeMs <= t <= maxTimeMs}, sorted by
     * timestamp, one sample per timestamp, staleness markers included as stored. Series with no
     * sample in the range may be omitted.
     *
     * @throws SeriesLimitExceededException when more series match than {@code maxSeries}
     */
    List<SeriesData> select(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int maxSeries);
}
