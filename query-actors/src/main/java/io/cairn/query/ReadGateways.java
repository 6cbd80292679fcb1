package io.cairn.query;

import io.cairn.shard.replica.ReadGateway;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * How {@link ShardReads} sends one batch of replica reads to one node. Thread-safe; used at the
 * edge (asks with a timeout are fine here, never inside an actor).
 */
public interface ReadGateways {

    /**
     * Reads {@code request} from {@code replicas}, all placed on node {@code nodeId}.
     *
     * @param replicaTimeout what each replica gets on its node
     * @param timeout how long to wait for the whole batch; at least {@code replicaTimeout}
     * @return one answer per replica, in order; fails (e.g. with a {@code TimeoutException}) only
     *     when the node's gateway gave no answer at all
     */
    CompletionStage<ReadGateway.BatchAnswer> read(String nodeId, ReadRequest request,
            List<ReplicaId> replicas, Duration replicaTimeout, Duration timeout);

    /**
     * The {@link ReadGateway} actors of the nodes, found by {@code gateway} (null for a node
     * that is not a member now, which fails the batch at once).
     */
    static ReadGateways actors(Function<String, RecipientRef<ReadGateway.Command>> gateway,
            Scheduler scheduler) {
        return (nodeId, request, replicas, replicaTimeout, timeout) -> {
            RecipientRef<ReadGateway.Command> ref = gateway.apply(nodeId);
            if (ref == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("node "
                        + nodeId + " is not a member"));
            }
            return AskPattern.ask(ref, (org.apache.pekko.actor.typed.ActorRef<
                            ReadGateway.BatchAnswer> replyTo) -> new ReadGateway.ReadBatch(
                            request, replicas, replicaTimeout.toMillis(), replyTo),
                    timeout, scheduler);
        };
    }

    /**
     * No gateway: every replica of a batch is asked from here through {@code replicas}. For
     * callers without gateway actors (tests of the layers above); same answers, more messages.
     */
    static ReadGateways direct(ReplicaClient replicas) {
        return (nodeId, request, ids, replicaTimeout, timeout) -> {
            List<CompletableFuture<ReadResult>> asks = new ArrayList<>(ids.size());
            for (ReplicaId id : ids) {
                CompletableFuture<ReadResult> answer;
                try {
                    answer = replicas.<ReadResult>ask(id,
                            replyTo -> new ReplicaEntity.Read(request, replyTo), replicaTimeout)
                            .toCompletableFuture();
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                asks.add(answer.exceptionally(err -> new ReadResult.Failed(
                        ReadGateway.describe(err, replicaTimeout), false)));
            }
            return CompletableFuture.allOf(asks.toArray(new CompletableFuture[0])).thenApply(v -> {
                List<ReadGateway.ReplicaAnswer> out = new ArrayList<>(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    out.add(new ReadGateway.ReplicaAnswer(ids.get(i), asks.get(i).join()));
                }
                return new ReadGateway.BatchAnswer(out);
            });
        };
    }
}
