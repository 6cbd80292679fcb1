package io.cairn.node;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.shard.bootstrap.BootstrapStats;
import io.cairn.shard.cluster.ClusterPlacement;
import io.cairn.shard.cluster.NodeLeave;
import io.cairn.shard.cluster.NodeRoles;
import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.placement.ShardPlacement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The cluster's HTTP surface on every node:
 * <ul>
 *   <li>{@code GET /api/v1/status/cluster}: members (node id, address, zone, status,
 *       reachability) and the placement this node knows (every shard's replicas with node,
 *       generation and state);
 *   <li>{@code POST /admin/decommission}: starts the graceful decommission of this node (every
 *       replica moves to other nodes, then the node stops); 202 with the same progress object
 *       that the status shows under {@code decommission};
 *   <li>{@code /health} answers 503 until the node knows a placement (it could not take writes
 *       yet), then falls through to the ordinary health route.
 * </ul>
 */
final class ClusterRoutes {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Cluster cluster;
    private final ClusterPlacement placement;
    private final int replicationFactor;
    private final NodeLeave leave;

    ClusterRoutes(Cluster cluster, ClusterPlacement placement, int replicationFactor,
            NodeLeave leave) {
        this.cluster = cluster;
        this.placement = placement;
        this.replicationFactor = replicationFactor;
        this.leave = leave;
    }

    Route route() {
        return concat(
                path("health", () -> placement.isReady() ? reject()
                        : complete(HttpResponse.create().withStatus(StatusCodes.SERVICE_UNAVAILABLE)
                                .withEntity("placement not known yet: the node is joining "
                                        + "the cluster"))),
                path(segment("admin").slash("decommission"), () -> post(() -> {
                    leave.request(System.currentTimeMillis());
                    return complete(HttpResponse.create().withStatus(StatusCodes.ACCEPTED)
                            .withEntity(ContentTypes.APPLICATION_JSON, decommission()));
                })),
                pathPrefix("api", () -> pathPrefix("v1", () -> pathPrefix("status", () ->
                        path("cluster", () -> get(() -> complete(HttpResponse.create()
                                .withEntity(ContentTypes.APPLICATION_JSON, status()))))))));
    }

    byte[] status() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeObjectFieldStart("data");
            g.writeStringField("self", placement.localNodeId());
            g.writeBooleanField("ready", placement.isReady());
            g.writeNumberField("replicationFactor", replicationFactor);
            writeNodes(g);
            writeDecommission(g);
            writeBootstrap(g);
            writePlacement(g, placement.table());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] decommission() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "success");
            writeDecommission(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Copies from siblings running on this node (targets of peer bootstrap), with progress:
     * bytes and parts copied since start, chunk retries and failed attempts.
     */
    private static void writeBootstrap(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("bootstrap");
        g.writeNumberField("running", BootstrapStats.RUNNING.sum());
        g.writeNumberField("completed", BootstrapStats.COMPLETED.sum());
        g.writeNumberField("bytesCopied", BootstrapStats.BYTES_COPIED.sum());
        g.writeNumberField("partsCopied", BootstrapStats.PARTS_COPIED.sum());
        g.writeNumberField("partsKept", BootstrapStats.PARTS_KEPT.sum());
        g.writeNumberField("chunkRetries", BootstrapStats.CHUNK_RETRIES.sum());
        g.writeNumberField("failedAttempts", BootstrapStats.FAILED_ATTEMPTS.sum());
        g.writeNumberField("bytesServedToOthers", BootstrapStats.BYTES_SERVED.sum());
        g.writeEndObject();
    }

    /** This node's decommission: requested, done, replicas the placement still lists here. */
    private void writeDecommission(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("decommission");
        g.writeBooleanField("requested", leave.isRequested());
        g.writeBooleanField("done", leave.isDone());
        PlacementTable t = placement.table();
        int here = 0;
        int available = 0;
        if (t != null) {
            for (PlacedReplica r : t.allReplicas()) {
                if (r.nodeId().equals(placement.localNodeId())) {
                    here++;
                    available += r.state() == ReplicaLifecycle.AVAILABLE ? 1 : 0;
                }
            }
        }
        g.writeNumberField("replicasHere", here);
        g.writeNumberField("availableReplicasHere", available);
        if (leave.isRequested()) {
            g.writeNumberField("secondsSinceRequested",
                    (System.currentTimeMillis() - leave.requestedAtMillis()) / 1000);
        }
        g.writeEndObject();
    }

    private void writeNodes(JsonGenerator g) throws IOException {
        ClusterEvent.CurrentClusterState state = cluster.state();
        Set<Member> unreachable = state.getUnreachable();
        g.writeArrayFieldStart("nodes");
        for (Member m : state.getMembers()) {
            g.writeStartObject();
            g.writeStringField("id", NodeRoles.nodeId(m));
            g.writeStringField("address", m.address().toString());
            g.writeStringField("zone", NodeRoles.zone(m));
            g.writeStringField("status", m.status().toString());
            g.writeBooleanField("reachable", !unreachable.contains(m));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writePlacement(JsonGenerator g, PlacementTable t) throws IOException {
        if (t == null) {
            g.writeNullField("placementVersion");
            g.writeArrayFieldStart("shards");
            g.writeEndArray();
            return;
        }
        g.writeNumberField("placementVersion", t.version());
        g.writeArrayFieldStart("shards");
        for (ShardPlacement sp : t.shards()) {
            g.writeStartObject();
            g.writeNumberField("shard", sp.shard());
            g.writeArrayFieldStart("replicas");
            for (PlacedReplica r : sp.replicas()) {
                g.writeStartObject();
                g.writeStringField("id", r.id().entityId());
                g.writeStringField("node", r.nodeId());
                g.writeNumberField("replica", r.slot());
                g.writeNumberField("generation", r.generation());
                g.writeStringField("state", r.state().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
