package io.cairn.it.harness;

import java.nio.charset.StandardCharsets;

/**
 * Status code and body of one HTTP exchange. The body array is owned by this record; callers
 * must not modify it.
 */
public record HttpResult(int status, byte[] body) {
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Throws an IllegalStateException naming {@code what}, the status and the body unless 2xx. */
    public HttpResult requireSuccess(String what) {
        if (!isSuccess()) {
            String text = text();
            throw new IllegalStateException(what + " failed with HTTP " + status + ": "
                    + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text));
        }
        return this;
    }

    @Override
    public String toString() {
        return "HttpResult[" + status + ", " + body.length + " bytes]";
    }
}
