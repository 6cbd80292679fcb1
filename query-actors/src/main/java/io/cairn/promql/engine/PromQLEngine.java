package io.cairn.promql.engine;

import io.cairn.promql.ast.Expr;
import io.cairn.promql.eval.EvalContext;
import io.cairn.promql.eval.EvalGrid;
import io.cairn.promql.eval.EvalValue;
import io.cairn.promql.eval.Evaluator;
import io.cairn.promql.parser.ParseException;
import io.cairn.promql.parser.PromQLParser;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.model.Tenant;

/**
 * The PromQL engine: parses a query, evaluates it vectorised over all steps against a
 * {@link SeriesSource}, and shapes the result as the Prometheus API does.
 *
 * <p>Errors: {@link ParseException} (HTTP 400 bad_data), {@link QueryExecutionException} and its
 * {@link QueryLimitExceededException} (422 execution), {@link QueryTimeoutException} (503).
 *
 * <p>Thread-safe: the engine holds no per-query state; each call evaluates on the caller's
 * thread with its own evaluator.
 */
public final class PromQLEngine {
    private final SeriesSource source;
    private final EngineOptions options;

    public PromQLEngine(SeriesSource source, EngineOptions options) {
        this.source = source;
        this.options = options;
    }

    public EngineOptions options() {
        return options;
    }

    /** An instant query at {@code timeMs} with the default timeout. */
    public QueryResult instantQuery(Tenant tenant, String query, long timeMs) {
        return instantQuery(tenant, query, timeMs, Deadline.after(options.timeout()));
    }

    /** An instant query at {@code timeMs} (epoch ms). */
    public QueryResult instantQuery(Tenant tenant, String query, long timeMs, Deadline deadline) {
        Expr expr = PromQLParser.parse(query);
        EvalContext ctx = new EvalContext(source, tenant, options, deadline, timeMs, timeMs, 0, query);
        EvalValue v = run(ctx, expr, EvalGrid.single(timeMs));
        return new QueryResult(ResultShaper.instant(v, timeMs), ctx.annotations.warnings(), ctx.annotations.infos());
    }

    /** A range query with the default timeout. */
    public QueryResult rangeQuery(Tenant tenant, String query, long startMs, long endMs, long stepMs) {
        return rangeQuery(tenant, query, startMs, endMs, stepMs, Deadline.after(options.timeout()));
    }

    /**
     * A range query over {@code [startMs, endMs]} every {@code stepMs} (all epoch ms).
     *
     * @throws IllegalArgumentException when the step is not positive or end is before start
     */
    public QueryResult rangeQuery(Tenant tenant, String query, long startMs, long endMs, long stepMs,
            Deadline deadline) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("zero or negative query resolution step widths are not "
                    + "accepted. Try a positive integer");
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException("end timestamp must not be before start time");
        }
        long points = (endMs - startMs) / stepMs + 1;
        if (points > options.maxPointsPerTimeseries()) {
            throw new QueryLimitExceededException("exceeded maximum resolution of "
                    + options.maxPointsPerTimeseries() + " points per timeseries; increase the step "
                    + "or raise -search.maxPointsPerTimeseries");
        }
        Expr expr = PromQLParser.parse(query);
        String type = expr.type().displayName();
        if (!type.equals("scalar") && !type.equals("instant vector")) {
            throw new ParseException(query, expr.pos(), "invalid expression type \"" + type
                    + "\" for range query, must be Scalar or instant Vector");
        }
        EvalContext ctx = new EvalContext(source, tenant, options, deadline, startMs, endMs, stepMs, query);
        EvalGrid grid = new EvalGrid(startMs, stepMs, (int) points);
        EvalValue v = run(ctx, expr, grid);
        return new QueryResult(ResultShaper.range(v, grid), ctx.annotations.warnings(), ctx.annotations.infos());
    }

    private static EvalValue run(EvalContext ctx, Expr expr, EvalGrid grid) {
        try {
            return new Evaluator(ctx).eval(expr, grid);
        } catch (SeriesLimitExceededException e) {
            throw new QueryLimitExceededException(e.getMessage());
        }
    }
}
