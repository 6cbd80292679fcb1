package io.cairn.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one request learned about missing shards (DESIGN.md §6): each read that could not
 * reach every shard records its reasons here; the request answers with
 * {@code "isPartial": true} and a warning, or, when partial answers are denied
 * (-search.denyPartialResponse, {@code deny_partial_response=1}), the read fails at once with
 * {@link ShardsUnavailableException}.
 *
 * <p>One per request. Thread-safe: a query may read from several threads.
 */
public final class PartialResponse {
    private final boolean denied;
    private final Set<String> missing = new LinkedHashSet<>();

    private PartialResponse(boolean denied) {
        this.denied = denied;
    }

    /** A partial answer is acceptable and will be flagged. */
    public static PartialResponse allowed() {
        return new PartialResponse(false);
    }

    /** Every shard must answer; a missing one fails the request. */
    public static PartialResponse denied() {
        return new PartialResponse(true);
    }

    public static PartialResponse of(boolean deny) {
        return deny ? denied() : allowed();
    }

    public boolean isDenied() {
        return denied;
    }

    /**
     * Records the shards a read could not complete.
     *
     * @throws ShardsUnavailableException when partial answers are denied and some are missing
     */
    public void record(List<String> unavailableShards) {
        if (unavailableShards.isEmpty()) {
            return;
        }
        if (denied) {
            throw ShardsUnavailableException.denied(unavailableShards);
        }
        synchronized (missing) {
            missing.addAll(unavailableShards);
        }
    }

    public boolean isPartial() {
        synchronized (missing) {
            return !missing.isEmpty();
        }
    }

    /** Reasons recorded so far, one per missing shard and read. */
    public List<String> missingShards() {
        synchronized (missing) {
            return List.copyOf(missing);
        }
    }

    /** The warning to show with a partial answer, or an empty list. */
    public List<String> warnings() {
        synchronized (missing) {
            if (missing.isEmpty()) {
                return List.of();
            }
            return List.of("partial response: some shards could not be read, the result may "
                    + "miss data: " + String.join("; ", new ArrayList<>(missing)));
        }
    }
}
