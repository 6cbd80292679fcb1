package io.cairn.shard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.placement.NodeInfo;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementAlgorithm;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.replica.ReplicaId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterPlacementTest {
    private static final List<NodeInfo> ABC = List.of(new NodeInfo("a", ""),
            new NodeInfo("b", ""), new NodeInfo("c", ""));

    @Test
    void notReadyUntilATableWithTheSameShardCountArrives() {
        ClusterPlacement p = new ClusterPlacement("a", 4);
        p.reachable(Set.of("a", "b", "c"));
        assertFalse(p.isReady());
        assertEquals(4, p.shards());
        assertTrue(p.writeReplicas(0).isEmpty(), "no writes before a placement");
        assertTrue(p.readReplicas(3).isEmpty());
        p.offer(PlacementTable.unplaced(4));
        assertFalse(p.isReady(), "an unplaced table does not make the node ready");
        PlacementTable other = PlacementAlgorithm.place(PlacementTable.unplaced(8), ABC, 2, true);
        assertTrue(p.offer(other));
        assertFalse(p.isReady(), "8 shards in the table, 4 configured here");
        assertTrue(p.writeReplicas(0).isEmpty());
    }

    @Test
    void writesGoToActiveReplicasOnReachableNodesAndReadsToAvailableLocalFirst() {
        ClusterPlacement p = new ClusterPlacement("b", 6);
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(6), ABC, 2, true);
        // Node d joins: some slots move to it and start INITIALIZING.
        List<NodeInfo> abcd = List.of(ABC.get(0), ABC.get(1), ABC.get(2), new NodeInfo("d", ""));
        PlacementTable moving = PlacementAlgorithm.place(t, abcd, 2, false);
        p.reachable(Set.of("a", "b", "c", "d"));
        assertTrue(p.offer(t));
        assertTrue(p.offer(moving));
        assertFalse(p.offer(t), "older tables are ignored");
        assertTrue(p.isReady());
        for (int s = 0; s < 6; s++) {
            for (PlacedReplica r : moving.shard(s).replicas()) {
                boolean active = r.isActive();
                assertEquals(active, p.writeReplicas(s).contains(r.id()), r.toString());
                boolean readable = r.state() == io.cairn.shard.manifest.ReplicaLifecycle.AVAILABLE;
                assertEquals(readable, p.readReplicas(s).contains(r.id()), r.toString());
            }
            List<ReplicaId> reads = p.readReplicas(s);
            for (int i = 1; i < reads.size(); i++) {
                assertFalse(moving.find(reads.get(i)).nodeId().equals("b")
                        && !moving.find(reads.get(0)).nodeId().equals("b"),
                        "the local replica is read first: " + reads);
            }
        }
        p.reachable(Set.of("b"));
        for (int s = 0; s < 6; s++) {
            for (ReplicaId id : p.writeReplicas(s)) {
                assertEquals("b", moving.find(id).nodeId(), "only reachable nodes get writes");
            }
            for (ReplicaId id : p.readReplicas(s)) {
                assertEquals("b", moving.find(id).nodeId());
            }
        }
    }
}
