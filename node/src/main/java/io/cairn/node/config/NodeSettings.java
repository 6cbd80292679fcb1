package io.cairn.node.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's settings, typed and validated once at start-up from the merged config (flags,
 * environment, cluster.conf). Invalid values fail start-up with a message naming the flag.
 */
public record NodeSettings(
        HostPort httpListen,
        HostPort clusterListen,
        HostPort managementListen,
        List<HostPort> seedNodes,
        Path dataPath,
        Duration retention,
        int shards,
        int replicationFactor,
        String zone,
        Duration replicaReplaceDelay,
        int initialNodes,
        boolean leave,
        int writeMinReplicas,
        Duration dedupInterval,
        String fsync,
        int maxLabelsPerTimeseries,
        int maxLabelNameLen,
        int maxLabelValueLen,
        long maxRequestSize,
        int maxSeries,
        long maxSamplesPerQuery,
        Duration maxQueryDuration,
        int maxPointsPerTimeseries,
        boolean denyPartialResponse,
        long handoffMaxBytesPerReplica) {

    public static NodeSettings from(Config c) {
        List<HostPort> seeds = new ArrayList<>();
        for (String s : c.getString("cairn.cluster.seed-nodes").split(",")) {
            if (!s.isBlank()) {
                seeds.add(HostPort.parse("seedNodes", s.trim()));
            }
        }
        String fsync = c.getString("cairn.storage.fsync");
        if (!List.of("batch", "always", "never").contains(fsync)) {
            throw new IllegalArgumentException(
                    "-fsync=\"" + fsync + "\": want one of batch, always, never");
        }
        return new NodeSettings(
                HostPort.parse("httpListenAddr", c.getString("cairn.http.listen-addr")),
                HostPort.parse("clusterListenAddr", c.getString("cairn.cluster.listen-addr")),
                HostPort.parse("managementListenAddr", c.getString("cairn.management.listen-addr")),
                List.copyOf(seeds),
                Path.of(c.getString("cairn.storage.data-path")).toAbsolutePath(),
                DurationParser.parseRetention("retentionPeriod",
                        c.getString("cairn.storage.retention-period")),
                positive("shards", c.getString("cairn.cluster.shards")),
                positive("replicationFactor", c.getString("cairn.cluster.replication-factor")),
                zone(c.getString("cairn.cluster.zone")),
                DurationParser.parse("replicaReplaceDelay",
                        c.getString("cairn.cluster.replica-replace-delay")),
                positive("initialNodes", c.getString("cairn.cluster.initial-nodes")),
                bool("leave", c.getString("cairn.cluster.leave")),
                positive("write.minReplicas", c.getString("cairn.write.min-replicas")),
                DurationParser.parse("dedup.minScrapeInterval",
                        c.getString("cairn.storage.dedup-min-scrape-interval")),
                fsync,
                positive("maxLabelsPerTimeseries",
                        c.getString("cairn.ingest.max-labels-per-timeseries")),
                positive("maxLabelNameLen", c.getString("cairn.ingest.max-label-name-len")),
                positive("maxLabelValueLen", c.getString("cairn.ingest.max-label-value-len")),
                positiveLong("maxInsertRequestSize", c.getString("cairn.ingest.max-request-size")),
                positive("search.maxSeries", c.getString("cairn.search.max-series")),
                positiveLong("search.maxSamplesPerQuery",
                        c.getString("cairn.search.max-samples-per-query")),
                DurationParser.parse("search.maxQueryDuration",
                        c.getString("cairn.search.max-query-duration")),
                positive("search.maxPointsPerTimeseries",
                        c.getString("cairn.search.max-points-per-timeseries")),
                bool("search.denyPartialResponse",
                        c.getString("cairn.search.deny-partial-response")),
                positiveLong("handoff.maxBytesPerReplica",
                        c.getString("cairn.handoff.max-bytes-per-replica")));
    }

    private static String zone(String text) {
        String z = text.trim();
        for (int i = 0; i < z.length(); i++) {
            char ch = z.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.')) {
                throw new IllegalArgumentException("-zone=\"" + text + "\": want letters, "
                        + "digits, '-', '_' or '.'");
            }
        }
        return z;
    }

    private static int positive(String flag, String text) {
        long v = positiveLong(flag, text);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("-" + flag + "=" + text + ": too large");
        }
        return (int) v;
    }

    private static long positiveLong(String flag, String text) {
        try {
            long v = Long.parseLong(text.trim());
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-" + flag + "=\"" + text + "\": want a positive integer");
        }
    }

    private static boolean bool(String flag, String text) {
        return switch (text.trim()) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> throw new IllegalArgumentException(
                    "-" + flag + "=\"" + text + "\": want true or false");
        };
    }
}
