package io.cairn.http.api;

import io.cairn.query.ShardReads;
import java.util.List;

/**
 * How the metadata endpoints (series, labels, label values, tsdb status) answer when some
 * shards could not be read (DESIGN.md §6), as VictoriaMetrics does: the data of the shards that
 * answered, {@code "isPartial":true} and a warning naming the missing shards; or, when partial
 * answers are denied (-search.denyPartialResponse, {@code deny_partial_response=1}), 503
 * {@code unavailable} naming them. Stateless.
 */
final class PartialAnswers {
    private static final String SUCCESS = "{\"status\":\"success\",";

    private PartialAnswers() {}

    /** The 503 for a denied partial answer, or null when the answer may be given. */
    static ApiResponse refusal(List<String> unavailableShards, boolean denied) {
        if (unavailableShards.isEmpty() || !denied) {
            return null;
        }
        return ApiResponse.unavailable("cannot read all shards, and partial responses are "
                + "denied: " + String.join("; ", unavailableShards));
    }

    static ApiResponse refusal(ShardReads.Gathered g, boolean denied) {
        return refusal(g.unavailableShards(), denied);
    }

    /** The warning that goes with a partial answer; empty when complete. */
    static List<String> warnings(List<String> unavailableShards) {
        return unavailableShards.isEmpty() ? List.of() : List.of("partial response: some shards "
                + "could not be read, the result may miss data: "
                + String.join("; ", unavailableShards));
    }

    /** A success body flagged {@code "isPartial":true} right after its status when partial. */
    static String flag(String successJson, boolean partial) {
        if (!partial) {
            return successJson;
        }
        if (!successJson.startsWith(SUCCESS)) {
            throw new IllegalStateException("BUG: not a success body: " + successJson);
        }
        return SUCCESS + "\"isPartial\":true," + successJson.substring(SUCCESS.length());
    }
}
