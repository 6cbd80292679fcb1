package io.cairn.shard.replica;

import io.cairn.shard.placement.Placement;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * Registers the replica entity type with Pekko Cluster Sharding. Each replica entity is its own
 * Pekko shard (shard id = entity id): placement decides where every replica lives, and Pekko
 * must move nothing on its own (the cluster issue drives it with ExternalShardAllocation).
 */
public final class ReplicaSharding {
    private ReplicaSharding() {}

    public static ActorRef<ShardingEnvelope<ReplicaEntity.Command>> init(ActorSystem<?> system,
            ReplicaEnvironment env) {
        return ClusterSharding.get(system).init(entity(env));
    }

    /** As {@link #init(ActorSystem, ReplicaEnvironment)}, with the placement's allocation. */
    public static ActorRef<ShardingEnvelope<ReplicaEntity.Command>> init(ActorSystem<?> system,
            ReplicaEnvironment env, ShardCoordinator.ShardAllocationStrategy allocation) {
        return ClusterSharding.get(system).init(entity(env).withAllocationStrategy(allocation));
    }

    private static Entity<ReplicaEntity.Command, ShardingEnvelope<ReplicaEntity.Command>> entity(
            ReplicaEnvironment env) {
        return Entity.of(ReplicaEntity.TYPE_KEY,
                        ctx -> ReplicaEntity.create(ReplicaId.parse(ctx.getEntityId()), env))
                .withMessageExtractor(new EntityIsShard());
    }

    /** Starts every replica the placement puts anywhere (recovery runs now, not on first use). */
    public static void wakeAll(ActorSystem<?> system, Placement placement) {
        ClusterSharding sharding = ClusterSharding.get(system);
        for (ReplicaId id : placement.allReplicas()) {
            sharding.entityRefFor(ReplicaEntity.TYPE_KEY, id.entityId())
                    .tell(new ReplicaEntity.Wake());
        }
    }

    static final class EntityIsShard extends
            ShardingMessageExtractor<ShardingEnvelope<ReplicaEntity.Command>, ReplicaEntity.Command> {
        @Override
        public String entityId(ShardingEnvelope<ReplicaEntity.Command> envelope) {
            return envelope.entityId();
        }

        @Override
        public String shardId(String entityId) {
            return entityId;
        }

        @Override
        public ReplicaEntity.Command unwrapMessage(
                ShardingEnvelope<ReplicaEntity.Command> envelope) {
            return envelope.message();
        }
    }
}
