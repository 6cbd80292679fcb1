package io.cairn.shard.bootstrap;

import io.cairn.shard.replica.ReplicaEntity;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Finds a replica entity by its entity id: through Cluster Sharding on a node
 * ({@link #sharding}), through a map of actor refs in tests. Called on the bootstrapping
 * replica's actor thread; must not block.
 */
@FunctionalInterface
public interface ReplicaLookup {

    /** @throws IllegalArgumentException when the id names no replica this lookup can reach */
    RecipientRef<ReplicaEntity.Command> lookup(String entityId);

    /** Replica entities through Cluster Sharding (the entity type must be initialised). */
    static ReplicaLookup sharding(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        return entityId -> sharding.entityRefFor(ReplicaEntity.TYPE_KEY, entityId);
    }
}
