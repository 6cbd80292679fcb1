package io.cairn.promql.engine;

/**
 * The query parsed but cannot be evaluated (for example many-to-many matching, duplicate
 * output series, a bad argument value). The HTTP layer maps it to 422 with errorType
 * "execution". The message is the user-facing error text, in Prometheus's wording.
 */
public class QueryExecutionException extends RuntimeException {
    public QueryExecutionException(String message) {
        super(message);
    }

    public QueryExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
