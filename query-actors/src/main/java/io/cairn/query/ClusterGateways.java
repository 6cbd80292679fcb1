package io.cairn.query;

import io.cairn.shard.cluster.NodeRoles;
import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.ReadGateway;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Finds the {@link ReadGateway} of a node by its node id: this node's own gateway directly;
 * another node's at {@code /system/}{@value ReadGateway#NAME} on the address of the cluster
 * member that carries the node id ({@link NodeRoles}). The placement names node ids, membership
 * maps them to addresses, so a node restarted on another address is found at its new one.
 *
 * <p>Thread-safe: membership is read from Pekko's current cluster state on each call; resolved
 * references are cached per address (a path without uid reaches any incarnation there).
 */
public final class ClusterGateways implements Function<String, RecipientRef<ReadGateway.Command>> {
    private final Cluster cluster;
    private final ActorRefResolver resolver;
    private final String localNodeId;
    private final ActorRef<ReadGateway.Command> local;
    private final Map<Address, ActorRef<ReadGateway.Command>> remote = new ConcurrentHashMap<>();

    public ClusterGateways(ActorSystem<?> system, String localNodeId,
            ActorRef<ReadGateway.Command> local) {
        this.cluster = Cluster.get(system);
        this.resolver = ActorRefResolver.get(system);
        this.localNodeId = localNodeId;
        this.local = local;
    }

    /** The node's gateway, or null when no member that may serve reads carries the node id. */
    @Override
    public RecipientRef<ReadGateway.Command> apply(String nodeId) {
        if (nodeId.equals(localNodeId) || nodeId.equals(Placement.THIS_NODE)) {
            return local;
        }
        for (Member m : cluster.state().getMembers()) {
            if (nodeId.equals(NodeRoles.nodeId(m)) && serves(m.status())) {
                return remote.computeIfAbsent(m.address(), a -> resolver.resolveActorRef(
                        a + "/system/" + ReadGateway.NAME));
            }
        }
        return null;
    }

    private static boolean serves(MemberStatus s) {
        return s == MemberStatus.up() || s == MemberStatus.weaklyUp()
                || s == MemberStatus.leaving() || s == MemberStatus.joining();
    }
}
