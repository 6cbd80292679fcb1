package io.cairn.shard.ingest;

import io.cairn.shard.handoff.Handoff;
import io.cairn.shard.handoff.HandoffResult;
import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReplicaClient;
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
 * Sends the row blocks of a request to every write replica the placement names and reports
 * when the request may be acknowledged (DESIGN.md §4). Used at the edge, where asking with a
 * timeout is the right tool.
 *
 * <p><b>Acknowledgement rule.</b> For every shard of the request, each write replica either
 * acknowledges the block from its WAL, or, when it does not answer in time, the block goes into
 * this node's hinted-handoff queue for that replica (durable per -fsync, replayed when the
 * replica answers again). A replica that answers "unavailable" (overloaded, starting) gets
 * nothing queued: the request is answered 503, which is the backpressure Prometheus expects.
 * The request is acknowledged when, for every shard,
 *
 * <ol>
 *   <li>every write replica holds the block or has it queued: no replica silently misses an
 *       acknowledged row; a queue over -handoff.maxBytesPerReplica refuses, and the request is
 *       answered 503 so that the client retries;
 *   <li>at least {@code min(-write.minReplicas, write replicas)} durable copies exist, where a
 *       copy is a replica WAL that acknowledged, and the handoff queue of this node counts as
 *       one copy when it took the block for any replica.
 * </ol>
 *
 * So every acknowledged row is on disk (fsynced per -fsync) in at least one place from which it
 * reaches every replica, and a crash of any single process loses none. With R=1 and the replica
 * unreachable the block waits in the handoff queue of the receiving node and the write is
 * acknowledged: this is Cairn's take on vminsert's rerouting, where the rows go to another
 * node's storage. Retried requests (after a 503 or a timeout) store rows twice, which replicas
 * collapse: one sample per series and timestamp.
 *
 * <p>Thread-safe.
 */
public final class IngestRouter {
    private final ReplicaClient replicas;
    private final Supplier<Placement> placement;
    private final Duration timeout;
    private final int minReplicas;
    private final Handoff handoff;
    private final InFlightWrites inFlight;

    /** One acknowledgement is enough and there is no hinted handoff (one-node use). */
    public IngestRouter(ClusterSharding sharding, Supplier<Placement> placement,
            Duration timeout) {
        this(ReplicaClient.sharding(sharding), placement, timeout, 1, Handoff.NONE);
    }

    /**
     * @param timeout how long a replica may take to acknowledge before its block is handed off
     * @param minReplicas -write.minReplicas
     */
    public IngestRouter(ReplicaClient replicas, Supplier<Placement> placement, Duration timeout,
            int minReplicas, Handoff handoff) {
        this(replicas, placement, timeout, minReplicas, handoff, new InFlightWrites());
    }

    /**
     * @param inFlight where this router counts the requests it is routing, by placement
     *     version (read by the node's placement reports)
     */
    public IngestRouter(ReplicaClient replicas, Supplier<Placement> placement, Duration timeout,
            int minReplicas, Handoff handoff, InFlightWrites inFlight) {
        if (minReplicas < 1) {
            throw new IllegalArgumentException("-write.minReplicas must be at least 1, got "
                    + minReplicas);
        }
        this.replicas = replicas;
        this.placement = placement;
        this.timeout = timeout;
        this.minReplicas = minReplicas;
        this.handoff = handoff;
        this.inFlight = inFlight;
    }

    /** How one replica ended up with one block. */
    private sealed interface Copy {}

    private record Stored() implements Copy {}

    private record Queued() implements Copy {}

    private record Lost(String why) implements Copy {}

    private record Bad(String why) implements Copy {}

    /**
     * Sends the blocks of {@code rows}; they are copied out before this returns, so the caller
     * may reuse {@code rows} right after (the outcome does not refer to it).
     */
    public CompletionStage<IngestOutcome> send(ShardedRows rows) {
        Placement p = placement.get();
        // Read before any replica list: every list this request uses is at least this new.
        long version = p.version();
        inFlight.begin(version);
        CompletionStage<IngestOutcome> result;
        try {
            result = route(p, rows);
        } catch (RuntimeException e) {
            inFlight.end(version);
            throw e;
        }
        return result.whenComplete((o, err) -> inFlight.end(version));
    }

