package io.cairn.shard.cluster;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.Placement;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.replica.ReplicaId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This node's view of the cluster placement, used by the ingest and read paths: the newest
 * {@link PlacementTable} it has seen (from Distributed Data, or straight from the coordinator
 * when that runs here) combined with which nodes are reachable now.
 *
 * <ul>
 *   <li>{@link #writeReplicas}: INITIALIZING and AVAILABLE replicas on reachable nodes;
 *       {@link #unreachableWriteReplicas}: the ones on unreachable nodes, whose rows the router
 *       puts into hinted handoff at once;
 *   <li>{@link #readReplicas}: AVAILABLE replicas on reachable nodes, this node's first; an
 *       INITIALIZING replica may lack data and is never read;
 *   <li>until the first table arrives (or when its shard count differs from this node's
 *       {@code -shards}) the placement is not {@link #isReady ready}: every list is empty, so
 *       writes are refused (503) and reads report every shard unavailable.
 * </ul>
 *
 * <p>Thread safe: the state is one immutable snapshot behind a volatile field, replaced by the
 * {@link PlacementView} actor only.
 */
public final class ClusterPlacement implements Placement {
    private final String localNodeId;
    private final int shards;
    private volatile Snapshot snapshot;

    /** Immutable state: the table, the reachable node ids and the lists derived from them. */
    private record Snapshot(PlacementTable table, Set<String> reachable,
            List<List<ReplicaId>> writes, List<List<ReplicaId>> away,
            List<List<ReplicaId>> reads, List<ReplicaId> all, Map<ReplicaId, String> nodes) {}

    public ClusterPlacement(String localNodeId, int shards) {
        this.localNodeId = localNodeId;
        this.shards = shards;
        this.snapshot = build(null, Set.of());
    }

    public String localNodeId() {
        return localNodeId;
    }

    /** Whether a placed table (version > 0) with this node's shard count has arrived. */
    public boolean isReady() {
        PlacementTable t = snapshot.table();
        return t != null && t.version() > 0 && t.shardCount() == shards;
    }

    /** The newest table seen, or null. */
    public PlacementTable table() {
        return snapshot.table();
    }

    /**
     * Takes {@code table} if it is newer than the current one.
     *
     * @return whether it was taken
     */
    boolean offer(PlacementTable table) {
        synchronized (this) {
            Snapshot s = snapshot;
            if (s.table() != null && s.table().version() >= table.version()) {
                return false;
            }
            snapshot = build(table, s.reachable());
            return true;
        }
    }

    /** Replaces the set of reachable node ids. */
    void reachable(Set<String> nodeIds) {
        synchronized (this) {
            snapshot = build(snapshot.table(), Set.copyOf(nodeIds));
        }
    }

    private Snapshot build(PlacementTable t, Set<String> reachable) {
        List<List<ReplicaId>> writes = new ArrayList<>(shards);
        List<List<ReplicaId>> away = new ArrayList<>(shards);
        List<List<ReplicaId>> reads = new ArrayList<>(shards);
        List<ReplicaId> all = new ArrayList<>();
        Map<ReplicaId, String> nodes = new HashMap<>();
        boolean usable = t != null && t.version() > 0 && t.shardCount() == shards;
        for (int s = 0; s < shards; s++) {
            List<ReplicaId> w = new ArrayList<>();
            List<ReplicaId> a = new ArrayList<>();
            List<ReplicaId> local = new ArrayList<>();
            List<ReplicaId> remote = new ArrayList<>();
            if (usable) {
                for (PlacedReplica r : t.shard(s).replicas()) {
                    if (!r.isActive()) {
                        continue;
                    }
                    all.add(r.id());
                    nodes.put(r.id(), r.nodeId());
                    if (!reachable.contains(r.nodeId())) {
                        a.add(r.id());
                        continue;
                    }
                    w.add(r.id());
                    if (r.state() == ReplicaLifecycle.AVAILABLE) {
                        (r.nodeId().equals(localNodeId) ? local : remote).add(r.id());
                    }
                }
            }
            local.addAll(remote);
            writes.add(List.copyOf(w));
            away.add(List.copyOf(a));
            reads.add(List.copyOf(local));
        }
        return new Snapshot(t, reachable, List.copyOf(writes), List.copyOf(away),
                List.copyOf(reads),
                List.copyOf(all), Map.copyOf(nodes));
    }

    @Override
    public int shards() {
        return shards;
    }

    @Override
    public List<ReplicaId> writeReplicas(int shard) {
        return snapshot.writes().get(shard);
    }

    @Override
    public List<ReplicaId> unreachableWriteReplicas(int shard) {
        return snapshot.away().get(shard);
    }

    @Override
    public List<ReplicaId> readReplicas(int shard) {
        return snapshot.reads().get(shard);
    }

    @Override
    public List<ReplicaId> allReplicas() {
        return snapshot.all();
    }

    /** The node the table places an active replica on; null when the table does not list it. */
    @Override
    public String nodeOf(ReplicaId replica) {
        return snapshot.nodes().get(replica);
    }

    @Override
    public long version() {
        PlacementTable t = snapshot.table();
        return t == null ? 0 : t.version();
    }

    /** The node ids that are reachable members now. */
    public Set<String> reachableNodes() {
        return snapshot.reachable();
    }
}
