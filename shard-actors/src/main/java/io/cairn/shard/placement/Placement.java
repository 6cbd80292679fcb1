package io.cairn.shard.placement;

import io.cairn.shard.replica.ReplicaId;
import java.util.List;

/**
 * Where the replicas of every shard are (DESIGN.md §3). Writes go to every replica that
 * accepts writes; reads to the replicas that hold complete data. The cluster implementation
 * follows the PlacementCoordinator's decisions; {@link StaticPlacement} is the one-node case.
 *
 * <p>Implementations are immutable snapshots or otherwise thread-safe.
 */
public interface Placement {
    /** Node id meaning "the node this placement is read on", for placements without nodes. */
    String THIS_NODE = "";

    int shards();

    /** Replicas that must receive writes of the shard (AVAILABLE and INITIALIZING). */
    List<ReplicaId> writeReplicas(int shard);

    /**
     * Replicas that should receive writes of the shard but are on nodes known to be
     * unreachable now: the router hands their rows off at once (hinted handoff) instead of
     * waiting for an answer that cannot come. Empty for placements that know no reachability.
     */
    default List<ReplicaId> unreachableWriteReplicas(int shard) {
        return List.of();
    }

    /** Replicas that can answer reads of the shard (AVAILABLE), preferred first. */
    List<ReplicaId> readReplicas(int shard);

    /**
     * The node id of the node that hosts the replica, so that reads can be batched per node;
     * {@link #THIS_NODE} for a placement that knows no nodes (every replica is on this node);
     * null for a replica this placement does not list (any more).
     */
    default String nodeOf(ReplicaId replica) {
        return THIS_NODE;
    }

    /** Every replica this placement knows of, e.g. to start them eagerly. */
    List<ReplicaId> allReplicas();

    /**
     * The version of the placement the lists above come from (they are at least this new); 0
     * for a placement that never changes.
     */
    default long version() {
        return 0;
    }
}
