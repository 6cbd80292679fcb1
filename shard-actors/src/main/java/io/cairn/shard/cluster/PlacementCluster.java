package io.cairn.shard.cluster;

import io.cairn.shard.replica.ReplicaEnvironment;
import io.cairn.shard.replica.ReplicaSharding;
import io.cairn.shard.ingest.InFlightWrites;
import java.util.Collection;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Starts the placement machinery of a node: the replica entities under the placement's
 * allocation strategy, the PlacementCoordinator singleton (proxy), this node's
 * {@link PlacementView} and {@link ReplicaJanitor}. Call once per actor system, before the
 * node serves requests; the returned {@link ClusterPlacement} is what the ingest and read paths
 * use.
 */
public final class PlacementCluster {
    public static final String SINGLETON_NAME = "placement-coordinator";

    private PlacementCluster() {}

    /** What the node's services use. */
    public record Handles(ClusterPlacement placement,
            ActorRef<PlacementCoordinator.Command> coordinator) {}

    /**
     * @param inFlight the write requests the node's ingest router is routing (for the
     *     coordinator's bootstrap safety rule, see {@link BootstrapPlanner})
     * @param pendingHandoff entity ids with rows waiting in this node's hinted handoff
     * @param leave this node's decommission state
     */
    public static Handles start(ActorSystem<?> system, String localNodeId,
            PlacementSettings settings, ReplicaEnvironment env, LongSupplier clock,
            InFlightWrites inFlight, Supplier<Collection<String>> pendingHandoff,
            NodeLeave leave) {
        ClusterPlacement placement = new ClusterPlacement(localNodeId, settings.shards());
        ReplicaSharding.init(system, env, new PlacementAllocationStrategy(placement,
                Cluster.get(Adapter.toClassic(system))));
        ActorRef<PlacementCoordinator.Command> coordinator = ClusterSingleton.get(system).init(
                SingletonActor.of(Behaviors.supervise(
                                PlacementCoordinator.create(settings, placement, clock))
                        .onFailure(SupervisorStrategy.restart()), SINGLETON_NAME));
        ActorRef<ReplicaJanitor.Command> janitor = system.systemActorOf(
                ReplicaJanitor.create(localNodeId, env, coordinator), "replica-janitor",
                Props.empty());
        system.systemActorOf(PlacementView.create(placement, janitor), "placement-view",
                Props.empty());
        system.systemActorOf(NodeReporter.create(placement, inFlight, pendingHandoff, leave,
                coordinator, clock), "node-reporter", Props.empty());
        return new Handles(placement, coordinator);
    }
}
