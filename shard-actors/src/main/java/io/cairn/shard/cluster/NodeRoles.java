package io.cairn.shard.cluster;

import java.util.List;
import org.apache.pekko.cluster.Member;

/**
 * How a cluster member carries its stable node id and zone: as Pekko cluster roles
 * {@code node-id:<id>} and {@code zone:<zone>}, set from the node's data directory and
 * {@code -zone} before the actor system starts. Roles travel with membership gossip, so every
 * node knows which node id is behind which address, and a node restarted on another host:port
 * is recognised by its id.
 */
public final class NodeRoles {
    public static final String NODE_ID_PREFIX = "node-id:";
    public static final String ZONE_PREFIX = "zone:";

    private NodeRoles() {}

    /** The roles a node with this id and zone ({@code ""} for none) joins with. */
    public static List<String> roles(String nodeId, String zone) {
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("empty node id");
        }
        return zone == null || zone.isEmpty() ? List.of(NODE_ID_PREFIX + nodeId)
                : List.of(NODE_ID_PREFIX + nodeId, ZONE_PREFIX + zone);
    }

    /** The member's node id, or null for a member that carries none (not a Cairn node). */
    public static String nodeId(Member m) {
        return withPrefix(m, NODE_ID_PREFIX);
    }

    /** The member's zone, {@code ""} when it has none. */
    public static String zone(Member m) {
        String z = withPrefix(m, ZONE_PREFIX);
        return z == null ? "" : z;
    }

    private static String withPrefix(Member m, String prefix) {
        for (String role : m.getRoles()) {
            if (role.startsWith(prefix)) {
                return role.substring(prefix.length());
            }
        }
        return null;
    }
}
