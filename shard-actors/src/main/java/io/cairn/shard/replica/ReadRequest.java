package io.cairn.shard.replica;

import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.util.List;

/** A read a replica answers from its store; all time bounds are closed, in ms. */
public sealed interface ReadRequest extends io.cairn.shard.serialization.CairnMessage {
    Tenant tenant();

    /** Raw samples of matching series (queries, export, federate). */
    record Samples(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs,
            int maxSeries) implements ReadRequest {}

    /**
     * A rollup of matching series computed next to the data (queries): per-step values, or
     * per-group partial aggregates, instead of raw samples.
     */
    record Rollup(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs,
            int maxSeries, RollupSpec spec) implements ReadRequest {}

    /** Label sets of matching series (/api/v1/series). */
    record SeriesLabels(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int limit) implements ReadRequest {}

    /** Label names (/api/v1/labels). */
    record LabelNames(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int limit) implements ReadRequest {}

    /** Values of one label (/api/v1/label/name/values). */
    record LabelValues(Tenant tenant, String name, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int limit) implements ReadRequest {}

    /**
     * Cardinality statistics of the tenant's series active in the range, each top list cut to
     * {@code topN} (/api/v1/status/tsdb).
     */
    record Cardinality(Tenant tenant, long minTimeMs, long maxTimeMs, int topN)
            implements ReadRequest {}
}
