package io.cairn.shard.cluster;

import java.time.Duration;

/**
 * Settings of the placement coordinator.
 *
 * @param shards shard count of a new cluster (an existing placement keeps its own)
 * @param replicationFactor replicas per shard
 * @param replaceDelay how long a node may be unreachable or gone before its replicas are
 *     re-created elsewhere ({@code -replicaReplaceDelay}); a rolling restart copies nothing
 * @param initialNodes how many nodes a brand-new cluster waits for before its first placement,
 *     whose replicas all start AVAILABLE (there is no data yet); later joiners get replicas
 *     that must be filled first
 * @param writeTimeout how long a placement write waits for a majority of nodes
 */
public record PlacementSettings(int shards, int replicationFactor, Duration replaceDelay,
        int initialNodes, Duration writeTimeout) {
    public PlacementSettings {
        if (shards <= 0 || replicationFactor <= 0 || initialNodes <= 0) {
            throw new IllegalArgumentException("shards " + shards + ", replication factor "
                    + replicationFactor + ", initial nodes " + initialNodes
                    + ": all must be positive");
        }
        if (replaceDelay.isNegative()) {
            throw new IllegalArgumentException("negative replica replace delay " + replaceDelay);
        }
    }
}
