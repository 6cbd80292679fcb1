package io.cairn.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.CairnCluster;
import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.Poll;
import io.cairn.it.harness.RunDirectories;
import io.cairn.it.harness.jsonl.ExportedSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The life of a 3-node, R=2 cluster under continuous ingest, one scenario after the other on
 * the same data, each checked by exporting everything and comparing it sample for sample with
 * what was acknowledged: a node is killed (-9) and queries stay complete, then it restarts and
 * catches up through hinted handoff; a fourth node joins and gets its balanced share by peer
 * bootstrap; a node is decommissioned and exits; the whole cluster restarts.
 */
class ClusterLifecycleTest {
    private static final int SHARDS = 8;
    private static final int RF = 2;
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(150);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static void flags(CairnNode.Builder b) {
        b.flag("-replicationFactor=" + RF).flag("-shards=" + SHARDS).flag("-initialNodes=3")
                .flag("-inmemoryDataFlushInterval=1s").flag("-replicaReplaceDelay=5m")
                .jvmOption("-Xmx384m");
    }

    @Test
    void killRestartJoinDecommissionAndFullRestartKeepEveryAcknowledgedSample() throws Exception {
        Path run = RunDirectories.create("cluster-lifecycle");
        CairnCluster cluster = CairnCluster.create(run, 3, (i, b) -> flags(b));
        toClose.add(cluster);
        CairnNode n1 = cluster.node(0);
        CairnNode n2 = cluster.node(1);
        CairnNode n3 = cluster.node(2);
        cluster.start();
        cluster.waitHealthy(START);
        Poll.until(START, "every shard with 2 AVAILABLE replicas", () ->
                status(n1).fullyAvailable(SHARDS, RF, 3));
        ContinuousIngest ingest = new ContinuousIngest(n1);
        toClose.add(ingest);
        waitRounds(ingest, 20);

        // 1. kill -9 of n3 under ingest: queries through n1 stay complete.
        long t0 = System.nanoTime();
        n3.kill9();
        Poll.until(Duration.ofSeconds(60), "n1 to see n3 unreachable", () ->
                status(n1).nodes().stream().anyMatch(n -> !n.reachable()));
        int before = waitRounds(ingest, ingest.acknowledged() + 30);
        assertCompleteUpTo(n1, ingest, before, "n1 while n3 is down");
        assertCompleteUpTo(n2, ingest, before, "n2 while n3 is down");
        assertQueryNotPartial(n1);
        log("n3 down: %d rounds acknowledged, %d retried, export and query complete (%d ms)",
                before, ingest.retries(), ms(t0));

        // 2. n3 restarts within the replace delay: it keeps its replicas and catches up.
        t0 = System.nanoTime();
        n3.start();
        n3.waitHealthy(START);
        Poll.until(SETTLE, "every shard AVAILABLE on 3 reachable nodes", () ->
                status(n1).fullyAvailable(SHARDS, RF, 3));
        waitRounds(ingest, ingest.acknowledged() + 10);
        Poll.until(SETTLE, "the hinted handoff of n1 and n2 to be delivered", () ->
                handoffQueued(n1) == 0 && handoffQueued(n2) == 0);
        assertTrue(n1.api().scrapeMetric("cairn_handoff_replayed_rows") > 0,
                "n1 replayed rows to n3");
        int caughtUp = ingest.acknowledged();
        assertCompleteUpTo(n3, ingest, caughtUp, "n3 after its restart (reads its own first)");
        log("n3 restarted and caught up in %d ms", ms(t0));

        // 3. A fourth node joins under ingest: balanced share by peer bootstrap, data complete.
        t0 = System.nanoTime();
        CairnNode.Builder b4 = CairnNode.builder(run.resolve("n4"), "n4")
                .flag("-seedNodes=" + n1.clusterAddress());
        flags(b4);
        CairnNode n4 = b4.build();
        toClose.add(n4);
        n4.start();
        n4.waitHealthy(START);
        Poll.until(SETTLE, "4 nodes with every shard on 2 AVAILABLE replicas (moves done)", () ->
                status(n1).fullyAvailable(SHARDS, RF, 4));
        Map<String, Integer> perNode = status(n1).replicasPerNode();
        assertEquals(4, perNode.size(), perNode.toString());
        for (int c : perNode.values()) {
            assertEquals(SHARDS * RF / 4, c, "balanced share " + perNode);
        }
        assertTrue(n4.api().scrapeMetric("cairn_bootstrap_completed") > 0, "n4 bootstrapped");
        int joined = ingest.acknowledged();
        assertCompleteUpTo(n4, ingest, joined, "n4 after joining");
        assertCompleteUpTo(n1, ingest, joined, "n1 after n4 joined");
        log("n4 joined and holds %s replicas per node after %d ms", perNode, ms(t0));

        // 4. n2 is decommissioned: its replicas move, then it exits; data stays complete.
        t0 = System.nanoTime();
        HttpResult r = n2.api().post("/admin/decommission", new byte[0], "text/plain");
        assertEquals(202, r.status(), r.text());
        Poll.until(SETTLE, "n2 to exit after its decommission", () -> !n2.isAlive());
        String n2id = Files.readString(n2.dataDir().resolve("node-id")).trim();
        Poll.until(SETTLE, "3 nodes with every shard on 2 AVAILABLE replicas", () ->
                status(n1).fullyAvailable(SHARDS, RF, 3));
        assertFalse(status(n1).replicasPerNode().containsKey(n2id), "nothing left on n2");
        int decommissioned = ingest.acknowledged();
        assertCompleteUpTo(n1, ingest, decommissioned, "n1 after n2 left");
        assertCompleteUpTo(n3, ingest, decommissioned, "n3 after n2 left");
        log("n2 decommissioned and exited after %d ms", ms(t0));

        // 5. Full restart: SIGTERM all, start all, every acknowledged sample is back.
        int total = ingest.stop();
        t0 = System.nanoTime();
        for (CairnNode n : List.of(n1, n3, n4)) {
            assertEquals(0, n.stop(), n.name() + " exit code");
        }
        for (CairnNode n : List.of(n1, n3, n4)) {
            n.start();
        }
        for (CairnNode n : List.of(n1, n3, n4)) {
            n.waitHealthy(START);
        }
        Poll.until(SETTLE, "every shard AVAILABLE after the full restart", () ->
                status(n1).fullyAvailable(SHARDS, RF, 3));
        for (CairnNode n : List.of(n1, n3, n4)) {
            assertEquals(ingest.expected(total), sorted(n.api().export(
                    "{__name__=\"" + ContinuousIngest.METRIC + "\"}", null, null)),
                    "export through " + n.name() + " after the full restart");
        }
        log("full restart: %d rounds x %d series exact on every node after %d ms", total,
                ContinuousIngest.SERIES, ms(t0));
    }

