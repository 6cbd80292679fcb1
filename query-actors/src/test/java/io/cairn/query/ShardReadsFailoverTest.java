package io.cairn.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads of two shards with two or three replicas each, spawned in one actor system: a stopped
 * replica is skipped for the next one (complete answer), a shard without any answering replica
 * makes the answer partial (or an error when denied), and answers of several replicas of one
 * shard are merged per series with one sample per timestamp.
 */
class ShardReadsFailoverTest {
    private static final long T0 = System.currentTimeMillis() - 3_600_000;
    private static final ReplicaId A0 = new ReplicaId(0, 0, 0);
    private static final ReplicaId A1 = new ReplicaId(0, 1, 0);
    private static final ReplicaId A2 = new ReplicaId(0, 2, 0);
    private static final ReplicaId B0 = new ReplicaId(1, 0, 0);
    private static final ReplicaId B1 = new ReplicaId(1, 1, 0);
    private static final Labels CPU = Labels.of("__name__", "cpu", "host", "a");
    private static final Labels MEM = Labels.of("__name__", "mem", "host", "b");
    private static final ReadRequest.Samples ALL = new ReadRequest.Samples(ReplicaFixture.T,
            List.of(LabelMatcher.of(LabelMatcher.Type.RE, "__name__", ".+")), 0,
            Long.MAX_VALUE / 2, 1000);

    @TempDir
    Path dir;
    private ReplicaFixture replicas;
    private int gateways;

    @BeforeEach
    void start() {
        replicas = new ReplicaFixture(dir);
        replicas.start(A0, A1, A2, B0, B1);
        for (ReplicaId a : List.of(A0, A1, A2)) {
            replicas.insert(a, CPU, T0, 20, 0);
        }
        for (ReplicaId b : List.of(B0, B1)) {
            replicas.insert(b, MEM, T0, 10, 100);
        }
    }

    @AfterEach
    void stop() {
        replicas.close();
    }

    /** Reads through one read gateway (every replica on "this node"). */
    private ShardReads reads(FixedPlacement placement, Set<ReplicaId> lagging) {
        ActorRef<ReadGateway.Command> gateway = replicas.gateway("gateway-" + gateways++,
                replicas.kit.createTestProbe());
        return new ShardReads(ReadGateways.actors(node -> gateway,
                replicas.kit.system().scheduler()), () -> placement, Duration.ofSeconds(20),
                Duration.ofMillis(800), lagging::contains);
    }

    private static FixedPlacement available() {
        return new FixedPlacement(List.of(List.of(A0, A1, A2), List.of(B0, B1)),
                List.of(List.of(A0, A1, A2), List.of(B0, B1)));
    }

    private static ShardReads.Gathered gather(ShardReads reads, ReadRequest request) {
        return reads.gather(request).toCompletableFuture().join();
    }

    /** Every series of the answers, by labels, with its values. */
    private static Map<Labels, double[]> values(ShardReads.Gathered g) {
        Map<Labels, double[]> out = new TreeMap<>();
        for (ReadResult r : g.results()) {
            for (SeriesData s : ((ReadResult.Samples) r).series()) {
                out.put(s.labels(), Arrays.copyOf(s.values(), s.count()));
            }
        }
        return out;
    }

