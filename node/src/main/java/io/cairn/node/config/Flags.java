package io.cairn.node.config;

import java.util.List;

/**
 * Every flag the node accepts. Names follow VictoriaMetrics where it has the same setting.
 * Defaults live in one place only: cluster.conf, under each flag's config path.
 */
public final class Flags {
    private Flags() {}

    public static final List<Flag> ALL = List.of(
            new Flag("httpListenAddr", "cairn.http.listen-addr",
                    "host:port for the HTTP API (ingestion, Prometheus query API, admin)"),
            new Flag("clusterListenAddr", "cairn.cluster.listen-addr",
                    "host:port for Pekko remoting between nodes"),
            new Flag("managementListenAddr", "cairn.management.listen-addr",
                    "host:port for Pekko Management (/cluster/members, /ready, /alive)"),
            new Flag("seedNodes", "cairn.cluster.seed-nodes",
                    "comma-separated host:port cluster addresses of nodes to join; empty = form a "
                            + "one-node cluster with itself"),
            new Flag("storageDataPath", "cairn.storage.data-path",
                    "directory for all data (parts, WAL, index, metadata journal, node id)"),
            new Flag("retentionPeriod", "cairn.storage.retention-period",
                    "how long to keep data: a number of months, or a duration with unit "
                            + "h, d, w, y (e.g. 12, 15d, 1y)"),
            new Flag("shards", "cairn.cluster.shards",
                    "number of logical shards the series space is split into; fixed when the "
                            + "cluster is first created"),
            new Flag("replicationFactor", "cairn.cluster.replication-factor",
                    "number of replicas of every shard, on distinct nodes"),
            new Flag("zone", "cairn.cluster.zone",
                    "zone (rack, availability zone) of this node; replicas of a shard go to "
                            + "distinct zones where possible; empty = no zone"),
            new Flag("replicaReplaceDelay", "cairn.cluster.replica-replace-delay",
                    "how long a node may be unreachable or gone before its replicas are "
                            + "re-created on other nodes (a rolling restart within it moves "
                            + "nothing)"),
            new Flag("initialNodes", "cairn.cluster.initial-nodes",
                    "nodes a brand-new cluster waits for before placing its shards (all "
                            + "replicas of that first placement start empty and available)"),
            new Flag("leave", "cairn.cluster.leave",
                    "on SIGTERM, first move every replica of this node to other nodes (graceful "
                            + "decommission), then stop; POST /admin/decommission does the same "
                            + "at once"),
            new Flag("write.minReplicas", "cairn.write.min-replicas",
                    "replicas whose write-ahead log must hold a write before it is "
                            + "acknowledged"),
            new Flag("dedup.minScrapeInterval", "cairn.storage.dedup-min-scrape-interval",
                    "keep one sample per series per this interval (0s = off); for HA Prometheus "
                            + "pairs set it to the scrape interval"),
            new Flag("inmemoryDataFlushInterval", "cairn.storage.head-flush-interval",
                    "how often recent rows are turned into an immutable part; durability does "
                            + "not depend on it (the WAL has the rows), WAL length and memory do"),
            new Flag("fsync", "cairn.storage.fsync",
                    "WAL durability: batch (group commit, ack after fsync), always (fsync every "
                            + "write), never (ack after write to the OS)"),
            new Flag("maxLabelsPerTimeseries", "cairn.ingest.max-labels-per-timeseries",
                    "series with more labels are rejected"),
            new Flag("maxLabelNameLen", "cairn.ingest.max-label-name-len",
                    "label names longer than this are rejected"),
            new Flag("maxLabelValueLen", "cairn.ingest.max-label-value-len",
                    "label values longer than this are rejected"),
            new Flag("maxInsertRequestSize", "cairn.ingest.max-request-size",
                    "maximum size in bytes of an ingestion request body (after decompression "
                            + "for remote write); bigger requests get HTTP 413"),
            new Flag("search.maxSeries", "cairn.search.max-series",
                    "maximum number of series a query may select"),
            new Flag("search.maxSamplesPerQuery", "cairn.search.max-samples-per-query", "maximum number of raw samples a query may process"),
            new Flag("search.maxQueryDuration", "cairn.search.max-query-duration",
                    "queries running longer are cancelled with HTTP 503"),
            new Flag("search.maxPointsPerTimeseries", "cairn.search.max-points-per-timeseries", "maximum number of points per series a range query may return"),
            new Flag("search.denyPartialResponse", "cairn.search.deny-partial-response",
                    "answer an error instead of a partial result when shards are unreachable"),
            new Flag("handoff.maxBytesPerReplica", "cairn.handoff.max-bytes-per-replica",
                    "bytes of hinted handoff this node queues for one unreachable replica; "
                            + "writes that would exceed it get HTTP 503"));

    /** Boolean flags that may be given bare ({@code -leave} means {@code -leave=true}). */
    public static final java.util.Set<String> SWITCHES = java.util.Set.of("leave",
            "search.denyPartialResponse");

    public static Flag byName(String name) {
        for (Flag f : ALL) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