    static void log(String format, Object... args) {
        System.out.printf("[lifecycle] " + format + "%n", args);
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static int waitRounds(ContinuousIngest ingest, int rounds) {
        return Poll.untilValue(SETTLE, rounds + " acknowledged rounds", () -> {
            int a = ingest.acknowledged();
            return a >= rounds ? java.util.Optional.of(a) : java.util.Optional.empty();
        });
    }

    /** Every sample of rounds below {@code rounds} is exported through {@code n}, exactly. */
    static void assertCompleteUpTo(CairnNode n, ContinuousIngest ingest, int rounds,
            String what) {
        List<ExportedSeries> exported = n.api().export(
                "{__name__=\"" + ContinuousIngest.METRIC + "\"}", null, null);
        assertEquals(ingest.expected(rounds), ingest.firstRounds(exported, rounds),
                "export through " + what);
    }

    static void assertQueryNotPartial(CairnNode n) {
        HttpResult r = n.api().query("count(last_over_time(" + ContinuousIngest.METRIC
                        + "[2h]))",
                System.currentTimeMillis());
        assertEquals(200, r.status(), r.text());
        assertFalse(r.text().contains("\"isPartial\":true"), r.text());
        assertTrue(r.text().contains("\"" + ContinuousIngest.SERIES + "\""), r.text());
    }

    static double handoffQueued(CairnNode n) {
        double sum = 0;
        for (String line : n.api().get("/metrics").requireSuccess("metrics").text()
                .split("\n")) {
            if (line.startsWith("cairn_handoff_queued_bytes{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static ClusterStatus status(CairnNode n) throws Exception {
        return ClusterStatus.parse(n.api().get("/api/v1/status/cluster")
                .requireSuccess("cluster status of " + n.name()).body());
    }

    static List<ExportedSeries> sorted(List<ExportedSeries> in) {
        List<ExportedSeries> out = new ArrayList<>(in);
        out.sort(Comparator.comparing(s -> s.labels().toString()));
        return out;
    }
}
