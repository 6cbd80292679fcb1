package io.cairn.shard.placement;

import static io.cairn.shard.placement.PlacementInvariants.check;
import static io.cairn.shard.placement.PlacementInvariants.ownerLoad;
import static io.cairn.shard.placement.PlacementInvariants.owners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.manifest.ReplicaLifecycle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.LongStream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property test: random cluster histories (joins, leaves, zone mixes, moves completing or not,
 * replication factor changes) keep every invariant after every step, never move more than the
 * change requires, and are stable when nothing changes.
 */
class PlacementHistoryTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("placement.seeds", 60));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomHistoriesKeepTheInvariants(long seed) {
        Random rnd = new Random(seed);
        boolean zoned = seed % 3 == 0;
        int shards = 1 + rnd.nextInt(64);
        int rf = 1 + rnd.nextInt(3);
        List<NodeInfo> live = new ArrayList<>();
        int nextNode = 0;
        int initial = 1 + rnd.nextInt(5);
        for (int i = 0; i < initial; i++) {
            live.add(node(nextNode++, zoned, rnd));
        }
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(shards), live, rf,
                true);
        String context = "seed " + seed + " S=" + shards;
        check(t, live, rf, !zoned);
        for (int step = 0; step < 60; step++) {
            int op = rnd.nextInt(10);
            PlacementTable before = t;
            Map<String, Integer> loadBefore = ownerLoad(t, live);
            String what;
            List<NodeInfo> next = new ArrayList<>(live);
            if (op < 3 && live.size() < 9) {
                NodeInfo joined = node(nextNode++, zoned, rnd);
                next.add(joined);
                what = "join " + joined;
            } else if (op < 5 && live.size() > 1) {
                NodeInfo left = next.remove(rnd.nextInt(next.size()));
                what = "leave " + left;
            } else if (op < 6) {
                rf = 1 + rnd.nextInt(3);
                what = "R=" + rf;
            } else if (op < 8) {
                t = completeSome(t, rnd);
                what = "moves complete";
            } else {
                what = "nothing";
            }
            live = next;
            PlacementTable placed = PlacementAlgorithm.place(t, live, rf, false);
            String at = context + " step " + step + " (" + what + ", R=" + rf + ", nodes "
                    + live + ")";
            try {
                check(placed, live, rf, !zoned);
            } catch (AssertionError e) {
                throw new AssertionError(at + ": " + e.getMessage(), e);
            }
            PlacementTable again = PlacementAlgorithm.place(placed, live, rf, false);
            if (again != placed) {
                StringBuilder diff = new StringBuilder();
                for (int s = 0; s < shards; s++) {
                    if (!again.shard(s).equals(placed.shard(s))) {
                        diff.append("\n  before ").append(t.shard(s)).append("\n  placed ")
                                .append(placed.shard(s)).append("\n  again  ")
                                .append(again.shard(s));
                        break;
                    }
                }
                throw new AssertionError(at + ": placing again changes " + diff);
            }
            assertTrue(placed.version() >= t.version(), at);
            if (!zoned && what.startsWith("join") && before == t) {
                int changed = changedOwnersOnSurvivors(t, placed, live);
                int reff = Math.min(rf, live.size());
                int fair = (int) Math.ceil((double) shards * reff / live.size());
                assertTrue(changed <= fair, at + ": join copied " + changed
                        + " slots, the new node's share is at most " + fair);
            }
            if (!zoned && what.startsWith("nothing") && before == t
                    && Math.min(rf, live.size()) == Math.min(rf, live.size())) {
                assertEquals(loadBefore.keySet(), ownerLoad(placed, live).keySet(), at);
            }
            t = placed;
        }
    }

    private static NodeInfo node(int i, boolean zoned, Random rnd) {
        return new NodeInfo(String.format("node-%02d", i), zoned ? "z" + rnd.nextInt(3) : "");
    }

    /** Some INITIALIZING replicas finish copying, some LEAVING ones finish deleting. */
    private static PlacementTable completeSome(PlacementTable t, Random rnd) {
        for (PlacedReplica x : t.allReplicas()) {
            if (x.state() == ReplicaLifecycle.INITIALIZING && rnd.nextBoolean()) {
                t = t.replicaBecameAvailable(x.id());
            }
        }
        for (PlacedReplica x : t.allReplicas()) {
            if (x.state() == ReplicaLifecycle.LEAVING && rnd.nextBoolean()) {
                t = t.replicaLeft(x.id());
            }
        }
        return t;
    }

    /**
     * Replicas created by the step for a slot whose owner was AVAILABLE on a node that is still
     * live: settled data the step moves (re-targeted moves in progress and replacements of lost
     * replicas aside).
     */
    private static int changedOwnersOnSurvivors(PlacementTable a, PlacementTable b,
            List<NodeInfo> live) {
        Set<String> ids = new HashSet<>();
        for (NodeInfo n : live) {
            ids.add(n.nodeId());
        }
        int copies = 0;
        for (ShardPlacement sp : b.shards()) {
            ShardPlacement old = a.shard(sp.shard());
            for (PlacedReplica x : sp.replicas()) {
                PlacedReplica was = old.owner(x.slot());
                if (x.generation() >= old.nextGeneration() && was != null
                        && was.state() == ReplicaLifecycle.AVAILABLE
                        && ids.contains(was.nodeId())) {
                    copies++;
                }
            }
        }
        return copies;
    }
}
