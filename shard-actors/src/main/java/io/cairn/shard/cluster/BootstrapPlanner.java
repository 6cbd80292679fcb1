package io.cairn.shard.cluster;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.replica.ReplicaId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides when the placement coordinator sends an INITIALIZING replica
 * {@code StartBootstrap}, from which sibling, and when a finished copy may be declared
 * AVAILABLE. Plain state, owned by the {@link PlacementCoordinator} (not thread safe).
 *
 * <p><b>Safety rule</b> (the copy must miss no row). Let V be the first placement version that
 * lists target T. A bootstrap of T from source S starts only when every cluster member that is
 * not Down or Removed has reported (its latest {@link PlacementCoordinator.NodeReport}) a
 * <em>safe version</em> of at least V, and no report lists rows for S waiting in that node's
 * hinted handoff. A node's safe version is the smaller of its view's version and the oldest
 * version a write in flight on it was routed with ({@code InFlightWrites}); its handoff list is
 * read after it. So at the moment of its report, each node routes every new write with a table
 * that names T (views only move forward), has no write routed without T still on its way, and
 * every block such a write handed off for S is already in S's WAL (the queue deleted it only
 * after S acknowledged it). The {@code StartBootstrap}, and therefore S's flush for the copy plan,
 * comes after every report: every row written without T is in S's flushed parts, every row
 * written with T reaches T directly. Members that do not report (unreachable, still starting)
 * hold the bootstrap back until they do or are downed.
 *
 * <p>A copy that completes is declared AVAILABLE only when no report lists rows for T in a
 * handoff queue, so a replica that just became readable is not missing rows that wait for it.
 */
final class BootstrapPlanner {
    /** Resend StartBootstrap when no outcome came after this long (it is idempotent). */
    static final long RESEND_MS = Duration.ofMinutes(2).toMillis();
    static final long MIN_BACKOFF_MS = 2_000;
    static final long MAX_BACKOFF_MS = 60_000;

    /** What the coordinator last heard from a node. */
    record Report(long version, long safeVersion, Set<String> pendingHandoff, boolean leaving) {}

    /** A bootstrap to send now. */
    record Start(PlacedReplica target, PlacedReplica source) {}

    private static final class Attempt {
        long sentAt = -1;
        long notBefore;
        int failures;
        boolean completed;
    }

    private final Map<String, Report> reports = new HashMap<>();
    private final Map<ReplicaId, Long> firstVersion = new HashMap<>();
    private final Map<ReplicaId, Attempt> attempts = new HashMap<>();
    /** Replicas whose start was held back, with the reason last logged (to log changes only). */
    private final Map<ReplicaId, String> waiting = new HashMap<>();

    /** Records the version at which every INITIALIZING replica was first seen; forgets others. */
    void noteTable(PlacementTable t) {
        Set<ReplicaId> initializing = new HashSet<>();
        for (PlacedReplica r : t.allReplicas()) {
            if (r.state() == ReplicaLifecycle.INITIALIZING) {
                initializing.add(r.id());
                // After a coordinator restart the first version is unknown; the current one
                // is at least as new, so waiting for it is safe.
                firstVersion.putIfAbsent(r.id(), t.version());
            }
        }
        firstVersion.keySet().retainAll(initializing);
        attempts.keySet().retainAll(initializing);
        waiting.keySet().retainAll(initializing);
    }

    /** @return whether the node's leaving flag changed */
    boolean report(String nodeId, Report r) {
        Report old = reports.put(nodeId, r);
        return old == null ? r.leaving() : old.leaving() != r.leaving();
    }

    /** Forgets the reports of nodes that are no longer members. */
    void retainReports(Collection<String> members) {
        reports.keySet().retainAll(Set.copyOf(members));
    }

    /** Nodes whose latest report says they are leaving. */
    Set<String> leavingNodes() {
        Set<String> out = new HashSet<>();
        reports.forEach((id, r) -> {
            if (r.leaving()) {
                out.add(id);
            }
        });
        return out;
    }

