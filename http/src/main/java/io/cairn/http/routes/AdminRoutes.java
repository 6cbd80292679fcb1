package io.cairn.http.routes;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.cairn.http.api.ApiResponse;
import io.cairn.shard.replica.ReplicaAdmin;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Operator endpoints with VictoriaMetrics' paths: {@code /internal/force_flush} turns every
 * replica's head into parts, {@code /internal/force_merge} then merges each day down to one
 * part. Both answer 200 when every replica is done, 503 otherwise.
 */
public final class AdminRoutes {
    private final ReplicaAdmin admin;

    public AdminRoutes(ReplicaAdmin admin) {
        this.admin = admin;
    }

    public Route route() {
        return pathPrefix("internal", () -> concat(
                path("force_flush", () -> run("flushed", admin::forceFlush)),
                path("force_merge", () -> run("merged", admin::forceMerge))));
    }

    private static Route run(String what, Supplier<CompletionStage<Integer>> action) {
        return CairnRoutes.respond(action.get().handle((n, err) -> err == null
                ? new ApiResponse(200, ApiResponse.TEXT,
                        (what + " " + n + " replicas\n").getBytes(
                                java.nio.charset.StandardCharsets.UTF_8))
                : ApiResponse.unavailable("not every replica " + what + ": " + err.getMessage())));
    }
}
