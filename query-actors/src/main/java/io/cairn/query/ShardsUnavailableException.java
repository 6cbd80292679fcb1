package io.cairn.query;

import java.util.List;

/** Some shards could not be read, and a partial answer is not acceptable (HTTP 503). */
public final class ShardsUnavailableException extends RuntimeException {
    public ShardsUnavailableException(List<String> reasons) {
        super("cannot read all shards: " + String.join("; ", reasons));
    }
}
