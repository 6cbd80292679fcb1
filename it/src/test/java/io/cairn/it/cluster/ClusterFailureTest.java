package io.cairn.it.cluster;

import static io.cairn.it.cluster.ClusterLifecycleTest.log;
import static io.cairn.it.cluster.ClusterLifecycleTest.ms;
import static io.cairn.it.cluster.ClusterLifecycleTest.sorted;
import static io.cairn.it.cluster.ClusterLifecycleTest.status;
import static io.cairn.it.cluster.ClusterLifecycleTest.waitRounds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.CairnCluster;
import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.Poll;
import io.cairn.it.harness.RunDirectories;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nodes that do not come back in time, and R=1 with a node down. */
class ClusterFailureTest {
    private static final int SHARDS = 8;
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(150);

    private CairnCluster cluster;
    private ContinuousIngest ingest;

    @AfterEach
    void close() throws Exception {
        if (ingest != null) {
            ingest.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private CairnCluster start(String name, int nodes, int rf, String replaceDelay) {
        cluster = CairnCluster.create(RunDirectories.create(name), nodes, (i, b) -> b
                .flag("-replicationFactor=" + rf).flag("-shards=" + SHARDS)
                .flag("-initialNodes=" + nodes).flag("-inmemoryDataFlushInterval=1s")
                .flag("-replicaReplaceDelay=" + replaceDelay).jvmOption("-Xmx384m"));
        cluster.start();
        cluster.waitHealthy(START);
        Poll.until(START, "every shard AVAILABLE", () ->
                status(cluster.node(0)).fullyAvailable(SHARDS, rf, nodes));
        return cluster;
    }

    @Test
    void aNodeGoneLongerThanTheReplaceDelayHasItsReplicasRecreatedFromSiblings()
            throws Exception {
        start("cluster-replace", 3, 2, "3s");
        CairnNode n1 = cluster.node(0);
        CairnNode n3 = cluster.node(2);
        ingest = new ContinuousIngest(n1);
        waitRounds(ingest, 20);
        String n3id = Files.readString(n3.dataDir().resolve("node-id")).trim();
        long t0 = System.nanoTime();
        n3.kill9();
        // The replicas of n3 are re-created on n1 and n2 once n3 is downed (split brain
        // resolver, ~20 s) and copied from their surviving siblings.
        Poll.until(SETTLE, "every shard on 2 AVAILABLE replicas of the 2 survivors", () ->
                status(n1).fullyAvailable(SHARDS, 2, 2));
        assertTrue(!status(n1).replicasPerNode().containsKey(n3id), "nothing left on n3");
        long replacedMs = ms(t0);
        int total = ingest.stop();
        for (CairnNode n : new CairnNode[] {n1, cluster.node(1)}) {
            assertEquals(ingest.expected(total), sorted(n.api().export(
                    "{__name__=\"" + ContinuousIngest.METRIC + "\"}", null, null)),
                    "export through " + n.name());
        }
        log("n3 killed: its replicas re-created from siblings after %d ms; %d rounds exact",
                replacedMs, total);
    }

    @Test
    void withOneReplicaADownNodeMakesQueriesPartialOrUnavailable() throws Exception {
        start("cluster-rf1", 2, 1, "5m");
        CairnNode n1 = cluster.node(0);
        ingest = new ContinuousIngest(n1);
        int rounds = waitRounds(ingest, 10);
        ingest.stop();
        ingest = null;
        cluster.node(1).kill9();
        Poll.until(Duration.ofSeconds(60), "n1 to see n2 unreachable", () ->
                status(n1).nodes().stream().anyMatch(n -> !n.reachable()));
        String q = "count(last_over_time(" + ContinuousIngest.METRIC + "[2h]))";
        HttpResult partial = n1.api().query(q, System.currentTimeMillis());
        assertEquals(200, partial.status(), partial.text());
        assertTrue(partial.text().contains("\"isPartial\":true"), partial.text());
        HttpResult denied = n1.api().get("/api/v1/query?query="
                + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)
                + "&deny_partial_response=1");
        assertEquals(503, denied.status(), denied.text());
        HttpResult export = n1.api().get("/api/v1/export?match[]="
                + java.net.URLEncoder.encode("{__name__=\"it_life\"}",
                        java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(503, export.status(), "an export is never partial: " + export.text());
        log("R=1, one of 2 nodes down after %d rounds: query partial, deny_partial_response=1 "
                + "and export answer 503", rounds);
    }
}