    /**
     * The bootstraps to send now, marked as sent.
     *
     * @param present node ids that are Up and reachable (targets and sources must be)
     * @param members node ids of every member that is not Down or Removed (all must report)
     * @param held out: replica -> why it waits, for the ones whose reason changed
     */
    List<Start> due(PlacementTable t, Set<String> present, Collection<String> members, long now,
            Map<ReplicaId, String> held) {
        List<Start> out = new ArrayList<>();
        for (PlacedReplica target : t.allReplicas()) {
            if (target.state() != ReplicaLifecycle.INITIALIZING) {
                continue;
            }
            Attempt a = attempts.computeIfAbsent(target.id(), k -> new Attempt());
            if (!present.contains(target.nodeId())) {
                a.sentAt = -1; // its node is away: ask again as soon as it is back
                continue;
            }
            if (a.completed || now < a.notBefore
                    || (a.sentAt >= 0 && now - a.sentAt < RESEND_MS)) {
                continue;
            }
            PlacedReplica source = source(t, target, present);
            String why = source == null ? "no AVAILABLE replica of shard " + target.id().shard()
                    + " on a reachable node to copy from"
                    : unsafe(firstVersion.getOrDefault(target.id(), t.version()), source, members);
            if (why != null) {
                if (!why.equals(waiting.put(target.id(), why))) {
                    held.put(target.id(), why);
                }
                continue;
            }
            waiting.remove(target.id());
            a.sentAt = now;
            out.add(new Start(target, source));
        }
        return out;
    }

    /** An AVAILABLE sibling on a reachable node: of the same slot first (the one it replaces). */
    private static PlacedReplica source(PlacementTable t, PlacedReplica target,
            Set<String> present) {
        PlacedReplica best = null;
        for (PlacedReplica r : t.shard(target.id().shard()).replicas()) {
            if (r.state() != ReplicaLifecycle.AVAILABLE || !present.contains(r.nodeId())
                    || r.nodeId().equals(target.nodeId())) {
                continue;
            }
            if (best == null || (r.slot() == target.slot() && best.slot() != target.slot())) {
                best = r;
            }
        }
        return best;
    }

    /** Null when the safety rule holds for a target first placed at {@code version}. */
    private String unsafe(long version, PlacedReplica source, Collection<String> members) {
        for (String node : members) {
            Report r = reports.get(node);
            if (r == null) {
                return "no report from node " + node + " yet";
            }
            if (r.safeVersion() < version) {
                return "node " + node + " may still route writes with placement version "
                        + r.safeVersion() + " < " + version;
            }
            if (r.pendingHandoff().contains(source.id().entityId())) {
                return "node " + node + " still holds hinted-handoff rows for the source "
                        + source.id();
            }
        }
        return null;
    }

    /** A bootstrap completed; whether the replica may be declared AVAILABLE now. */
    boolean completed(ReplicaId id) {
        attempts.computeIfAbsent(id, k -> new Attempt()).completed = true;
        return mayDeclare(id);
    }

    /** Completed copies that may be declared AVAILABLE now (no handoff rows wait for them). */
    List<ReplicaId> declarable() {
        List<ReplicaId> out = new ArrayList<>();
        attempts.forEach((id, a) -> {
            if (a.completed && mayDeclare(id)) {
                out.add(id);
            }
        });
        return out;
    }

    private boolean mayDeclare(ReplicaId id) {
        for (Report r : reports.values()) {
            if (r.pendingHandoff().contains(id.entityId())) {
                return false;
            }
        }
        return true;
    }

    /** A bootstrap failed; returns the backoff before the next attempt. */
    long failed(ReplicaId id, long now) {
        Attempt a = attempts.computeIfAbsent(id, k -> new Attempt());
        a.failures++;
        long backoff = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(a.failures - 1, 10));
        a.notBefore = now + backoff;
        a.sentAt = -1;
        return backoff;
    }

    /** Replicas with a bootstrap sent and no outcome yet. */
    int running() {
        int n = 0;
        for (Attempt a : attempts.values()) {
            if (a.sentAt >= 0 && !a.completed) {
                n++;
            }
        }
        return n;
    }
}
