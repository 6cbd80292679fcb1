package io.cairn.shard.placement;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.replica.ReplicaId;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole placement at one version: for every shard of the cluster its replicas (node and
 * lifecycle state). Immutable; every change makes a new table with a higher version. The
 * PlacementCoordinator is the only writer; every node reads it (DESIGN.md §3).
 *
 * <p>The number of shards is fixed when the cluster is created. Version 0 is the table of a
 * cluster that was never placed ({@link #unplaced}).
 *
 * @param version grows by one with every change; the newest version wins everywhere
 * @param shards one entry per shard, index == shard number
 */
public record PlacementTable(long version, List<ShardPlacement> shards) {

    public PlacementTable {
        if (version < 0) {
            throw new IllegalArgumentException("negative placement version " + version);
        }
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a placement needs at least one shard");
        }
        for (int i = 0; i < shards.size(); i++) {
            if (shards.get(i).shard() != i) {
                throw new IllegalArgumentException("shard " + shards.get(i).shard()
                        + " listed at index " + i);
            }
        }
        shards = List.copyOf(shards);
    }

    /** The table of a new cluster: version 0, {@code shardCount} shards, no replicas. */
    public static PlacementTable unplaced(int shardCount) {
        if (shardCount <= 0) {
            throw new IllegalArgumentException("shard count must be positive, got " + shardCount);
        }
        List<ShardPlacement> s = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            s.add(new ShardPlacement(i, 0, List.of()));
        }
        return new PlacementTable(0, s);
    }

    public int shardCount() {
        return shards.size();
    }

    public ShardPlacement shard(int shard) {
        return shards.get(shard);
    }

    /** The replica with this id, or null. */
    public PlacedReplica find(ReplicaId id) {
        if (id.shard() >= shards.size()) {
            return null;
        }
        for (PlacedReplica r : shards.get(id.shard()).replicas()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** Every replica of every shard, in shard then slot then generation order. */
    public List<PlacedReplica> allReplicas() {
        List<PlacedReplica> all = new ArrayList<>();
        for (ShardPlacement s : shards) {
            all.addAll(s.replicas());
        }
        return all;
    }

    /** Whether both tables place the same replicas in the same states (versions aside). */
    public boolean samePlacementAs(PlacementTable other) {
        return shards.equals(other.shards);
    }

    /**
     * The table after an INITIALIZING replica reported that it holds all data of its shard: it
     * turns AVAILABLE and the older replicas of its slot, whose place it takes, turn LEAVING.
     * Returns this table when the replica is unknown or not INITIALIZING (a late or repeated
     * report).
     */
    public PlacementTable replicaBecameAvailable(ReplicaId id) {
        PlacedReplica r = find(id);
        if (r == null || r.state() != ReplicaLifecycle.INITIALIZING) {
            return this;
        }
        ShardPlacement s = shards.get(id.shard());
        List<PlacedReplica> next = new ArrayList<>(s.replicas().size());
        for (PlacedReplica x : s.replicas()) {
            if (x.id().equals(id)) {
                next.add(x.withState(ReplicaLifecycle.AVAILABLE));
            } else if (x.slot() == id.replica() && x.generation() < id.generation()
                    && x.isActive()) {
                next.add(x.withState(ReplicaLifecycle.LEAVING));
            } else {
                next.add(x);
            }
        }
        return withShard(new ShardPlacement(s.shard(), s.nextGeneration(), next));
    }

    /**
     * The table after a LEAVING replica deleted its data: it is forgotten. Returns this table
     * when the replica is unknown or not LEAVING.
     */
    public PlacementTable replicaLeft(ReplicaId id) {
        PlacedReplica r = find(id);
        if (r == null || r.state() != ReplicaLifecycle.LEAVING) {
            return this;
        }
        ShardPlacement s = shards.get(id.shard());
        List<PlacedReplica> next = new ArrayList<>(s.replicas());
        next.remove(r);
        return withShard(new ShardPlacement(s.shard(), s.nextGeneration(), next));
    }

    private PlacementTable withShard(ShardPlacement changed) {
        List<ShardPlacement> next = new ArrayList<>(shards);
        next.set(changed.shard(), changed);
        return new PlacementTable(version + 1, next);
    }
}
