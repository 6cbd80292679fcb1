package io.cairn.shard.placement;

import static io.cairn.shard.placement.PlacementAlgorithmTest.completeMoves;
import static io.cairn.shard.placement.PlacementAlgorithmTest.nodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.manifest.ReplicaLifecycle;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Draining nodes (decommission) and the last copies of a shard on a node that is gone. */
class PlacementLifecycleTest {

    private static long count(PlacementTable t, String node, ReplicaLifecycle state) {
        return t.allReplicas().stream()
                .filter(r -> r.nodeId().equals(node) && r.state() == state).count();
    }

    @Test
    void aDrainingNodeKeepsServingUntilEveryMoveCompletesThenHoldsNothing() {
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(12),
                nodes("a", "b", "c"), 2, true);
        long onC = count(t, "c", ReplicaLifecycle.AVAILABLE);
        assertEquals(8, onC);
        PlacementTable drained = PlacementAlgorithm.place(t, nodes("a", "b"), Set.of("c"), 2,
                false);
        // Every replica of c stays AVAILABLE (read and copied from) while its slot moves.
        assertEquals(onC, count(drained, "c", ReplicaLifecycle.AVAILABLE));
        assertEquals(onC, drained.allReplicas().stream()
                .filter(r -> r.state() == ReplicaLifecycle.INITIALIZING).count());
        assertSame(drained, PlacementAlgorithm.place(drained, nodes("a", "b"), Set.of("c"), 2,
                false), "placing again changes nothing");
        PlacementTable done = completeMoves(drained);
        assertEquals(0, done.allReplicas().stream().filter(r -> r.nodeId().equals("c")).count());
        PlacementInvariants.check(done, nodes("a", "b"), 2, true);
    }

    @Test
    void aDrainingNodesInitializingReplicasLeaveAtOnce() {
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(12),
                nodes("a", "b"), 2, true);
        PlacementTable joined = PlacementAlgorithm.place(t, nodes("a", "b", "c"), 2, false);
        assertTrue(count(joined, "c", ReplicaLifecycle.INITIALIZING) > 0);
        PlacementTable drained = PlacementAlgorithm.place(joined, nodes("a", "b"), Set.of("c"),
                2, false);
        assertEquals(0, count(drained, "c", ReplicaLifecycle.INITIALIZING));
        assertEquals(0, count(drained, "c", ReplicaLifecycle.AVAILABLE));
    }

    @Test
    void theLastCopyOfAShardStaysOnANodeThatIsGoneAndIsCopiedWhenItReturns() {
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(8),
                nodes("a", "b"), 1, true);
        long onB = count(t, "b", ReplicaLifecycle.AVAILABLE);
        PlacementTable gone = PlacementAlgorithm.place(t, nodes("a"), 1, false);
        // R=1: b's replicas are the only copies; they stay AVAILABLE in the table, and the
        // replacements on a stay INITIALIZING (never read as complete).
        assertEquals(onB, count(gone, "b", ReplicaLifecycle.AVAILABLE));
        assertEquals(onB, count(gone, "a", ReplicaLifecycle.INITIALIZING));
        assertSame(gone, PlacementAlgorithm.place(gone, nodes("a"), 1, false));
        // b returns: its slots go back to it (it has the data), the empty copies on a leave.
        PlacementTable back = PlacementAlgorithm.place(gone, nodes("a", "b"), 1, false);
        assertEquals(onB, count(back, "b", ReplicaLifecycle.AVAILABLE));
        assertEquals(0, count(back, "a", ReplicaLifecycle.INITIALIZING));
        assertEquals(onB, count(back, "a", ReplicaLifecycle.LEAVING));
        PlacementInvariants.check(back, nodes("a", "b"), 1, true);
    }

    @Test
    void withASurvivingSiblingTheGoneNodesReplicasAreDropped() {
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(8),
                nodes("a", "b", "c"), 2, true);
        PlacementTable gone = PlacementAlgorithm.place(t, nodes("a", "b"), 2, false);
        assertEquals(0, gone.allReplicas().stream().filter(r -> r.nodeId().equals("c")).count());
        PlacementInvariants.check(gone, nodes("a", "b"), 2, true);
    }
}
