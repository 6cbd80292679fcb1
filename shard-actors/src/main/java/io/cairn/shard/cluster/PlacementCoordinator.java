package io.cairn.shard.cluster;

import io.cairn.shard.bootstrap.BootstrapOutcome;
import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.NodeInfo;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementAlgorithm;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.shard.serialization.CairnMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Owns the cluster's placement (DESIGN.md §3); runs as a Cluster Singleton. It reads the last
 * placement from Distributed Data when it starts (a majority read, else this node's durable
 * copy), then recomputes it with {@link PlacementAlgorithm} whenever membership or a replica's
 * state changes, and publishes every new table: first into this node's
 * {@link ClusterPlacement} (the shard coordinator, which allocates replicas by it, runs on the
 * same oldest node), then to Distributed Data with a majority write.
 *
 * <p>A node that becomes unreachable or leaves keeps its replicas for
 * {@link PlacementSettings#replaceDelay()}: a rolling restart moves nothing. After that its
 * replicas are dropped and re-created on live nodes. A brand-new cluster waits for
 * {@link PlacementSettings#initialNodes()} nodes and places every replica AVAILABLE at once.
 *
 * <p>It also drives every move to its end: INITIALIZING replicas get {@code StartBootstrap}
 * from an AVAILABLE sibling once the nodes' {@link NodeReport}s prove it safe
 * ({@link BootstrapPlanner}), and a completed copy is published AVAILABLE. Nodes whose reports
 * say they are leaving (graceful decommission) are drained: they own no slots, their AVAILABLE
 * replicas serve until the new owners hold the data.
 *
 * <p>Nodes are known by their stable node id ({@link NodeRoles}), not their address.
 */
public final class PlacementCoordinator extends AbstractBehavior<PlacementCoordinator.Command> {

    public sealed interface Command {}

    /** An INITIALIZING replica holds all data of its shard now (sent by its node). */
    public record ReplicaBecameAvailable(ReplicaId replica) implements Command, CairnMessage {}

    /** A LEAVING replica has stopped and deleted its data (sent by its node). */
    public record ReplicaLeft(ReplicaId replica) implements Command, CairnMessage {}

    /**
     * What a node's write path knows, sent every second by its {@link NodeReporter}.
     *
     * @param version the placement version the node's router uses
     * @param safeVersion {@code min(version, oldest version a write in flight was routed with)}
     * @param pendingHandoff entity ids with rows waiting in the node's hinted handoff, read
     *     after {@code safeVersion}
     * @param leaving whether the node is being decommissioned
     */
    public record NodeReport(String nodeId, long version, long safeVersion,
            List<String> pendingHandoff, boolean leaving) implements Command, CairnMessage {}

    private record BootstrapEnded(BootstrapOutcome outcome) implements Command {}

    private enum BootstrapTick implements Command { INSTANCE }

    private record MembershipChanged() implements Command {}

    private record Loaded(PlacementTable table, boolean authoritative) implements Command {}

    private record LoadFailed(String reason) implements Command {}

    private record Changed(PlacementTable table) implements Command {}

    private record Written(long version, String failure) implements Command {}

    private enum Tick implements Command { INSTANCE }

    private final PlacementSettings settings;
    private final ClusterPlacement local;
    private final LongSupplier clock;
    private final Cluster cluster;
    private final SelfUniqueAddress self;
    private final ReplicatorMessageAdapter<Command, LWWRegister<PlacementTable>> replicator;
    private final TimerScheduler<Command> timers;
    /** Since when (clock millis) each placed node has been missing from the live members. */
    private final Map<String, Long> absentSince = new HashMap<>();
    /** Zone of every node seen, to keep absent nodes' zones while their replicas wait. */
    private final Map<String, String> zones = new HashMap<>();
    /** Nodes gone longer than the replace delay whose expiry was logged. */
    private final Set<String> expired = new HashSet<>();
    private final BootstrapPlanner bootstraps = new BootstrapPlanner();
    private final ClusterSharding sharding;
    private final ActorRef<BootstrapOutcome> outcomes;
    private PlacementTable table;
    private boolean loaded;

    public static Behavior<Command> create(PlacementSettings settings, ClusterPlacement local,
            LongSupplier clock) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                DistributedData.withReplicatorMessageAdapter(
                        (ReplicatorMessageAdapter<Command, LWWRegister<PlacementTable>> r) ->
                                new PlacementCoordinator(ctx, timers, r, settings, local,
                                        clock))));
    }

    private PlacementCoordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers,
            ReplicatorMessageAdapter<Command, LWWRegister<PlacementTable>> replicator,
            PlacementSettings settings, ClusterPlacement local, LongSupplier clock) {
        super(ctx);
        this.settings = settings;
        this.local = local;
        this.clock = clock;
        this.timers = timers;
        this.replicator = replicator;
        this.cluster = Cluster.get(ctx.getSystem());
        this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
        this.sharding = ClusterSharding.get(ctx.getSystem());
        this.outcomes = ctx.messageAdapter(BootstrapOutcome.class, BootstrapEnded::new);
        timers.startTimerWithFixedDelay(BootstrapTick.INSTANCE, NodeReporter.INTERVAL);
        cluster.subscriptions().tell(Subscribe.create(
                ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class,
                        e -> new MembershipChanged()),
                ClusterEvent.ClusterDomainEvent.class));
        replicator.subscribe(PlacementKey.KEY, rsp -> rsp instanceof Replicator.Changed<?> c
                ? new Changed(((LWWRegister<PlacementTable>) c.dataValue()).getValue())
                : new MembershipChanged());
        replicator.askGet(replyTo -> new Replicator.Get<>(PlacementKey.KEY,
                        new Replicator.ReadMajority(settings.writeTimeout()), replyTo),
                rsp -> loadedFrom(rsp, true));
        ctx.getLog().info("placement coordinator started on {}", cluster.selfMember().address());
    }

    private static Command loadedFrom(Replicator.GetResponse<LWWRegister<PlacementTable>> rsp,
            boolean majority) {
        if (rsp instanceof Replicator.GetSuccess<LWWRegister<PlacementTable>> ok) {
            return new Loaded(ok.get(PlacementKey.KEY).getValue(), majority);
        }
        if (rsp instanceof Replicator.NotFound<?>) {
            return new Loaded(null, majority);
        }
        return new LoadFailed(rsp.toString());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Loaded.class, this::onLoaded)
                .onMessage(LoadFailed.class, this::onLoadFailed)
                .onMessage(Changed.class, this::onChanged)
                .onMessage(MembershipChanged.class, m -> replace())
                .onMessageEquals(Tick.INSTANCE, this::replace)
                .onMessage(ReplicaBecameAvailable.class, m -> apply(
                        table == null ? null : table.replicaBecameAvailable(m.replica())))
                .onMessage(ReplicaLeft.class, m -> apply(
                        table == null ? null : table.replicaLeft(m.replica())))
                .onMessage(Written.class, this::onWritten)
                .onMessage(NodeReport.class, this::onReport)
                .onMessageEquals(BootstrapTick.INSTANCE, this::driveBootstraps)
                .onMessage(BootstrapEnded.class, this::onBootstrapEnded)
                .build();
    }

    private Behavior<Command> onLoadFailed(LoadFailed m) {
        getContext().getLog().info("no majority answered the placement read ({}); using this "
                + "node's copy", m.reason());
        replicator.askGet(replyTo -> new Replicator.Get<>(PlacementKey.KEY,
                Replicator.readLocal(), replyTo), rsp -> {
                    Command c = loadedFrom(rsp, false);
                    return c instanceof LoadFailed ? new Loaded(null, false) : c;
                });
        return this;
    }

    private Behavior<Command> onLoaded(Loaded m) {
        if (loaded) {
            return this;
        }
        loaded = true;
        PlacementTable found = m.table();
        if (found != null && (table == null || found.version() > table.version())) {
            table = found;
        }
        if (table != null) {
            getContext().getLog().info("placement version {} loaded ({} shards)",
                    table.version(), table.shardCount());
            if (table.shardCount() != settings.shards()) {
                getContext().getLog().warn("the cluster has {} shards; -shards={} is ignored "
                        + "(the shard count is fixed when a cluster is created)",
                        table.shardCount(), settings.shards());
            }
            long now = clock.getAsLong();
            for (PlacedReplica r : table.allReplicas()) {
                absentSince.putIfAbsent(r.nodeId(), now); // until membership says otherwise
            }
            local.offer(table);
            bootstraps.noteTable(table);
        }
        return replace();
    }

    /** A table published by an earlier coordinator (e.g. before a handover) that is newer. */
    private Behavior<Command> onChanged(Changed m) {
        if (table == null || m.table().version() > table.version()) {
            table = m.table();
            local.offer(table);
            bootstraps.noteTable(table);
        }
        return this;
    }

    /** Recomputes the placement from the live nodes. */
    private Behavior<Command> replace() {
        if (!loaded) {
            return this;
        }
        Map<String, NodeInfo> present = presentNodes();
        long now = clock.getAsLong();
        absentSince.keySet().removeAll(present.keySet());
        expired.removeAll(present.keySet());
        Set<String> draining = new HashSet<>(bootstraps.leavingNodes());
        draining.retainAll(present.keySet());
        Map<String, NodeInfo> live = new TreeMap<>(present);
        live.keySet().removeAll(draining);
        if (!draining.isEmpty() && live.size() < settings.replicationFactor()) {
            getContext().getLog().warn("nodes {} are leaving, but the {} other nodes cannot hold "
                    + "{} replicas of every shard; the replicas that have no other place stay "
                    + "on the leaving nodes", draining, live.size(),
                    settings.replicationFactor());
        }
        long nextExpiry = Long.MAX_VALUE;
        if (table != null) {
            Set<String> placedNodes = new HashSet<>();
            for (PlacedReplica r : table.allReplicas()) {
                placedNodes.add(r.nodeId());
            }
            for (String node : placedNodes) {
                if (present.containsKey(node)) {
                    continue;
                }
                long since = absentSince.computeIfAbsent(node, k -> now);
                long expiry = since + settings.replaceDelay().toMillis();
                if (now < expiry) {
                    live.put(node, new NodeInfo(node, zones.getOrDefault(node, "")));
                    nextExpiry = Math.min(nextExpiry, expiry);
                } else if (expired.add(node)) {
                    // Kept in absentSince: a node whose last copies stay in the table must not
                    // count as live again (and get new replicas) until it is really back.
                    getContext().getLog().warn("node {} has been gone for more than {}; "
                            + "re-creating its replicas on other nodes from their siblings "
                            + "(a shard with no other AVAILABLE copy waits for this node)", node,
                            settings.replaceDelay());
                }
            }
        }
        if (nextExpiry != Long.MAX_VALUE) {
            timers.startSingleTimer(Tick.INSTANCE, Duration.ofMillis(nextExpiry - now + 1));
        }
        if (table == null) {
            if (present.size() < settings.initialNodes()) {
                getContext().getLog().info("waiting for {} nodes before the first placement "
                        + "(have {})", settings.initialNodes(), present.size());
                return this;
            }
            return apply(PlacementAlgorithm.place(PlacementTable.unplaced(settings.shards()),
                    live.values(), settings.replicationFactor(), true));
        }
        return apply(PlacementAlgorithm.place(table, live.values(), draining,
                settings.replicationFactor(), false));
    }

    /** Members that can hold replicas now: Up (or weakly up) and reachable, with a node id. */
    private Map<String, NodeInfo> presentNodes() {
        var state = cluster.state();
        Set<Member> unreachable = state.getUnreachable();
        Map<String, NodeInfo> present = new TreeMap<>();
        for (Member m : state.getMembers()) {
            String id = NodeRoles.nodeId(m);
            if (id == null) {
                continue;
            }
            zones.put(id, NodeRoles.zone(m));
            if ((m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp())
                    && !unreachable.contains(m)) {
                present.put(id, new NodeInfo(id, NodeRoles.zone(m)));
            }
        }
        return present;
    }

    private Behavior<Command> apply(PlacementTable next) {
        if (next == null || next == table || !loaded) {
            return this;
        }
        table = next;
        logChange(next);
        local.offer(next);
        bootstraps.noteTable(next);
        PlacementTable written = next;
        replicator.askUpdate(replyTo -> new Replicator.Update<>(PlacementKey.KEY,
                LWWRegister.create(self, written, PlacementKey.CLOCK),
                new Replicator.WriteMajority(settings.writeTimeout()), replyTo,
                reg -> reg.getValue().version() >= written.version() ? reg
                        : reg.withValue(self, written, PlacementKey.CLOCK)),
                rsp -> new Written(written.version(),
                        rsp instanceof Replicator.UpdateSuccess<?> ? null : rsp.toString()));
        return this;
    }

    private void logChange(PlacementTable t) {
        int initializing = 0;
        int available = 0;
        int leaving = 0;
        List<String> nodes = new ArrayList<>();
        for (PlacedReplica r : t.allReplicas()) {
            switch (r.state()) {
                case INITIALIZING -> initializing++;
                case AVAILABLE -> available++;
                case LEAVING -> leaving++;
                default -> throw new IllegalStateException("BUG: state " + r.state());
            }
            if (!nodes.contains(r.nodeId())) {
                nodes.add(r.nodeId());
            }
        }
        getContext().getLog().info("placement version {}: {} shards on {} nodes, replicas {} "
                + "available, {} initializing, {} leaving", t.version(), t.shardCount(),
                nodes.size(), available, initializing, leaving);
    }

    private Behavior<Command> onReport(NodeReport m) {
        boolean leavingChanged = bootstraps.report(m.nodeId(), new BootstrapPlanner.Report(
                m.version(), m.safeVersion(), Set.copyOf(m.pendingHandoff()), m.leaving()));
        if (leavingChanged) {
            getContext().getLog().info(m.leaving() ? "node {} is leaving: moving its replicas "
                    + "to other nodes" : "node {} is no longer leaving", m.nodeId());
            return replace();
        }
        return this;
    }

    /** Starts the bootstraps that are due and declares finished copies AVAILABLE. */
    private Behavior<Command> driveBootstraps() {
        if (table == null || !loaded) {
            return this;
        }
        List<String> members = memberNodeIds();
        bootstraps.retainReports(members);
        for (ReplicaId id : bootstraps.declarable()) {
            declareAvailable(id);
        }
        Map<ReplicaId, String> held = new TreeMap<>(Comparator.comparing(ReplicaId::entityId));
        List<BootstrapPlanner.Start> starts = bootstraps.due(table, presentNodes().keySet(),
                members, clock.getAsLong(), held);
        held.forEach((id, why) -> getContext().getLog().info("bootstrap of {} waits: {}", id,
                why));
        for (BootstrapPlanner.Start s : starts) {
            getContext().getLog().info("bootstrap of {} on node {} from {} on node {}",
                    s.target().id(), s.target().nodeId(), s.source().id(), s.source().nodeId());
            sharding.entityRefFor(ReplicaEntity.TYPE_KEY, s.target().id().entityId())
                    .tell(new ReplicaEntity.StartBootstrap(s.source().id().entityId(), outcomes));
        }
        return this;
    }

    private Behavior<Command> onBootstrapEnded(BootstrapEnded m) {
        ReplicaId id = ReplicaId.parse(m.outcome().entityId());
        if (table == null || table.find(id) == null
                || table.find(id).state() != ReplicaLifecycle.INITIALIZING) {
            return this; // a late or repeated answer
        }
        if (m.outcome() instanceof BootstrapOutcome.Completed c) {
            getContext().getLog().info("bootstrap of {} completed ({} bytes, {} parts copied, "
                    + "{} kept)", id, c.bytesCopied(), c.partsCopied(), c.partsKept());
            if (bootstraps.completed(id)) {
                declareAvailable(id);
            } else {
                getContext().getLog().info("{} becomes AVAILABLE once the hinted handoff "
                        + "queued for it is delivered", id);
            }
        } else if (m.outcome() instanceof BootstrapOutcome.Failed f) {
            long backoff = bootstraps.failed(id, clock.getAsLong());
            getContext().getLog().warn("bootstrap of {} failed ({}); next attempt in {} ms", id,
                    f.reason(), backoff);
        }
        return this;
    }

    private void declareAvailable(ReplicaId id) {
        getContext().getLog().info("replica {} holds all data of shard {}: AVAILABLE", id,
                id.shard());
        apply(table.replicaBecameAvailable(id));
    }

    /** Node ids of every member that could route writes: all but Down and Removed ones. */
    private List<String> memberNodeIds() {
        List<String> ids = new ArrayList<>();
        for (Member m : cluster.state().getMembers()) {
            String id = NodeRoles.nodeId(m);
            if (id != null && m.status() != MemberStatus.down()
                    && m.status() != MemberStatus.removed()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private Behavior<Command> onWritten(Written m) {
        if (m.failure() != null) {
            getContext().getLog().warn("placement version {} reached no majority yet ({}); "
                    + "it spreads by gossip", m.version(), m.failure());
        }
        return this;
    }
}
