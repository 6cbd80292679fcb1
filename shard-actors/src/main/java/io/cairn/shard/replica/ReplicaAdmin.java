package io.cairn.shard.replica;

import io.cairn.shard.placement.Placement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Operator actions applied to every replica the placement knows (the edge asks each with a
 * timeout and waits for all): forced flush and forced merge, as VictoriaMetrics'
 * /internal/force_flush and /internal/force_merge.
 */
public final class ReplicaAdmin {
    private final ClusterSharding sharding;
    private final Supplier<Placement> placement;
    private final Duration timeout;

    public ReplicaAdmin(ClusterSharding sharding, Supplier<Placement> placement,
            Duration timeout) {
        this.sharding = sharding;
        this.placement = placement;
        this.timeout = timeout;
    }

    public CompletionStage<Integer> forceFlush() {
        return all(ReplicaEntity.ForceFlush::new);
    }

    public CompletionStage<Integer> forceMerge() {
        return all(ReplicaEntity.ForceMerge::new);
    }

    /** @return completes with the number of replicas that answered, fails if one did not */
    private CompletionStage<Integer> all(
            Function<ActorRef<ReplicaEntity.Done>, ReplicaEntity.Command> message) {
        List<CompletableFuture<ReplicaEntity.Done>> answers = new ArrayList<>();
        for (ReplicaId id : placement.get().allReplicas()) {
            answers.add(sharding.entityRefFor(ReplicaEntity.TYPE_KEY, id.entityId())
                    .ask(message::apply, timeout).toCompletableFuture());
        }
        return CompletableFuture.allOf(answers.toArray(new CompletableFuture[0]))
                .thenApply(v -> answers.size());
    }
}
