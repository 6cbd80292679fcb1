package io.cairn.shard.placement;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.replica.ReplicaId;

/**
 * One replica in the placement: which generation of which slot of a shard ({@link ReplicaId}),
 * on which node (stable node id), in which lifecycle state.
 */
public record PlacedReplica(ReplicaId id, String nodeId, ReplicaLifecycle state) {
    public PlacedReplica {
        if (id == null || nodeId == null || nodeId.isEmpty() || state == null) {
            throw new IllegalArgumentException("incomplete placed replica: " + id + " on "
                    + nodeId + " " + state);
        }
    }

    /** INITIALIZING or AVAILABLE: receives writes and occupies its node for its shard. */
    public boolean isActive() {
        return state != ReplicaLifecycle.LEAVING;
    }

    public int slot() {
        return id.replica();
    }

    public int generation() {
        return id.generation();
    }

    public PlacedReplica withState(ReplicaLifecycle next) {
        return next == state ? this : new PlacedReplica(id, nodeId, next);
    }
}
