package io.cairn.shard.placement;

import io.cairn.shard.replica.ReplicaId;
import java.util.ArrayList;
import java.util.List;

/**
 * Every shard has one replica, generation 0: the placement of a one-node cluster, where Pekko
 * sharding puts every entity on the only node.
 */
public final class StaticPlacement implements Placement {
    private final List<List<ReplicaId>> replicas;
    private final List<ReplicaId> all;

    public StaticPlacement(int shards) {
        List<List<ReplicaId>> r = new ArrayList<>(shards);
        List<ReplicaId> a = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++) {
            ReplicaId id = new ReplicaId(s, 0, 0);
            r.add(List.of(id));
            a.add(id);
        }
        this.replicas = List.copyOf(r);
        this.all = List.copyOf(a);
    }

    @Override
    public int shards() {
        return replicas.size();
    }

    @Override
    public List<ReplicaId> writeReplicas(int shard) {
        return replicas.get(shard);
    }

    @Override
    public List<ReplicaId> readReplicas(int shard) {
        return replicas.get(shard);
    }

    @Override
    public List<ReplicaId> allReplicas() {
        return all;
    }
}
