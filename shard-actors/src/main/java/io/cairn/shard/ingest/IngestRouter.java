package io.cairn.shard.ingest;

import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Sends the row blocks of a request to the replicas the placement names and reports when they
 * are durable. Used at the HTTP edge, where asking with a timeout is the right tool.
 *
 * <p>Thread-safe.
 */
public final class IngestRouter {
    private final ClusterSharding sharding;
    private final Supplier<Placement> placement;
    private final Duration timeout;

    public IngestRouter(ClusterSharding sharding, Supplier<Placement> placement,
            Duration timeout) {
        this.sharding = sharding;
        this.placement = placement;
        this.timeout = timeout;
    }

    public CompletionStage<IngestOutcome> send(ShardedRows rows) {
        Placement p = placement.get();
        if (p.shards() != rows.shards()) {
            throw new IllegalStateException("BUG: rows grouped for " + rows.shards()
                    + " shards, placement has " + p.shards());
        }
        List<CompletableFuture<InsertResult>> acks = new ArrayList<>();
        for (int shard = 0; shard < rows.shards(); shard++) {
            byte[] block = rows.blockFor(shard);
            if (block == null) {
                continue;
            }
            List<ReplicaId> replicas = p.writeReplicas(shard);
            if (replicas.isEmpty()) {
                // Not ready yet, or every replica's node is unreachable: refuse, never drop.
                acks.add(CompletableFuture.completedFuture(new InsertResult.Unavailable(
                        "shard " + shard + " has no writable replica now; retry")));
            }
            for (ReplicaId replica : replicas) {
                EntityRef<ReplicaEntity.Command> ref =
                        sharding.entityRefFor(ReplicaEntity.TYPE_KEY, replica.entityId());
                acks.add(ref.<InsertResult>ask(
                        replyTo -> new ReplicaEntity.Insert(block, replyTo), timeout)
                        .toCompletableFuture()
                        .exceptionally(err -> new InsertResult.Unavailable("replica " + replica
                                + " did not confirm within " + timeout.toMillis() + " ms")));
            }
        }
        long total = rows.rowCount();
        return CompletableFuture.allOf(acks.toArray(new CompletableFuture[0]))
                .thenApply(v -> outcome(acks, total));
    }

    private static IngestOutcome outcome(List<CompletableFuture<InsertResult>> acks, long rows) {
        IngestOutcome worst = new IngestOutcome.Stored(rows);
        for (CompletableFuture<InsertResult> f : acks) {
            InsertResult r = f.getNow(null);
            if (r instanceof InsertResult.Rejected rej) {
                return new IngestOutcome.Rejected(rej.message());
            }
            if (r instanceof InsertResult.Unavailable u) {
                worst = new IngestOutcome.Unavailable(u.message());
            }
        }
        return worst;
    }
}
