package io.cairn.promql.engine;

/** The query ran past its deadline. The HTTP layer maps it to 503 with errorType "timeout". */
public final class QueryTimeoutException extends RuntimeException {
    public QueryTimeoutException(String message) {
        super(message);
    }
}
