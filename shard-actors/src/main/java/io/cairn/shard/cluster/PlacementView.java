package io.cairn.shard.cluster;

import io.cairn.shard.placement.PlacementTable;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Keeps this node's {@link ClusterPlacement} current: follows the placement's Distributed Data
 * key and the cluster membership (which node ids are reachable now), and tells the
 * {@link ReplicaJanitor} about every newer table. One per node.
 */
public final class PlacementView {
    public sealed interface Command {}

    private record TableChanged(PlacementTable table) implements Command {}

    private record MembershipChanged() implements Command {}

    private PlacementView() {}

    public static Behavior<Command> create(ClusterPlacement placement,
            ActorRef<ReplicaJanitor.Command> janitor) {
        return Behaviors.setup(ctx -> DistributedData.withReplicatorMessageAdapter(
                (ReplicatorMessageAdapter<Command, LWWRegister<PlacementTable>> replicator) -> {
                    Cluster cluster = Cluster.get(ctx.getSystem());
                    cluster.subscriptions().tell(Subscribe.create(
                            ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class,
                                    e -> new MembershipChanged()),
                            ClusterEvent.ClusterDomainEvent.class));
                    replicator.subscribe(PlacementKey.KEY, rsp ->
                            rsp instanceof Replicator.Changed<?> c
                                    ? new TableChanged(((LWWRegister<PlacementTable>)
                                            c.dataValue()).getValue())
                                    : new MembershipChanged());
                    return Behaviors.receive(Command.class)
                            .onMessage(TableChanged.class, m -> {
                                placement.offer(m.table());
                                // The coordinator may have offered it already on this node;
                                // the janitor is told either way, it is idempotent.
                                janitor.tell(new ReplicaJanitor.PlacementChanged(placement.table()));
                                return Behaviors.same();
                            })
                            .onMessage(MembershipChanged.class, m -> {
                                placement.reachable(reachableNodeIds(cluster));
                                PlacementTable t = placement.table();
                                if (t != null) {
                                    janitor.tell(new ReplicaJanitor.PlacementChanged(t));
                                }
                                return Behaviors.same();
                            })
                            .build();
                }));
    }

    /** Node ids of members that are Up (or joining the way out) and reachable from here. */
    static Set<String> reachableNodeIds(Cluster cluster) {
        var state = cluster.state();
        Set<Member> unreachable = state.getUnreachable();
        Set<String> ids = new HashSet<>();
        for (Member m : state.getMembers()) {
            String id = NodeRoles.nodeId(m);
            MemberStatus s = m.status();
            boolean serving = s == MemberStatus.up() || s == MemberStatus.weaklyUp()
                    || s == MemberStatus.leaving() || s == MemberStatus.exiting();
            if (id != null && serving && !unreachable.contains(m)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
