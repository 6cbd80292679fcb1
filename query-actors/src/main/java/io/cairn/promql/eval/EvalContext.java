package io.cairn.promql.eval;

import io.cairn.promql.engine.Deadline;
import io.cairn.promql.engine.EngineOptions;
import io.cairn.promql.engine.QueryLimitExceededException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.model.Tenant;

/**
 * Everything one query evaluation shares: where data comes from, the query's time frame, its
 * limits and the annotations it collects. Single-threaded: owned by the evaluating thread.
 *
 * @param queryStartMs start of the query (the eval time of an instant query)
 * @param queryEndMs end of the query (equal to start for instant queries)
 * @param queryStepMs step of a range query, 0 for an instant query
 */
public final class EvalContext {
    public final SeriesSource source;
    public final Tenant tenant;
    public final EngineOptions options;
    public final Deadline deadline;
    public final long queryStartMs;
    public final long queryEndMs;
    public final long queryStepMs;
    public final Annotations annotations;
    private long samples;

    public EvalContext(SeriesSource source, Tenant tenant, EngineOptions options, Deadline deadline,
            long queryStartMs, long queryEndMs, long queryStepMs, String query) {
        this.source = source;
        this.tenant = tenant;
        this.options = options;
        this.deadline = deadline;
        this.queryStartMs = queryStartMs;
        this.queryEndMs = queryEndMs;
        this.queryStepMs = queryStepMs;
        this.annotations = new Annotations(query);
    }

    /** Range of the query (end - start) as {@code range()} sees it. */
    public long queryRangeMs() {
        return queryEndMs - queryStartMs;
    }

    /**
     * Accounts raw samples loaded from storage.
     *
     * @throws QueryLimitExceededException past -search.maxSamplesPerQuery
     */
    public void addSamples(long n) {
        samples += n;
        if (samples > options.maxSamplesPerQuery()) {
            throw new QueryLimitExceededException("query processing would load too many samples "
                    + "into memory in query execution: more than " + options.maxSamplesPerQuery()
                    + " samples; narrow the query or raise -search.maxSamplesPerQuery");
        }
    }

    public long samplesLoaded() {
        return samples;
    }
}
