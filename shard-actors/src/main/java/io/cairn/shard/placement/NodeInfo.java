package io.cairn.shard.placement;

/**
 * A node that may hold replicas, as the placement algorithm sees it: its stable node id (kept
 * in the node's data directory, not its host:port) and its zone ({@code ""} when the node has
 * none; all zone-less nodes count as one zone).
 */
public record NodeInfo(String nodeId, String zone) {
    public NodeInfo {
        if (nodeId == null || nodeId.isEmpty()) {
            throw new IllegalArgumentException("empty node id");
        }
        zone = zone == null ? "" : zone;
    }
}
