package io.cairn.query;

import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Fans a read out to one replica of every shard (the placement's preferred readable one) and
 * gathers the answers. A shard whose replica fails or does not answer in time is reported in
 * {@link Gathered#unavailableShards}, so callers can answer partially or refuse.
 *
 * <p>Thread-safe; used at the edge (HTTP routes, the query engine's SeriesSource).
 */
public final class ShardReads {
    private final ClusterSharding sharding;
    private final Supplier<Placement> placement;
    private final Duration timeout;

    public ShardReads(ClusterSharding sharding, Supplier<Placement> placement, Duration timeout) {
        this.sharding = sharding;
        this.placement = placement;
        this.timeout = timeout;
    }

    /**
     * The answers of all shards that answered.
     *
     * @param results one per shard that answered, in shard order
     * @param unavailableShards shards without an answer, with the reason
     * @param limitError set when a shard refused because a limit was exceeded: a client error
     */
    public record Gathered(List<ReadResult> results, List<String> unavailableShards,
            String limitError) {}

    public CompletionStage<Gathered> gather(ReadRequest request) {
        Placement p = placement.get();
        List<CompletableFuture<ReadResult>> answers = new ArrayList<>(p.shards());
        for (int shard = 0; shard < p.shards(); shard++) {
            List<ReplicaId> replicas = p.readReplicas(shard);
            if (replicas.isEmpty()) {
                answers.add(CompletableFuture.completedFuture(new ReadResult.Failed(
                        "shard " + shard + " has no readable replica", false)));
                continue;
            }
            ReplicaId replica = replicas.get(0);
            answers.add(sharding.entityRefFor(ReplicaEntity.TYPE_KEY, replica.entityId())
                    .<ReadResult>ask(replyTo -> new ReplicaEntity.Read(request, replyTo), timeout)
                    .toCompletableFuture()
                    .exceptionally(err -> new ReadResult.Failed("replica " + replica
                            + " did not answer within " + timeout.toMillis() + " ms", false)));
        }
        return CompletableFuture.allOf(answers.toArray(new CompletableFuture[0]))
                .thenApply(v -> collect(answers));
    }

    private static Gathered collect(List<CompletableFuture<ReadResult>> answers) {
        List<ReadResult> ok = new ArrayList<>(answers.size());
        List<String> unavailable = new ArrayList<>();
        String limitError = null;
        for (CompletableFuture<ReadResult> f : answers) {
            ReadResult r = f.getNow(null);
            if (r instanceof ReadResult.Failed failed) {
                if (failed.limitExceeded()) {
                    limitError = failed.message();
                } else {
                    unavailable.add(failed.message());
                }
            } else {
                ok.add(r);
            }
        }
        return new Gathered(ok, unavailable, limitError);
    }
}
