package io.cairn.promql.engine;

/**
 * A query would exceed one of the configured limits (samples, series, points). The message
 * names the flag that raises the limit. Mapped to 422 like any execution error.
 */
public final class QueryLimitExceededException extends QueryExecutionException {
    public QueryLimitExceededException(String message) {
        super(message);
    }
}
