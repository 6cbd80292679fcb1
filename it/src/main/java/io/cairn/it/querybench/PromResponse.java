package io.cairn.it.querybench;

import java.util.List;

/**
 * A whole Prometheus query API answer: {@code status}, on success the decoded {@code data}, on
 * failure {@code errorType} and {@code error}, and any {@code warnings}. The HTTP status is
 * kept because servers differ in which 4xx/5xx they use for the same failure.
 */
public record PromResponse(int httpStatus, boolean success, PromResult result, String errorType,
                           String error, List<String> warnings) {
    public PromResponse {
        warnings = List.copyOf(warnings);
        if (success && result == null) {
            throw new IllegalArgumentException("BUG: a successful answer needs a result");
        }
    }

    /** One line for messages: the result's shape, or the error. */
    public String summary() {
        if (!success) {
            return "error (HTTP " + httpStatus + ", " + errorType + "): " + error;
        }
        return result.type().apiName() + " with " + result.series().size() + " series, "
                + result.pointCount() + " points";
    }
}
