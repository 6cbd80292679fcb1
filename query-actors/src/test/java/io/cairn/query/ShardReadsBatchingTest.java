package io.cairn.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.replica.ReadGateway;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.shard.testkit.ReplicaFixture;
import io.cairn.shard.testkit.ReplicaFixture.FixedPlacement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight shards with two replicas each on two "nodes" (one read gateway each, in one actor
 * system): a read is one message per node; a node whose gateway is gone, or whose replicas are
 * silent, costs one more, smaller batch to the other node, and the answer stays complete.
 */
class ShardReadsBatchingTest {
    private static final int SHARDS = 8;
    private static final long T0 = System.currentTimeMillis() - 3_600_000;
    private static final String N0 = "node-0";
    private static final String N1 = "node-1";
    private static final ReadRequest.Samples ALL = new ReadRequest.Samples(ReplicaFixture.T,
            List.of(LabelMatcher.of(LabelMatcher.Type.RE, "__name__", ".+")), 0,
            Long.MAX_VALUE / 2, 1000);

    @TempDir
    Path dir;
    private ReplicaFixture replicas;
    private final Map<String, TestProbe<ReadGateway.Command>> monitors = new HashMap<>();
    private final Map<String, ActorRef<ReadGateway.Command>> gateways = new HashMap<>();
    private FixedPlacement placement;

    /** Shard s: slot 0 on node s % 2 (preferred), slot 1 on the other node. */
    @BeforeEach
    void start() {
        replicas = new ReplicaFixture(dir);
        List<List<ReplicaId>> read = new ArrayList<>();
        Map<ReplicaId, String> nodes = new HashMap<>();
        for (int s = 0; s < SHARDS; s++) {
            ReplicaId r0 = new ReplicaId(s, 0, 0);
            ReplicaId r1 = new ReplicaId(s, 1, 0);
            replicas.start(r0, r1);
            for (ReplicaId r : List.of(r0, r1)) {
                replicas.insert(r, series(s), T0, 4, s);
            }
            read.add(List.of(r0, r1));
            nodes.put(r0, s % 2 == 0 ? N0 : N1);
            nodes.put(r1, s % 2 == 0 ? N1 : N0);
        }
        placement = new FixedPlacement(read, read, nodes);
        for (String node : List.of(N0, N1)) {
            TestProbe<ReadGateway.Command> probe = replicas.kit.createTestProbe();
            monitors.put(node, probe);
            gateways.put(node, replicas.gateway(node, probe));
        }
    }

    @AfterEach
    void stop() {
        replicas.close();
    }

    private static Labels series(int shard) {
        return Labels.of("__name__", "up", "shard", Integer.toString(shard));
    }

    private ShardReads.Gathered gather() {
        ShardReads reads = new ShardReads(ReadGateways.actors(gateways::get,
                replicas.kit.system().scheduler()), () -> placement, Duration.ofSeconds(20),
                Duration.ofMillis(800), id -> false);
        return reads.gather(ALL).toCompletableFuture().join();
    }

    /**
     * The batches the node's gateway was sent, as the replicas each listed. The gather has
     * completed, so every batch already passed the monitor; the wait only shows no other came.
     */
    private List<List<ReplicaId>> batches(String node) {
        List<List<ReplicaId>> out = new ArrayList<>();
        TestProbe<ReadGateway.Command> probe = monitors.get(node);
        while (true) {
            ReadGateway.Command m;
            try {
                m = probe.receiveMessage(Duration.ofMillis(300));
            } catch (AssertionError none) {
                return out;
            }
            if (m instanceof ReadGateway.ReadBatch b) {
                out.add(b.replicas());
            }
        }
    }

    private static Set<Labels> labels(ShardReads.Gathered g) {
        Set<Labels> out = new TreeSet<>();
        for (ReadResult r : g.results()) {
            for (SeriesData s : ((ReadResult.Samples) r).series()) {
                out.add(s.labels());
            }
        }
        return out;
    }

    private static Set<Labels> everySeries() {
        Set<Labels> all = new TreeSet<>();
        for (int s = 0; s < SHARDS; s++) {
            all.add(series(s));
        }
        return all;
    }

    private static List<ReplicaId> slot(int slot, int... shards) {
        List<ReplicaId> out = new ArrayList<>();
        for (int s : shards) {
            out.add(new ReplicaId(s, slot, 0));
        }
        return out;
    }

    @Test
    void eightShardsOnTwoNodesAreReadWithOneMessagePerNode() {
        ShardReads.Gathered g = gather();
        assertFalse(g.partial(), g.unavailableShards().toString());
        assertEquals(everySeries(), labels(g));
        assertEquals(SHARDS, g.results().size());
        assertEquals(List.of(slot(0, 0, 2, 4, 6)), batches(N0));
        assertEquals(List.of(slot(0, 1, 3, 5, 7)), batches(N1));
    }

    @Test
    void aNodeWithoutGatewayCostsOneMoreBatchToTheOtherNode() {
        replicas.kit.stop(gateways.get(N1), Duration.ofSeconds(20));
        ShardReads.Gathered g = gather();
        assertFalse(g.partial(), g.unavailableShards().toString());
        assertEquals(everySeries(), labels(g), "shards 1, 3, 5, 7 from their second replicas");
        assertEquals(List.of(slot(0, 0, 2, 4, 6), slot(1, 1, 3, 5, 7)), batches(N0));
    }

    @Test
    void silentReplicasOfALiveNodeAreFailedByItsGatewayAndReadElsewhere() {
        replicas.stop(new ReplicaId(1, 0, 0));
        replicas.stop(new ReplicaId(5, 0, 0));
        ShardReads.Gathered g = gather();
        assertFalse(g.partial(), g.unavailableShards().toString());
        assertEquals(everySeries(), labels(g));
        assertEquals(List.of(slot(0, 1, 3, 5, 7)), batches(N1));
        assertEquals(List.of(slot(0, 0, 2, 4, 6), slot(1, 1, 5)), batches(N0));
    }

    @Test
    void aShardWhoseNodesAreBothSilentIsNamedAndTheRestAnswers() {
        replicas.kit.stop(gateways.get(N1), Duration.ofSeconds(20));
        replicas.stop(new ReplicaId(3, 1, 0));
        ShardReads.Gathered g = gather();
        assertTrue(g.partial());
        assertEquals(1, g.unavailableShards().size());
        String reason = g.unavailableShards().get(0);
        assertTrue(reason.startsWith("shard 3: no replica answered (s3-r0-g0: node node-1's "
                + "read gateway: no answer within 1000 ms; s3-r1-g0: no answer within 800 ms"),
                reason);
        assertEquals(SHARDS - 1, labels(g).size());
    }
}