    private static double[] range(double base, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = base + i;
        }
        return v;
    }

    @Test
    void everyShardAnswersFromItsPreferredReplica() {
        ShardReads.Gathered g = gather(reads(available(), Set.of()), ALL);
        assertFalse(g.partial());
        assertNull(g.limitError());
        Map<Labels, double[]> v = values(g);
        assertEquals(Set.of(CPU, MEM), v.keySet());
        assertArrayEquals(range(0, 20), v.get(CPU));
        assertArrayEquals(range(100, 10), v.get(MEM));
    }

    @Test
    void aStoppedReplicaIsSkippedAndTheAnswerStaysComplete() {
        replicas.stop(A0);
        replicas.stop(A1);
        ShardReads.Gathered g = gather(reads(available(), Set.of()), ALL);
        assertFalse(g.partial(), g.unavailableShards().toString());
        assertArrayEquals(range(0, 20), values(g).get(CPU), "answered by the third replica");
        assertArrayEquals(range(100, 10), values(g).get(MEM));

        ShardReads.Gathered names = gather(reads(available(), Set.of()),
                new ReadRequest.LabelValues(ReplicaFixture.T, "host", List.of(), 0,
                        Long.MAX_VALUE / 2, 10));
        assertFalse(names.partial());
        assertEquals(List.of(List.of("a"), List.of("b")), names.results().stream()
                .map(r -> ((ReadResult.Strings) r).values()).toList());
    }

    @Test
    void aShardWithoutAnsweringReplicaMakesTheAnswerPartial() {
        replicas.stop(B0);
        replicas.stop(B1);
        ShardReads.Gathered g = gather(reads(available(), Set.of()), ALL);
        assertTrue(g.partial());
        assertEquals(1, g.unavailableShards().size());
        String reason = g.unavailableShards().get(0);
        assertTrue(reason.startsWith("shard 1: no replica answered (s1-r0-g0: no answer within "
                + "800 ms; s1-r1-g0: no answer within 800 ms"), reason);
        assertEquals(Set.of(CPU), values(g).keySet(), "the other shard's data is kept");

        ClusterSeriesSource source = new ClusterSeriesSource(reads(available(), Set.of()),
                Duration.ofSeconds(20));
        PartialResponse allowed = PartialResponse.allowed();
        List<SeriesData> data = source.forRequest(allowed).select(ReplicaFixture.T,
                ALL.matchers(), 0, Long.MAX_VALUE / 2, 1000);
        assertEquals(1, data.size());
        assertTrue(allowed.isPartial());
        assertTrue(allowed.warnings().get(0).contains("shard 1: no replica answered"),
                allowed.warnings().toString());

        ShardsUnavailableException denied = assertThrows(ShardsUnavailableException.class,
                () -> source.forRequest(PartialResponse.denied()).select(ReplicaFixture.T,
                        ALL.matchers(), 0, Long.MAX_VALUE / 2, 1000));
        assertTrue(denied.getMessage().contains("shard 1"), denied.getMessage());
        assertThrows(ShardsUnavailableException.class, () -> source.select(ReplicaFixture.T,
                ALL.matchers(), 0, Long.MAX_VALUE / 2, 1000), "plain use never answers partially");
    }

    @Test
    void initializingReplicasAnswerWhenNoAvailableOneDoesButTheShardStaysIncomplete() {
        ReplicaId fresh = new ReplicaId(1, 2, 1);
        replicas.start(fresh);
        replicas.insert(fresh, MEM, T0 + 10 * 15_000L, 5, 110);
        replicas.stop(B0);
        FixedPlacement moving = new FixedPlacement(List.of(List.of(A0), List.of(B0)),
                List.of(List.of(A0), List.of(B0, fresh)));
        ShardReads.Gathered g = gather(reads(moving, Set.of()), ALL);
        assertTrue(g.partial());
        assertTrue(g.unavailableShards().get(0).endsWith("answered by initializing replicas "
                + "only"), g.unavailableShards().toString());
        assertArrayEquals(range(110, 5), values(g).get(MEM), "what the new replica has");
    }

    @Test
    void answersOfALaggingReplicaAreMergedWithTheNextOne() {
        // A0 missed the newer half of the rows (they wait in hinted handoff); A1 has them and
        // an overlap; A1 also holds a series A0 never saw.
        ReplicaId a3 = new ReplicaId(0, 3, 0);
        ReplicaId a4 = new ReplicaId(0, 4, 0);
        replicas.start(a3, a4);
        replicas.insert(a3, CPU, T0, 10, 0);
        replicas.insert(a4, CPU, T0 + 5 * 15_000L, 15, 5);
        Labels other = Labels.of("__name__", "cpu", "host", "z");
        replicas.insert(a4, other, T0, 3, 7);
        FixedPlacement p = new FixedPlacement(List.of(List.of(a3, a4), List.of(B0)),
                List.of(List.of(a3, a4), List.of(B0)));

        ShardReads.Gathered g = gather(reads(p, Set.of(a3)), ALL);
        assertFalse(g.partial());
        Map<Labels, double[]> v = values(g);
        assertArrayEquals(range(0, 20), v.get(CPU), "union, one sample per timestamp");
        assertArrayEquals(range(7, 3), v.get(other));

        Map<Labels, double[]> notLagging = values(gather(reads(p, Set.of()), ALL));
        assertArrayEquals(range(0, 10), notLagging.get(CPU), "only the preferred replica read");
    }
}
