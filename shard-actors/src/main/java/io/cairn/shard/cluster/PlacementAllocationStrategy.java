package io.cairn.shard.cluster;

import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.replica.ReplicaId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Pekko sharding allocation for replica entities (each its own Pekko shard, shard id = entity
 * id), driven by the placement: a replica is allocated to the region of the node the placement
 * puts it on, and nowhere else. Pekko never chooses a node itself.
 *
 * <p>Why not Pekko's {@code ExternalShardAllocationStrategy}: when the desired location is
 * unknown or its node is not in the cluster, that strategy allocates the shard to the requesting
 * node, which for Cairn would create an empty replica on a node the placement does not name
 * (e.g. a write to a replica of a node that just died, or a race between the placement and the
 * strategy's own Distributed Data map). This strategy instead refuses (a failed future); the
 * shard coordinator retries, and the requester's messages wait in its region's buffer until the
 * node is back or the placement moves the replica.
 *
 * <p>Rebalancing moves nothing by itself either: it only hands off replicas that sit on another
 * node than the placement says, and stops replicas the placement no longer has active (LEAVING
 * or gone) so that their node can delete their data.
 *
 * <p>Runs inside the shard coordinator (on the oldest node, where the PlacementCoordinator
 * singleton normally runs too and puts new tables into this node's {@link ClusterPlacement}
 * before publishing them). Reads only thread-safe snapshots.
 */
public final class PlacementAllocationStrategy
        extends ShardCoordinator.AbstractShardAllocationStrategy {
    private final ClusterPlacement placement;
    private final Cluster cluster;

    public PlacementAllocationStrategy(ClusterPlacement placement, Cluster cluster) {
        this.placement = placement;
        this.cluster = cluster;
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
            Map<ActorRef, IndexedSeq<String>> current) {
        PlacedReplica r = placed(shardId);
        if (r == null || !r.isActive()) {
            return Futures.failed(new IllegalStateException("replica " + shardId
                    + " is not placed on any node (yet); not allocating it"));
        }
        for (ActorRef region : current.keySet()) {
            if (r.nodeId().equals(nodeIdOf(region))) {
                return Futures.successful(region);
            }
        }
        return Futures.failed(new IllegalStateException("replica " + shardId + " belongs on node "
                + r.nodeId() + ", which has no shard region in the cluster now"));
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current,
            Set<String> inProgress) {
        Set<String> move = new HashSet<>();
        PlacementTable table = placement.table();
        if (table == null) {
            return Futures.successful(move);
        }
        Set<String> regionNodes = new HashSet<>();
        for (ActorRef region : current.keySet()) {
            String id = nodeIdOf(region);
            if (id != null) {
                regionNodes.add(id);
            }
        }
        for (Map.Entry<ActorRef, IndexedSeq<String>> e : current.entrySet()) {
            String node = nodeIdOf(e.getKey());
            scala.collection.Iterator<String> it = e.getValue().iterator();
            while (it.hasNext()) {
                String shardId = it.next();
                if (inProgress.contains(shardId)) {
                    continue;
                }
                PlacedReplica r = placed(shardId);
                boolean retired = r == null || !r.isActive();
                boolean misplaced = !retired && !r.nodeId().equals(node)
                        && regionNodes.contains(r.nodeId());
                if (retired || misplaced) {
                    move.add(shardId);
                }
            }
        }
        return Futures.successful(move);
    }

    private PlacedReplica placed(String shardId) {
        PlacementTable table = placement.table();
        if (table == null) {
            return null;
        }
        try {
            return table.find(ReplicaId.parse(shardId));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The node id of the member hosting {@code region}, or null. */
    private String nodeIdOf(ActorRef region) {
        Address address = region.path().address();
        if (!address.hasGlobalScope()) {
            address = cluster.selfAddress();
        }
        for (Member m : cluster.state().getMembers()) {
            if (m.address().equals(address)) {
                return NodeRoles.nodeId(m);
            }
        }
        return null;
    }
}
