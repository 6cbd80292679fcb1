package io.cairn.http.api;

import io.cairn.http.format.PromJson;
import io.cairn.promql.engine.Deadline;
import io.cairn.promql.engine.EngineOptions;
import io.cairn.promql.engine.PromQLEngine;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.promql.engine.QueryResult;
import io.cairn.promql.engine.QueryTimeoutException;
import io.cairn.promql.parser.ParseException;
import io.cairn.query.ShardsUnavailableException;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.model.Tenant;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range}: validates the parameters as Prometheus
 * does (same order, same messages, 400 {@code bad_data}), then evaluates on the query executor,
 * because the engine blocks on shard reads and must stay off the HTTP dispatcher.
 *
 * <p>Status codes as Prometheus: parse errors 400 {@code bad_data} ({@code invalid parameter
 * "query": 1:5: parse error: ...}); evaluation errors and exceeded limits 422
 * {@code execution} (limit messages name the flag to raise); timeouts 503 {@code timeout};
 * unreadable shards 503 {@code unavailable}; anything else 500 {@code internal}.
 *
 * <p>The time budget of a query is the {@code timeout} parameter capped by
 * -search.maxQueryDuration (the engine options' timeout), counted from the moment the request
 * is accepted, so time spent queued for a query thread counts. Thread-safe.
 */
public final class QueryApi {
    private static final Logger log = LoggerFactory.getLogger(QueryApi.class);

    private final SeriesSource source;
    private final EngineOptions options;
    private final PromQLEngine engine;
    private final Executor executor;
    private final LongSupplier clockMs;

    /**
     * @param executor runs the (blocking) evaluations: the query dispatcher
     * @param clockMs the wall clock, for the default {@code time} of instant queries
     */
    public QueryApi(SeriesSource source, EngineOptions options, Executor executor,
            LongSupplier clockMs) {
        this.source = source;
        this.options = options;
        this.engine = new PromQLEngine(source, options);
        this.executor = executor;
        this.clockMs = clockMs;
    }

    public CompletionStage<ApiResponse> instant(Tenant tenant, QueryParams p) {
        long time;
        Deadline deadline;
        PromQLEngine e;
        try {
            time = ApiParams.timeMs("time", p.time(), clockMs.getAsLong());
            deadline = deadline(p.timeout());
            e = engine(p.lookbackDelta());
        } catch (IllegalArgumentException ex) {
            return done(ApiResponse.badData(ex.getMessage()));
        }
        String query = p.query() == null ? "" : p.query();
        return run(() -> e.instantQuery(tenant, query, time, deadline));
    }

    public CompletionStage<ApiResponse> range(Tenant tenant, QueryParams p) {
        long start;
        long end;
        long step;
        Deadline deadline;
        PromQLEngine e;
        try {
            start = requiredTime("start", p.start());
            end = requiredTime("end", p.end());
            if (end < start) {
                throw new IllegalArgumentException("invalid parameter \"end\": end timestamp must "
                        + "not be before start time");
            }
            step = ApiDurations.millis("step", p.step());
            if (step <= 0) {
                throw new IllegalArgumentException("invalid parameter \"step\": zero or negative "
                        + "query resolution step widths are not accepted. Try a positive integer");
            }
            // end - start may not fit a signed long (start and end near the extremes), but it
            // is never negative here, so unsigned division gives the true quotient.
            if (Long.compareUnsigned(Long.divideUnsigned(end - start, step),
                    options.maxPointsPerTimeseries()) >= 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "exceeded maximum resolution of %,d points per timeseries. Try decreasing "
                                + "the query resolution (?step=XX) or raise "
                                + "-search.maxPointsPerTimeseries",
                        options.maxPointsPerTimeseries()));
            }
            deadline = deadline(p.timeout());
            e = engine(p.lookbackDelta());
        } catch (IllegalArgumentException ex) {
            return done(ApiResponse.badData(ex.getMessage()));
        }
        String query = p.query() == null ? "" : p.query();
        long s = start;
        long en = end;
        long st = step;
        return run(() -> e.rangeQuery(tenant, query, s, en, st, deadline));
    }

    /** Maps an evaluation failure to the Prometheus error response. */
    static ApiResponse error(Throwable e) {
        if (e instanceof ParseException) {
            return ApiResponse.badData("invalid parameter \"query\": " + e.getMessage());
        }
        if (e instanceof QueryTimeoutException) {
            return ApiResponse.error(503, PromJson.TIMEOUT, e.getMessage());
        }
        if (e instanceof ShardsUnavailableException) {
            return ApiResponse.unavailable(e.getMessage());
        }
        if (e instanceof QueryExecutionException || e instanceof SeriesLimitExceededException
                || e instanceof IllegalArgumentException) {
            return ApiResponse.error(422, PromJson.EXECUTION, e.getMessage());
        }
        if (e instanceof StackOverflowError) {
            return ApiResponse.error(422, PromJson.EXECUTION,
                    "the query is nested too deeply to evaluate");
        }
        log.error("query failed unexpectedly", e);
        return ApiResponse.error(500, PromJson.INTERNAL, String.valueOf(e));
    }

    private CompletionStage<ApiResponse> run(Supplier<QueryResult> query) {
        try {
            return CompletableFuture.supplyAsync(() -> evaluate(query), executor);
        } catch (RejectedExecutionException e) {
            return done(ApiResponse.unavailable("too many concurrent queries: " + e.getMessage()));
        }
    }

    private static ApiResponse evaluate(Supplier<QueryResult> query) {
        try {
            return new ApiResponse(200, ApiResponse.JSON, QueryJson.success(query.get()));
        } catch (RuntimeException | StackOverflowError e) {
            return error(e);
        }
    }

    /** The {@code timeout} parameter capped by -search.maxQueryDuration. */
    private Deadline deadline(String timeout) {
        Duration max = options.timeout();
        if (timeout == null || timeout.isEmpty()) {
            return Deadline.after(max);
        }
        long ms = ApiDurations.millis("timeout", timeout);
        return Deadline.after(ms < max.toMillis() ? Duration.ofMillis(Math.max(0, ms)) : max);
    }

    /** The engine, or one with another lookback when {@code lookback_delta} is positive. */
    private PromQLEngine engine(String lookbackDelta) {
        if (lookbackDelta == null || lookbackDelta.isEmpty()) {
            return engine;
        }
        long ms = ApiDurations.millis("lookback_delta", lookbackDelta);
        return ms <= 0 || ms == options.lookbackDeltaMs()
                ? engine : new PromQLEngine(source, options.withLookbackDeltaMs(ms));
    }

    /** start and end of a range query have no default: absent is unparseable, as Prometheus. */
    private static long requiredTime(String name, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("invalid parameter \"" + name
                    + "\": cannot parse \"\" to a valid timestamp");
        }
        return ApiParams.timeMs(name, text, 0);
    }

    private static CompletionStage<ApiResponse> done(ApiResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
