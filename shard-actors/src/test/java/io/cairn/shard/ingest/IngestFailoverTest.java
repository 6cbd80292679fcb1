package io.cairn.shard.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.handoff.Handoff;
import io.cairn.shard.handoff.HandoffActor;
import io.cairn.shard.handoff.HandoffSettings;
import io.cairn.shard.handoff.HandoffStats;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.shard.testkit.ReplicaFixture;
import io.cairn.shard.testkit.ReplicaFixture.FixedPlacement;
import io.cairn.storage.model.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes to shards with one to three replicas, some of them stopped: the acknowledgement rule
 * of {@link IngestRouter} (-write.minReplicas, hinted handoff counted once), the handoff queue
 * replaying to a replica that comes back (exact data), and the queue bound turning writes into
 * 503s.
 */
class IngestFailoverTest {
    private static final long T0 = System.currentTimeMillis() - 3_600_000;
    private static final Labels CPU = Labels.of("__name__", "cpu", "host", "a");
    private static final Labels MEM = Labels.of("__name__", "mem", "host", "a");
    private static final ReplicaId R0 = new ReplicaId(0, 0, 0);
    private static final ReplicaId R1 = new ReplicaId(0, 1, 0);
    private static final ReplicaId R2 = new ReplicaId(0, 2, 0);

    @TempDir
    Path dir;
    private ReplicaFixture replicas;
    private HandoffStats stats;

    @BeforeEach
    void start() {
        replicas = new ReplicaFixture(dir);
        replicas.start(R0, R1, R2);
    }

    @AfterEach
    void stop() {
        replicas.close();
    }

