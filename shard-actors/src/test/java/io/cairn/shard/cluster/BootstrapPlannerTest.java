package io.cairn.shard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.NodeInfo;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementAlgorithm;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.replica.ReplicaId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a bootstrap may start (the safety rule), from where, retries and completion. */
class BootstrapPlannerTest {
    private static final List<String> MEMBERS = List.of("a", "b", "c");

    /** Shard 0, R=1, on a, then c joins: one replica of c is INITIALIZING. */
    private static PlacementTable moving() {
        PlacementTable t = PlacementAlgorithm.place(PlacementTable.unplaced(3),
                List.of(new NodeInfo("a", ""), new NodeInfo("b", "")), 1, true);
        return PlacementAlgorithm.place(t, List.of(new NodeInfo("a", ""), new NodeInfo("b", ""),
                new NodeInfo("c", "")), 1, false);
    }

    private static PlacedReplica initializing(PlacementTable t) {
        return t.allReplicas().stream().filter(r -> r.state() == ReplicaLifecycle.INITIALIZING)
                .findFirst().orElseThrow();
    }

    private static BootstrapPlanner.Report report(long safe, String... pending) {
        return new BootstrapPlanner.Report(safe, safe, Set.of(pending), false);
    }

    @Test
    void startsOnlyWhenEveryMemberRoutesWithTheNewTableAndNoHandoffWaitsForTheSource() {
        PlacementTable t = moving();
        PlacedReplica target = initializing(t);
        BootstrapPlanner p = new BootstrapPlanner();
        p.noteTable(t);
        Map<ReplicaId, String> held = new HashMap<>();
        Set<String> present = Set.of("a", "b", "c");
        assertTrue(p.due(t, present, MEMBERS, 0, held).isEmpty(), "no reports yet");
        assertTrue(held.get(target.id()).contains("no report"), held.toString());
        p.report("a", report(t.version()));
        p.report("b", report(t.version() - 1)); // a write routed with the old table in flight
        p.report("c", report(t.version()));
        assertTrue(p.due(t, present, MEMBERS, 1, held).isEmpty());
        String source = t.shard(target.id().shard()).replicas().stream()
                .filter(r -> r.state() == ReplicaLifecycle.AVAILABLE).findFirst().orElseThrow()
                .id().entityId();
        p.report("b", report(t.version(), source)); // its block for the source is queued
        assertTrue(p.due(t, present, MEMBERS, 2, held).isEmpty());
        assertTrue(held.get(target.id()).contains("hinted-handoff"), held.toString());
        p.report("b", report(t.version()));
        List<BootstrapPlanner.Start> starts = p.due(t, present, MEMBERS, 3, held);
        assertEquals(1, starts.size());
        assertEquals(target, starts.get(0).target());
        assertEquals(source, starts.get(0).source().id().entityId());
        assertTrue(p.due(t, present, MEMBERS, 4, held).isEmpty(), "sent once");
        assertEquals(1, p.running());
    }

    @Test
    void aFailureBacksOffAndACompletionWaitsForTheTargetsHandoff() {
        PlacementTable t = moving();
        PlacedReplica target = initializing(t);
        BootstrapPlanner p = new BootstrapPlanner();
        p.noteTable(t);
        for (String n : MEMBERS) {
            p.report(n, report(t.version()));
        }
        Set<String> present = Set.of("a", "b", "c");
        Map<ReplicaId, String> held = new HashMap<>();
        assertEquals(1, p.due(t, present, MEMBERS, 0, held).size());
        long backoff = p.failed(target.id(), 100);
        assertEquals(BootstrapPlanner.MIN_BACKOFF_MS, backoff);
        assertTrue(p.due(t, present, MEMBERS, 100 + backoff - 1, held).isEmpty());
        assertEquals(1, p.due(t, present, MEMBERS, 100 + backoff, held).size());
        assertEquals(2 * BootstrapPlanner.MIN_BACKOFF_MS, p.failed(target.id(), 200));
        p.report("a", report(t.version(), target.id().entityId()));
        assertFalse(p.completed(target.id()));
        assertTrue(p.declarable().isEmpty());
        p.report("a", report(t.version()));
        assertEquals(List.of(target.id()), p.declarable());
    }

    @Test
    void noSourceOnAReachableNodeMeansNoBootstrap() {
        PlacementTable t = moving();
        PlacedReplica target = initializing(t);
        BootstrapPlanner p = new BootstrapPlanner();
        p.noteTable(t);
        for (String n : MEMBERS) {
            p.report(n, report(t.version()));
        }
        Map<ReplicaId, String> held = new HashMap<>();
        String sourceNode = t.shard(target.id().shard()).replicas().stream()
                .filter(r -> r.state() == ReplicaLifecycle.AVAILABLE).findFirst().orElseThrow()
                .nodeId();
        Set<String> present = new java.util.HashSet<>(MEMBERS);
        present.remove(sourceNode);
        assertTrue(p.due(t, present, MEMBERS, 0, held).isEmpty());
        assertTrue(held.get(target.id()).contains("no AVAILABLE replica"), held.toString());
    }
}
