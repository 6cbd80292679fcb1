package io.cairn.shard.cluster;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaEnvironment;
import io.cairn.shard.replica.ReplicaId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Carries out the placement for the replicas of this node. One per node.
 *
 * <ul>
 *   <li>Every active replica placed here is woken (its recovery starts now, not on the first
 *       write).
 *   <li>A LEAVING replica placed here is deleted once the shard coordinator has stopped its
 *       entity (the {@link PlacementAllocationStrategy} hands it off): its directory is removed
 *       and the coordinator is told {@link PlacementCoordinator.ReplicaLeft}, which drops it from
 *       the placement. Repeated on every check until the placement no longer lists it.
 *   <li>Replica directories that the placement does not list for this node are left alone and
 *       logged once: they may be the only copy of data (e.g. the node was away longer than the
 *       replace delay), so deleting them is the operator's decision.
 * </ul>
 * The replica's metadata journal (a few KiB under {@code meta/}) is not deleted yet.
 */
public final class ReplicaJanitor extends AbstractBehavior<ReplicaJanitor.Command> {
    public sealed interface Command {}

    /** The placement this node knows now (repeats and older tables are ignored). */
    public record PlacementChanged(PlacementTable table) implements Command {}

    private enum Tick implements Command { INSTANCE }

    private record RegionState(Set<String> hostedShards) implements Command {}

    private record Deleted(ReplicaId id, Throwable failure) implements Command {}

    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

    private final String localNodeId;
    private final ReplicaEnvironment env;
    private final ClusterSharding sharding;
    private final ActorRef<PlacementCoordinator.Command> coordinator;
    private final Executor io;
    private final Set<ReplicaId> woken = new HashSet<>();
    private final Set<ReplicaId> deleting = new HashSet<>();
    private final Set<String> orphansLogged = new HashSet<>();
    private PlacementTable table;

    public static Behavior<Command> create(String localNodeId, ReplicaEnvironment env,
            ActorRef<PlacementCoordinator.Command> coordinator) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, CHECK_INTERVAL);
            return new ReplicaJanitor(ctx, localNodeId, env, coordinator);
        }));
    }

    private ReplicaJanitor(ActorContext<Command> ctx, String localNodeId, ReplicaEnvironment env,
            ActorRef<PlacementCoordinator.Command> coordinator) {
        super(ctx);
        this.localNodeId = localNodeId;
        this.env = env;
        this.coordinator = coordinator;
        this.sharding = ClusterSharding.get(ctx.getSystem());
        this.io = ctx.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.storage-io-dispatcher"));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(PlacementChanged.class, this::onTable)
                .onMessageEquals(Tick.INSTANCE, this::check)
                .onMessage(RegionState.class, this::onRegionState)
                .onMessage(Deleted.class, this::onDeleted)
                .build();
    }

    private Behavior<Command> onTable(PlacementChanged m) {
        if (table != null && m.table().version() <= table.version()) {
            return this;
        }
        table = m.table();
        for (PlacedReplica r : table.allReplicas()) {
            if (r.isActive() && r.nodeId().equals(localNodeId) && woken.add(r.id())) {
                sharding.entityRefFor(ReplicaEntity.TYPE_KEY, r.id().entityId())
                        .tell(new ReplicaEntity.Wake());
            }
        }
        logOrphans();
        return check();
    }

    /** Asks the local region which replica entities it hosts, if any replica here is LEAVING. */
    private Behavior<Command> check() {
        if (table == null || leavingHere().isEmpty()) {
            return this;
        }
        ActorRef<ShardRegion.CurrentShardRegionState> adapter = getContext().messageAdapter(
                ShardRegion.CurrentShardRegionState.class, s -> {
                    Set<String> hosted = new HashSet<>();
                    for (ShardRegion.ShardState shard : s.getShards()) {
                        hosted.add(shard.shardId());
                    }
                    return new RegionState(hosted);
                });
        sharding.shardState().tell(new GetShardRegionState(ReplicaEntity.TYPE_KEY, adapter));
        return this;
    }

    private List<ReplicaId> leavingHere() {
        List<ReplicaId> ids = new ArrayList<>();
        for (PlacedReplica r : table.allReplicas()) {
            if (r.state() == ReplicaLifecycle.LEAVING && r.nodeId().equals(localNodeId)) {
                ids.add(r.id());
            }
        }
        return ids;
    }

    private Behavior<Command> onRegionState(RegionState m) {
        for (ReplicaId id : leavingHere()) {
            if (m.hostedShards().contains(id.entityId()) || !deleting.add(id)) {
                continue; // still running (its hand-off comes with the next rebalance)
            }
            Path dir = env.replicaDir(id);
            getContext().pipeToSelf(CompletableFuture.runAsync(() -> deleteTree(dir), io),
                    (ok, err) -> new Deleted(id, err));
        }
        return this;
    }

    private Behavior<Command> onDeleted(Deleted m) {
        deleting.remove(m.id());
        if (m.failure() != null) {
            getContext().getLog().error("cannot delete the data of LEAVING replica {} in {}: {}",
                    m.id(), env.replicaDir(m.id()), m.failure().toString());
            return this;
        }
        getContext().getLog().info("replica {} left this node; its data is deleted", m.id());
        woken.remove(m.id());
        coordinator.tell(new PlacementCoordinator.ReplicaLeft(m.id()));
        return this;
    }

    private void logOrphans() {
        Set<String> placedHere = new HashSet<>();
        for (PlacedReplica r : table.allReplicas()) {
            if (r.nodeId().equals(localNodeId)) {
                placedHere.add(r.id().entityId());
            }
        }
        if (!Files.isDirectory(env.replicasRoot())) {
            return;
        }
        try (Stream<Path> dirs = Files.list(env.replicasRoot())) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!placedHere.contains(name) && orphansLogged.add(name)) {
                    getContext().getLog().warn("replica directory {} is not placed on this node "
                            + "(placement version {}); left in place, delete it by hand if its "
                            + "data is not needed", d, table.version());
                }
            }
        } catch (IOException e) {
            getContext().getLog().warn("cannot list {}: {}", env.replicasRoot(), e.toString());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