    private CompletionStage<IngestOutcome> route(Placement p, ShardedRows rows) {
        if (p.shards() != rows.shards()) {
            throw new IllegalStateException("BUG: rows grouped for " + rows.shards()
                    + " shards, placement has " + p.shards());
        }
        List<CompletableFuture<IngestOutcome>> shards = new ArrayList<>();
        for (int shard = 0; shard < rows.shards(); shard++) {
            byte[] block = rows.blockFor(shard);
            if (block == null) {
                continue;
            }
            List<ReplicaId> targets = p.writeReplicas(shard);
            List<ReplicaId> away = p.unreachableWriteReplicas(shard);
            if (targets.isEmpty() && away.isEmpty()) {
                // Not ready yet, or every replica's node is unreachable: refuse, never drop.
                shards.add(CompletableFuture.completedFuture(new IngestOutcome.Unavailable(
                        "shard " + shard + " has no writable replica now; retry")));
                continue;
            }
            shards.add(sendShard(shard, block, targets, away));
        }
        long total = rows.rowCount();
        return CompletableFuture.allOf(shards.toArray(new CompletableFuture[0]))
                .thenApply(v -> worst(shards, total));
    }

    private CompletableFuture<IngestOutcome> sendShard(int shard, byte[] block,
            List<ReplicaId> targets, List<ReplicaId> away) {
        List<CompletableFuture<Copy>> copies = new ArrayList<>(targets.size() + away.size());
        for (ReplicaId replica : targets) {
            copies.add(insert(replica, block));
        }
        for (ReplicaId replica : away) {
            // Its node is unreachable: asking would only wait out the timeout.
            copies.add(handOff(replica, block, "replica " + replica + " is on an unreachable "
                    + "node"));
        }
        int replicas = targets.size() + away.size();
        return CompletableFuture.allOf(copies.toArray(new CompletableFuture[0]))
                .thenApply(v -> judge(shard, replicas, copies));
    }

    private CompletableFuture<Copy> handOff(ReplicaId replica, byte[] block, String why) {
        return handoff.enqueue(replica, block).toCompletableFuture().thenApply(h ->
                h instanceof HandoffResult.Queued ? (Copy) new Queued()
                        : new Lost(why + "; " + ((HandoffResult.Refused) h).message()));
    }

    /** The replica's WAL ack, or else the handoff queue's. */
    private CompletableFuture<Copy> insert(ReplicaId replica, byte[] block) {
        CompletableFuture<InsertResult> ack;
        try {
            ack = replicas.<InsertResult>ask(replica,
                    replyTo -> new ReplicaEntity.Insert(block, replyTo), timeout)
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            ack = CompletableFuture.failedFuture(e);
        }
        return ack.handle((r, err) -> r).thenCompose(r -> {
            if (r instanceof InsertResult.Durable) {
                return CompletableFuture.completedFuture((Copy) new Stored());
            }
            if (r instanceof InsertResult.Rejected rej) {
                return CompletableFuture.completedFuture((Copy) new Bad(rej.message()));
            }
            if (r instanceof InsertResult.Unavailable u) {
                // The replica is there and says "not now" (overloaded, starting): that is
                // backpressure for the client, not a reason to pile rows up in a queue it
                // would have to take later anyway, unreadable meanwhile.
                return CompletableFuture.completedFuture((Copy) new Lost(u.message()));
            }
            return handOff(replica, block, "replica " + replica + " did not confirm within "
                    + timeout.toMillis() + " ms");
        });
    }

    private IngestOutcome judge(int shard, int replicas, List<CompletableFuture<Copy>> copies) {
        int stored = 0;
        boolean queued = false;
        for (CompletableFuture<Copy> f : copies) {
            Copy c = f.getNow(null); // all completed: judge runs after allOf
            if (c instanceof Bad b) {
                return new IngestOutcome.Rejected(b.why());
            }
            if (c instanceof Lost l) {
                return new IngestOutcome.Unavailable(l.why());
            }
            if (c instanceof Stored) {
                stored++;
            } else {
                queued = true;
            }
        }
        int need = Math.min(minReplicas, replicas);
        int durable = stored + (queued ? 1 : 0);
        if (durable < need) {
            return new IngestOutcome.Unavailable("shard " + shard + ": " + stored + " of "
                    + replicas + " replicas stored the rows" + (queued
                    ? " (the others' copies are queued for hinted handoff)" : "")
                    + ", -write.minReplicas=" + minReplicas + " needs " + need
                    + " durable copies; retry");
        }
        return new IngestOutcome.Stored(0); // the request's row count is reported once
    }

    private static IngestOutcome worst(List<CompletableFuture<IngestOutcome>> shards,
            long rows) {
        IngestOutcome worst = new IngestOutcome.Stored(rows);
        for (CompletableFuture<IngestOutcome> f : shards) {
            IngestOutcome o = f.join();
            if (o instanceof IngestOutcome.Rejected) {
                return o;
            }
            if (o instanceof IngestOutcome.Unavailable) {
                worst = o;
            }
        }
        return worst;
    }
}