    private Handoff handoff(long maxBytes) {
        stats = new HandoffStats();
        ActorRef<HandoffActor.Command> actor = replicas.kit.spawn(HandoffActor.create(
                new HandoffSettings(dir.resolve("handoff"), maxBytes, 64 << 10,
                        Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5),
                        16 << 10), replicas.committer, replicas.client, stats));
        return Handoff.of(actor, replicas.kit.system().scheduler(), Duration.ofSeconds(10));
    }

    private IngestRouter router(List<ReplicaId> targets, int minReplicas, Handoff handoff) {
        FixedPlacement p = FixedPlacement.of(List.of(targets));
        return new IngestRouter(replicas.client, () -> p, Duration.ofSeconds(5), minReplicas,
                handoff);
    }

    /** Rows {@code from .. from+n-1} of two series: value = index, 15 s apart. */
    private static ShardedRows rows(int from, int n) {
        ShardedRows rows = new ShardedRows(ReplicaFixture.T, 1);
        for (int i = from; i < from + n; i++) {
            rows.add(CPU, T0 + i * 15_000L, i);
            rows.add(MEM, T0 + i * 15_000L, -i);
        }
        return rows;
    }

    private static Map<Labels, Map<Long, Double>> expected(int n) {
        Map<Long, Double> cpu = new TreeMap<>();
        Map<Long, Double> mem = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            cpu.put(T0 + i * 15_000L, (double) i);
            mem.put(T0 + i * 15_000L, (double) -i);
        }
        return new TreeMap<>(Map.of(CPU, cpu, MEM, mem));
    }

    private static IngestOutcome send(IngestRouter router, ShardedRows rows) {
        return router.send(rows).toCompletableFuture().join();
    }

    @Test
    void everyReplicaGetsEveryBlock() {
        IngestRouter router = router(List.of(R0, R1, R2), 3, handoff(1 << 20));
        for (int b = 0; b < 4; b++) {
            assertEquals(new IngestOutcome.Stored(20), send(router, rows(b * 10, 10)));
        }
        for (ReplicaId r : List.of(R0, R1, R2)) {
            assertEquals(expected(40), replicas.contents(r), r.toString());
        }
        assertTrue(stats.queuedBytesByReplica().isEmpty());
        assertFalse(Files.exists(dir.resolve("handoff").resolve(R0.entityId())));
    }

    @Test
    void aStoppedReplicaGetsItsRowsFromHintedHandoffWhenItReturns() {
        IngestRouter router = router(List.of(R0, R1), 1, handoff(1 << 20));
        replicas.stop(R1);
        for (int b = 0; b < 5; b++) {
            assertEquals(new IngestOutcome.Stored(20), send(router, rows(b * 10, 10)));
        }
        assertTrue(stats.hasPending(R1.entityId()), stats.queuedBytesByReplica().toString());
        assertTrue(Files.isDirectory(dir.resolve("handoff").resolve(R1.entityId())));
        assertEquals(expected(50), replicas.contents(R0));

        replicas.start(R1);
        ReplicaFixture.await(Duration.ofSeconds(30), "handoff to drain",
                () -> stats.queuedBytesByReplica().isEmpty());
        assertEquals(expected(50), replicas.contents(R1), "exactly the rows it missed");
        assertEquals(5, stats.replayedBlocks());
        assertEquals(100, stats.replayedRows());
        assertFalse(Files.exists(dir.resolve("handoff").resolve(R1.entityId())),
                "a drained queue is deleted");
    }

    @Test
    void minReplicasCountsWalAcksAndTheHandoffQueueOnce() {
        Handoff h = handoff(1 << 20);
        replicas.stop(R1);
        replicas.stop(R2);
        IngestOutcome three = send(router(List.of(R0, R1, R2), 3, h), rows(0, 5));
        String msg = assertInstanceOf(IngestOutcome.Unavailable.class, three).message();
        assertEquals("shard 0: 1 of 3 replicas stored the rows (the others' copies are queued "
                + "for hinted handoff), -write.minReplicas=3 needs 3 durable copies; retry", msg);
        assertEquals(new IngestOutcome.Stored(10),
                send(router(List.of(R0, R1, R2), 2, h), rows(5, 5)), "WAL + queue");
        assertEquals(new IngestOutcome.Stored(10),
                send(router(List.of(R0, R1), 5, h), rows(10, 5)), "capped at the replica count");

        IngestOutcome noHandoff = send(router(List.of(R0, R1), 2, Handoff.NONE), rows(15, 5));
        assertTrue(assertInstanceOf(IngestOutcome.Unavailable.class, noHandoff).message()
                .contains("hinted handoff is not configured"), noHandoff.toString());
    }

    @Test
    void aReplicaThatSaysUnavailableGetsBackpressureNotHandoff() {
        Handoff h = handoff(1 << 20);
        // R1 answers every insert "overloaded", as a replica whose WAL is behind does.
        ReplicaClient overloaded = new ReplicaClient() {
            @Override
            public RecipientRef<ReplicaEntity.Command> ref(ReplicaId id) {
                return replicas.client.ref(id);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletionStage<T> ask(ReplicaId id,
                    Function<ActorRef<T>, ReplicaEntity.Command> m, Duration timeout) {
                return id.equals(R1) ? CompletableFuture.completedFuture((T) new InsertResult
                        .Unavailable("replica s0-r1-g0 is overloaded (WAL behind); retry later"))
                        : replicas.client.ask(id, m, timeout);
            }
        };
        FixedPlacement p = FixedPlacement.of(List.of(List.of(R0, R1)));
        IngestOutcome o = send(new IngestRouter(overloaded, () -> p, Duration.ofSeconds(5), 1, h),
                rows(0, 5));
        assertEquals(new IngestOutcome.Unavailable("replica s0-r1-g0 is overloaded (WAL behind); "
                + "retry later"), o);
        assertTrue(stats.queuedBytesByReplica().isEmpty(), "nothing queued");
    }

    @Test
    void withOneReplicaUnreachableTheRowsWaitInHandoffAndAreAcknowledged() {
        IngestRouter router = router(List.of(R2), 1, handoff(1 << 20));
        replicas.stop(R2);
        assertEquals(new IngestOutcome.Stored(60), send(router, rows(0, 30)));
        assertTrue(stats.hasPending(R2.entityId()));
        replicas.start(R2);
        ReplicaFixture.await(Duration.ofSeconds(30), "handoff to drain",
                () -> stats.queuedBytesByReplica().isEmpty());
        assertEquals(expected(30), replicas.contents(R2));
    }

    @Test
    void aFullQueueRefusesTheWriteUntilTheReplicaIsBack() {
        int blockBytes = rows(0, 10).blockFor(0).length;
        IngestRouter router = router(List.of(R0, R1), 1, handoff(blockBytes + 200));
        replicas.stop(R1);
        assertEquals(new IngestOutcome.Stored(20), send(router, rows(0, 10)));
        IngestOutcome full = send(router, rows(10, 10));
        String msg = assertInstanceOf(IngestOutcome.Unavailable.class, full).message();
        assertTrue(msg.contains("hinted handoff for replica s0-r1-g0 is full")
                && msg.contains("-handoff.maxBytesPerReplica=" + (blockBytes + 200)), msg);
        assertEquals(1, stats.refusedBlocks());

        replicas.start(R1);
        ReplicaFixture.await(Duration.ofSeconds(30), "handoff to drain",
                () -> stats.queuedBytesByReplica().isEmpty());
        // The client retries the refused request: R0 gets those rows twice, harmlessly.
        assertEquals(new IngestOutcome.Stored(20), send(router, rows(10, 10)));
        assertEquals(expected(20), replicas.contents(R0));
        assertEquals(expected(20), replicas.contents(R1));
    }
}
