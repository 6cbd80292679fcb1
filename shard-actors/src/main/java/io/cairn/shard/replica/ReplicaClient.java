package io.cairn.shard.replica;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * How the edge (ingest router, shard reads, hinted handoff) reaches a replica entity by its id.
 * In a node that is Pekko Cluster Sharding, wherever the replica lives; tests substitute
 * directly spawned entities so that one can be stopped and its silence observed.
 *
 * <p>Implementations are thread-safe.
 */
public interface ReplicaClient {

    /** The replica's mailbox, for {@code ActorContext.ask} inside actors. */
    RecipientRef<ReplicaEntity.Command> ref(ReplicaId id);

    /**
     * Asks the replica, at the edge. The stage fails with a {@code TimeoutException} when no
     * answer comes within {@code timeout}.
     */
    <T> CompletionStage<T> ask(ReplicaId id, Function<ActorRef<T>, ReplicaEntity.Command> message,
            Duration timeout);

    /** The replicas as Pekko sharding entities of {@link ReplicaEntity#TYPE_KEY}. */
    static ReplicaClient sharding(ClusterSharding sharding) {
        return new ReplicaClient() {
            @Override
            public RecipientRef<ReplicaEntity.Command> ref(ReplicaId id) {
                return sharding.entityRefFor(ReplicaEntity.TYPE_KEY, id.entityId());
            }

            @Override
            public <T> CompletionStage<T> ask(ReplicaId id,
                    Function<ActorRef<T>, ReplicaEntity.Command> message, Duration timeout) {
                return sharding.entityRefFor(ReplicaEntity.TYPE_KEY, id.entityId())
                        .ask(message::apply, timeout);
            }
        };
    }

    /** Replicas found by {@code refs} (e.g. spawned directly in a test), asked on {@code scheduler}. */
    static ReplicaClient of(Function<ReplicaId, RecipientRef<ReplicaEntity.Command>> refs,
            Scheduler scheduler) {
        return new ReplicaClient() {
            @Override
            public RecipientRef<ReplicaEntity.Command> ref(ReplicaId id) {
                return refs.apply(id);
            }

            @Override
            public <T> CompletionStage<T> ask(ReplicaId id,
                    Function<ActorRef<T>, ReplicaEntity.Command> message, Duration timeout) {
                return AskPattern.ask(refs.apply(id), message::apply, timeout, scheduler);
            }
        };
    }
}
