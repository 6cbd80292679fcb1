package io.cairn.http.api;

import io.cairn.http.format.PromJson;

/**
 * A transport-neutral HTTP answer: status, content type and body. The routes turn it into a
 * Pekko HTTP response; keeping the API classes free of Pekko types keeps them unit-testable.
 */
public record ApiResponse(int status, String contentType, byte[] body) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public static ApiResponse noContent() {
        return new ApiResponse(204, TEXT, new byte[0]);
    }

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, JSON, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The Prometheus error shape: {"status":"error","errorType":...,"error":...}. */
    public static ApiResponse error(int status, String errorType, String message) {
        return json(status, PromJson.error(errorType, message));
    }

    public static ApiResponse badData(String message) {
        return error(400, PromJson.BAD_DATA, message);
    }

    public static ApiResponse unavailable(String message) {
        return error(503, PromJson.UNAVAILABLE, message);
    }
}
