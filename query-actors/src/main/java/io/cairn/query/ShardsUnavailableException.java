package io.cairn.query;

import java.util.List;

/** Some shards could not be read, and a partial answer is not acceptable (HTTP 503). */
public final class ShardsUnavailableException extends RuntimeException {
    public ShardsUnavailableException(List<String> reasons) {
        super("cannot read all shards: " + String.join("; ", reasons));
    }

    private ShardsUnavailableException(String message) {
        super(message);
    }

    /** The request (or node) denied partial answers, and these shards are missing. */
    public static ShardsUnavailableException denied(List<String> reasons) {
        return new ShardsUnavailableException("cannot read all shards, and partial responses "
                + "are denied: " + String.join("; ", reasons));
    }
}
