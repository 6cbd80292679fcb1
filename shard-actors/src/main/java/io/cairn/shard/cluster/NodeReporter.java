package io.cairn.shard.cluster;

import io.cairn.shard.ingest.InFlightWrites;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the placement coordinator, every {@link #INTERVAL}, what this node's write path knows
 * ({@link PlacementCoordinator.NodeReport}): the placement version its router uses, the oldest
 * version a write still in flight was routed with, which replicas have rows waiting in this
 * node's hinted handoff, and whether the node is leaving. The coordinator starts a peer
 * bootstrap only when every member's reports prove that no row routed without the new replica
 * can still reach its source (docs/cluster.md). Also follows this node's decommission
 * ({@link NodeLeave}). One per node.
 */
public final class NodeReporter {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(NodeReporter.class);

    /** The reporter's only message: its timer. */
    public enum Tick { INSTANCE }

    private NodeReporter() {}

    /**
     * @param pendingHandoff entity ids with rows waiting in this node's hinted handoff; read
     *     after the in-flight count, so that a block handed off by a request that was in flight
     *     is either still counted there or listed here
     */
    public static Behavior<Tick> create(ClusterPlacement placement, InFlightWrites inFlight,
            Supplier<Collection<String>> pendingHandoff, NodeLeave leave,
            ActorRef<PlacementCoordinator.Command> coordinator, LongSupplier clock) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, INTERVAL);
            int[] lastRemaining = {Integer.MIN_VALUE};
            return Behaviors.receive(Tick.class).onMessageEquals(Tick.INSTANCE, () -> {
                PlacementTable t = placement.table();
                long version = t == null ? 0 : t.version();
                long safe = Math.min(version, inFlight.oldest());
                List<String> pending = List.copyOf(pendingHandoff.get());
                coordinator.tell(new PlacementCoordinator.NodeReport(placement.localNodeId(),
                        version, safe, pending, leave.isRequested()));
                if (leave.isRequested() && placement.isReady()) {
                    int here = replicasOn(t, placement.localNodeId());
                    leave.progress(here);
                    if (here != lastRemaining[0]) {
                        lastRemaining[0] = here;
                        LOG.info("decommission of this node: {} replicas still placed here "
                                + "(placement version {}, {} s since requested)", here,
                                version, (clock.getAsLong() - leave.requestedAtMillis()) / 1000);
                    }
                }
                return Behaviors.same();
            }).build();
        }));
    }

    static int replicasOn(PlacementTable t, String nodeId) {
        List<PlacedReplica> here = new ArrayList<>();
        for (PlacedReplica r : t.allReplicas()) {
            if (r.nodeId().equals(nodeId)) {
                here.add(r);
            }
        }
        return here.size();
    }
}
