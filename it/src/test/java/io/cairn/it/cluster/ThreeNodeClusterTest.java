package io.cairn.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.Poll;
import io.cairn.it.harness.RunDirectories;
import io.cairn.it.harness.jsonl.ExportedSeries;
import io.cairn.it.querybench.PromResponseParser;
import io.cairn.it.querybench.PromResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three real node processes on 127.0.0.1 forming one cluster with R=2: every shard gets two
 * AVAILABLE replicas on distinct nodes, Pekko Management lists three Up members, and data
 * written through one node is exported identically through the others.
 */
class ThreeNodeClusterTest {
    private static final int SHARDS = 16;
    private static final int RF = 2;
    private static final Duration START = Duration.ofSeconds(120);

    private final List<CairnNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        for (CairnNode n : nodes) {
            n.close();
        }
    }

    @Test
    void threeNodesPlaceEveryShardTwiceAndServeWritesFromAnyNode() throws Exception {
        Path run = RunDirectories.create("cluster-three-nodes");
        CairnNode first = node(run, "n1", null);
        node(run, "n2", first.clusterAddress());
        node(run, "n3", first.clusterAddress());
        long started = System.nanoTime();
        for (CairnNode n : nodes) {
            n.start();
        }
        for (CairnNode n : nodes) {
            n.waitHealthy(START);
        }
        for (CairnNode n : nodes) {
            Poll.until(START, n.name() + " to see every shard with " + RF
                    + " AVAILABLE replicas on distinct nodes", () ->
                    status(n).fullyAvailable(SHARDS, RF, 3));
        }
        long convergedMs = (System.nanoTime() - started) / 1_000_000;
        for (CairnNode n : nodes) {
            HttpApi management = new HttpApi(URI.create("http://127.0.0.1:" + n.managementPort()));
            Poll.until(START, n.name() + "'s /cluster/members to list 3 Up members", () ->
                    ClusterStatus.upMembers(management.get("/cluster/members")
                            .requireSuccess("cluster members").body()) == 3);
        }
        ClusterStatus s1 = status(nodes.get(0));
        assertEquals(s1.placementVersion(), status(nodes.get(1)).placementVersion());
        assertEquals(s1.placementVersion(), status(nodes.get(2)).placementVersion());
        Map<String, Integer> perNode = s1.replicasPerNode();
        assertEquals(3, perNode.size(), "replicas per node " + perNode);
        int min = perNode.values().stream().min(Integer::compare).orElseThrow();
        int max = perNode.values().stream().max(Integer::compare).orElseThrow();
        assertTrue(max - min <= 1, "balanced replicas per node " + perNode);
        System.out.printf("3-node cluster (S=%d, R=%d): all shards AVAILABLE %d ms after the "
                + "processes were started; replicas per node %s%n", SHARDS, RF, convergedMs,
                perNode);

        List<ExportedSeries> written = series(200, 30);
        Poll.until(Duration.ofSeconds(30), "the import through n2 to be accepted", () -> {
            // Accepted only once every replica confirmed; a 503 while the last allocations
            // settle is retried.
            HttpResult r = importVia(nodes.get(1), written);
            return r.isSuccess();
        });
        List<ExportedSeries> expected = sorted(written);
        for (CairnNode reader : List.of(nodes.get(2), nodes.get(0), nodes.get(1))) {
            List<ExportedSeries> read = sorted(reader.api().export("{__name__=~\"it_cluster_.*\"}",
                    null, null));
            assertEquals(expected, read, "export through " + reader.name());
        }
        queriesAgreeOnEveryNode(written);
    }

    /**
     * PromQL through every node: rollups and partial sums computed by the replicas of all
     * three nodes (pushed down, crossing nodes as Kryo messages) give the values the written
     * samples imply, and the same range answer everywhere.
     */
    private void queriesAgreeOnEveryNode(List<ExportedSeries> written) {
        long at = 0;
        double sumOfMax = 0;
        int count = 0;
        for (ExportedSeries s : written) {
            at = Math.max(at, s.timestamps()[s.size() - 1]);
        }
        for (ExportedSeries s : written) {
            if (!s.labels().get("__name__").equals("it_cluster_0")) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < s.size(); i++) {
                if (s.timestamps()[i] > at - 600_000) {
                    max = Math.max(max, s.values()[i]);
                }
            }
            sumOfMax += max;
            count++;
        }
        String range = "sum by (job) (rate(it_cluster_0[2m]))";
        PromResult first = null;
        for (CairnNode n : nodes) {
            assertEquals(sumOfMax, single(n, "sum(max_over_time(it_cluster_0[10m]))", at),
                    1e-9 * sumOfMax, "sum of max_over_time through " + n.name());
            assertEquals(count, single(n, "count(it_cluster_0)", at), "count through " + n.name());
            PromResult r = PromResponseParser.parse(n.api().queryRange(range, at - 300_000, at,
                    15_000)).result();
            assertEquals(1, r.series().size(), range + " through " + n.name() + ": " + r.text());
            if (first == null) {
                first = r;
            } else {
                assertArrayEquals(first.series().get(0).values(), r.series().get(0).values(),
                        range + " through " + n.name());
            }
        }
        System.out.printf("PromQL through all 3 nodes: sum of max_over_time %.2f over %d series, "
                + "%s agree%n", sumOfMax, count, range);
    }

    private static double single(CairnNode n, String promql, long atMs) {
        PromResult r = PromResponseParser.parse(n.api().query(promql, atMs)).result();
        assertEquals(1, r.series().size(), promql + " through " + n.name() + ": " + r.text());
        return r.series().get(0).values()[0];
    }

    /** A node with R=2; the first (seed null) forms the cluster, the others join it. */
    private CairnNode node(Path run, String name, String seed) {
        CairnNode.Builder b = CairnNode.builder(run.resolve(name), name)
                .flag("-replicationFactor=" + RF)
                .flag("-shards=" + SHARDS)
                .flag("-initialNodes=3")
                .jvmOption("-Xmx512m");
        if (seed != null) {
            b.flag("-seedNodes=" + seed);
        }
        CairnNode n = b.build();
        nodes.add(n);
        return n;
    }

    private static ClusterStatus status(CairnNode n) throws Exception {
        return ClusterStatus.parse(n.api().get("/api/v1/status/cluster")
                .requireSuccess("cluster status of " + n.name()).body());
    }

    private static HttpResult importVia(CairnNode n, List<ExportedSeries> series) {
        StringBuilder body = new StringBuilder();
        for (ExportedSeries s : series) {
            body.append("{\"metric\":{");
            boolean firstLabel = true;
            for (Map.Entry<String, String> l : s.labels().entrySet()) {
                body.append(firstLabel ? "" : ",").append('"').append(l.getKey()).append("\":\"")
                        .append(l.getValue()).append('"');
                firstLabel = false;
            }
            body.append("},\"values\":[");
            for (int i = 0; i < s.size(); i++) {
                body.append(i == 0 ? "" : ",").append(s.values()[i]);
            }
            body.append("],\"timestamps\":[");
            for (int i = 0; i < s.size(); i++) {
                body.append(i == 0 ? "" : ",").append(s.timestamps()[i]);
            }
            body.append("]}\n");
        }
        return n.api().post("/api/v1/import", body.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "application/json");
    }

    /** {@code count} series of {@code points} samples each, 15 s apart, ending a minute ago. */
    private static List<ExportedSeries> series(int count, int points) {
        long end = (System.currentTimeMillis() / 1000 - 60) * 1000;
        List<ExportedSeries> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] ts = new long[points];
            double[] vs = new double[points];
            for (int k = 0; k < points; k++) {
                ts[k] = end - (points - 1 - k) * 15_000L;
                vs[k] = i * 1000 + k + (k % 3) * 0.25;
            }
            out.add(ExportedSeries.of(ts, vs, "__name__", "it_cluster_" + (i % 7),
                    "instance", "host-" + i, "job", "it"));
        }
        return out;
    }

    private static List<ExportedSeries> sorted(List<ExportedSeries> in) {
        List<ExportedSeries> out = new ArrayList<>(in);
        out.sort(Comparator.comparing(s -> s.labels().toString()));
        return out;
    }
}
