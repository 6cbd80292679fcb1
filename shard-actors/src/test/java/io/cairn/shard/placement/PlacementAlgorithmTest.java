package io.cairn.shard.placement;

import static io.cairn.shard.placement.PlacementInvariants.check;
import static io.cairn.shard.placement.PlacementInvariants.ownerLoad;
import static io.cairn.shard.placement.PlacementInvariants.owners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.replica.ReplicaId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementAlgorithmTest {

    static List<NodeInfo> nodes(String... ids) {
        List<NodeInfo> l = new ArrayList<>();
        for (String id : ids) {
            String[] p = id.split("@");
            l.add(new NodeInfo(p[0], p.length > 1 ? p[1] : ""));
        }
        return l;
    }

    static PlacementTable completeMoves(PlacementTable t) {
        for (PlacedReplica x : t.allReplicas()) {
            if (x.state() == ReplicaLifecycle.INITIALIZING) {
                t = t.replicaBecameAvailable(x.id());
            }
        }
        for (PlacedReplica x : t.allReplicas()) {
            if (x.state() == ReplicaLifecycle.LEAVING) {
                t = t.replicaLeft(x.id());
            }
        }
        return t;
    }

    @Test
    void oneNodeIsTheStaticPlacement() {
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(32), nodes("a"), 1,
                true);
        assertEquals(1, t.version());
        for (int s = 0; s < 32; s++) {
            assertEquals(List.of(new PlacedReplica(new ReplicaId(s, 0, 0), "a",
                    ReplicaLifecycle.AVAILABLE)), t.shard(s).replicas());
            assertEquals(1, t.shard(s).nextGeneration());
        }
        assertSame(t, PlacementAlgorithm.place(t, nodes("a"), 1, false));
    }

    @ParameterizedTest(name = "S={0} R={1} nodes={2}")
    @CsvSource({
        "32, 1, a b c",
        "32, 2, a b c",
        "32, 3, a b c",
        "7, 2, a b c d e",
        "1, 3, a b c d",
        "100, 3, a b c d e f g",
        "16, 3, a b",
        "16, 2, a",
    })
    void freshPlacementIsValidAvailableAndStable(int shards, int rf, String ids) {
        List<NodeInfo> live = nodes(ids.split(" "));
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(shards), live, rf,
                true);
        check(t, live, rf, true);
        for (PlacedReplica x : t.allReplicas()) {
            assertEquals(ReplicaLifecycle.AVAILABLE, x.state(), x.toString());
        }
        assertSame(t, PlacementAlgorithm.place(t, live, rf, false));
    }

    @Test
    void joinMovesOnlyTheNewNodesShareAndKeepsOldReplicasUntilTheNewAreAvailable() {
        List<NodeInfo> three = nodes("a", "b", "c");
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(32), three, 2, true);
        List<NodeInfo> four = nodes("a", "b", "c", "d");
        PlacementTable moved = PlacementAlgorithm.place(t, four, 2, false);
        check(moved, four, 2, true);
        assertEquals(t.version() + 1, moved.version());
        int changed = changedOwners(t, moved);
        assertEquals(16, changed, "64 slots over 4 nodes: the new node takes exactly 16");
        assertEquals(16, (int) ownerLoad(moved, four).get("d"));
        for (PlacedReplica x : moved.allReplicas()) {
            if (x.nodeId().equals("d")) {
                assertEquals(ReplicaLifecycle.INITIALIZING, x.state());
                PlacedReplica old = null;
                for (PlacedReplica y : moved.shard(x.id().shard()).replicas()) {
                    if (y.slot() == x.slot() && y != x) {
                        old = y;
                    }
                }
                assertEquals(ReplicaLifecycle.AVAILABLE, old.state(), "old copy keeps serving");
                assertTrue(old.generation() < x.generation());
            }
        }
        assertSame(moved, PlacementAlgorithm.place(moved, four, 2, false));
        PlacementTable done = completeMoves(moved);
        check(done, four, 2, true);
        assertEquals(64, done.allReplicas().size(), "old replicas are gone");
        assertSame(done, PlacementAlgorithm.place(done, four, 2, false));
    }

    @Test
    void leaveMovesOnlyTheLeaversSlots() {
        List<NodeInfo> four = nodes("a", "b", "c", "d");
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(30), four, 2, true);
        Map<String, Integer> before = ownerLoad(t, four);
        List<NodeInfo> three = nodes("a", "b", "c");
        PlacementTable after = PlacementAlgorithm.place(t, three, 2, false);
        check(after, three, 2, true);
        // Every slot of d moves; with R=2 on 3 nodes each has one possible target, so evening
        // out the counts may take a few swaps on top.
        int changed = changedOwners(t, after);
        assertTrue(changed >= before.get("d") && changed <= before.get("d") + 3,
                "changed " + changed + ", d owned " + before.get("d"));
        for (PlacedReplica x : after.allReplicas()) {
            assertTrue(!x.nodeId().equals("d"));
            if (x.generation() >= t.shard(x.id().shard()).nextGeneration()) {
                assertEquals(ReplicaLifecycle.INITIALIZING, x.state(), "replacement " + x);
            }
        }
    }

    @Test
    void moveCalledOffReturnsToTheReplicaThatStillHasTheData() {
        List<NodeInfo> two = nodes("a", "b");
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(8), two, 1, true);
        PlacementTable moving = PlacementAlgorithm.place(t, nodes("a", "b", "c"), 1, false);
        PlacementTable back = PlacementAlgorithm.place(moving, two, 1, false);
        check(back, two, 1, true);
        assertEquals(0, changedOwners(t, back), "every slot is back on its old node");
        for (PlacedReplica x : back.allReplicas()) {
            assertEquals(ReplicaLifecycle.AVAILABLE, x.state(), x.toString());
        }
    }

    @Test
    void lowerReplicationFactorRetiresTheExtraSlots() {
        List<NodeInfo> three = nodes("a", "b", "c");
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(9), three, 3, true);
        PlacementTable lower = PlacementAlgorithm.place(t, three, 2, false);
        check(lower, three, 2, true);
        int leaving = 0;
        for (PlacedReplica x : lower.allReplicas()) {
            if (x.state() == ReplicaLifecycle.LEAVING) {
                leaving++;
            }
            assertTrue(x.state() != ReplicaLifecycle.INITIALIZING, "lowering R copies nothing: "
                    + x);
        }
        assertEquals(9, leaving);
    }

    @Test
    void fewerNodesThanReplicasPlaceOnePerNodeAndFillUpLater() {
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(10), nodes("a"), 3,
                true);
        check(t, nodes("a"), 3, true);
        PlacementTable two = PlacementAlgorithm.place(t, nodes("a", "b"), 3, false);
        check(two, nodes("a", "b"), 3, true);
        assertEquals(0, changedOwners(t, two), "slot 0 stays on a");
        for (PlacedReplica x : two.allReplicas()) {
            if (x.nodeId().equals("b")) {
                assertEquals(ReplicaLifecycle.INITIALIZING, x.state());
            }
        }
    }

    @Test
    void zonesSpreadEveryShard() {
        List<NodeInfo> six = nodes("a@z1", "b@z1", "c@z2", "d@z2", "e@z3", "f@z3");
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(32), six, 3, true);
        check(t, six, 3, true);
        PlacementTable two = PlacementAlgorithm.place(PlacementTable.unplaced(32), six, 2, true);
        check(two, six, 2, true);
    }

    @Test
    void zonesWinOverBalance() {
        List<NodeInfo> lopsided = nodes("a@z1", "b@z2", "c@z2", "d@z2");
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(12), lopsided, 2,
                true);
        check(t, lopsided, 2, false);
        assertEquals(12, (int) ownerLoad(t, lopsided).get("a"));
    }

    @Test
    void zoneAddedLaterSpreadsExistingShards() {
        List<NodeInfo> oneZone = nodes("a@z1", "b@z1");
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(8), oneZone, 2, true);
        List<NodeInfo> twoZones = nodes("a@z1", "b@z1", "c@z2", "d@z2");
        PlacementTable spread = PlacementAlgorithm.place(t, twoZones, 2, false);
        check(spread, twoZones, 2, true);
        assertEquals(8, changedOwners(t, spread), "one slot of every shard moves to z2");
    }

    @Test
    void inputsAreValidated() {
        PlacementTable t = PlacementTable.unplaced(2);
        assertThrows(IllegalArgumentException.class,
                () -> PlacementAlgorithm.place(t, nodes("a", "a"), 1, true));
        assertThrows(IllegalArgumentException.class,
                () -> PlacementAlgorithm.place(t, nodes("a"), 0, true));
        assertSame(t, PlacementAlgorithm.place(t, List.of(), 1, true));
    }

    static int changedOwners(PlacementTable before, PlacementTable after) {
        Map<String, String> a = owners(before);
        Map<String, String> b = owners(after);
        int changed = 0;
        for (Map.Entry<String, String> e : b.entrySet()) {
            String was = a.get(e.getKey());
            if (was != null && !was.equals(e.getValue())) {
                changed++;
            }
        }
        return changed;
    }
}
