package io.cairn.shard.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.replica.ReplicaId;
import io.cairn.shard.testkit.ReplicaFixture;
import io.cairn.storage.model.Labels;
import io.cairn.storage.rows.RowBlockWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handoff queue across restarts: the actor stopped in the middle of a replay and started
 * again on the same directory (with a torn record at the queue's tail, as a crash leaves it)
 * delivers every queued row; blocks sent twice leave one sample per timestamp.
 */
class HandoffActorTest {
    private static final long T0 = System.currentTimeMillis() - 7_200_000;
    private static final Labels CPU = Labels.of("__name__", "cpu", "host", "h");
    private static final ReplicaId TARGET = new ReplicaId(3, 1, 0);
    private static final int BLOCKS = 1000;
    private static final int ROWS = 5;

    @TempDir
    Path dir;
    private ReplicaFixture replicas;

    @BeforeEach
    void start() {
        replicas = new ReplicaFixture(dir);
    }

    @AfterEach
    void stop() {
        replicas.close();
    }

    private HandoffSettings settings() {
        // Small segments and batches: replay spans many batches and deletes segments on the way.
        return new HandoffSettings(dir.resolve("handoff"), 64L << 20, 16 << 10,
                Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5), 2 << 10);
    }

    private ActorRef<HandoffActor.Command> spawn(HandoffStats stats, String name) {
        return replicas.kit.spawn(HandoffActor.create(settings(), replicas.committer,
                replicas.client, stats), name);
    }

    private static byte[] block(int b) {
        RowBlockWriter w = new RowBlockWriter().reset(ReplicaFixture.T);
        int s = w.addSeries(CPU);
        for (int i = 0; i < ROWS; i++) {
            int n = b * ROWS + i;
            w.addRow(s, T0 + n * 1_000L, n * 0.5);
        }
        return w.toBytes();
    }

    private static Map<Long, Double> expected() {
        Map<Long, Double> m = new TreeMap<>();
        for (int n = 0; n < BLOCKS * ROWS; n++) {
            m.put(T0 + n * 1_000L, n * 0.5);
        }
        return m;
    }

    @Test
    void aRestartDuringReplayLosesNothing() throws IOException {
        HandoffStats first = new HandoffStats();
        ActorRef<HandoffActor.Command> actor = spawn(first, "handoff-1");
        Handoff handoff = Handoff.of(actor, replicas.kit.system().scheduler(),
                Duration.ofSeconds(10));
        for (int b = 0; b < BLOCKS; b++) {
            assertInstanceOf(HandoffResult.Queued.class,
                    handoff.enqueue(TARGET, block(b)).toCompletableFuture().join());
        }
        assertEquals(BLOCKS, first.queuedBlocks());

        replicas.start(TARGET);
        ReplicaFixture.await(Duration.ofSeconds(30), "replay to begin",
                () -> first.replayedBlocks() >= 20);
        replicas.kit.stop(actor, Duration.ofSeconds(10));
        long delivered = first.replayedBlocks();
        assertTrue(delivered < BLOCKS, "stopped in the middle of the replay: " + delivered);
        assertTrue(first.hasPending(TARGET.entityId()));

        tearTail(dir.resolve("handoff").resolve(TARGET.entityId()));

        HandoffStats second = new HandoffStats();
        spawn(second, "handoff-2");
        ReplicaFixture.await(Duration.ofSeconds(60), "queue to drain after the restart",
                () -> second.queuedBytesByReplica().isEmpty() && second.replayedBlocks() > 0);
        assertTrue(delivered + second.replayedBlocks() >= BLOCKS,
                "every block delivered at least once");
        assertEquals(Map.of(CPU, expected()), replicas.contents(TARGET));
        assertTrue(Files.notExists(dir.resolve("handoff").resolve(TARGET.entityId())));
    }

    /** Appends half a record of garbage to the newest segment, as a crash mid-write would. */
    private static void tearTail(Path queue) throws IOException {
        Path newest;
        try (Stream<Path> files = Files.list(queue)) {
            newest = files.filter(f -> !f.getFileName().toString().equals("LOCK"))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
        Files.write(newest, new byte[] {0x21, 0, 0, 0, 7, 7, 7}, StandardOpenOption.APPEND);
    }

    @Test
    void queuesFromAPreviousRunAreReportedAndReplayed() {
        HandoffStats first = new HandoffStats();
        ActorRef<HandoffActor.Command> actor = spawn(first, "handoff-1");
        Handoff handoff = Handoff.of(actor, replicas.kit.system().scheduler(),
                Duration.ofSeconds(10));
        for (int b = 0; b < 3; b++) {
            handoff.enqueue(TARGET, block(b)).toCompletableFuture().join();
        }
        long queued = first.queuedBytesByReplica().get(TARGET.entityId());
        replicas.kit.stop(actor, Duration.ofSeconds(10));

        HandoffStats second = new HandoffStats();
        spawn(second, "handoff-2");
        ReplicaFixture.await(Duration.ofSeconds(10), "recovered queue to be published",
                () -> second.queuedBytesByReplica().containsKey(TARGET.entityId()));
        assertEquals(queued, second.queuedBytesByReplica().get(TARGET.entityId()));
        replicas.start(TARGET);
        ReplicaFixture.await(Duration.ofSeconds(30), "queue to drain",
                () -> second.queuedBytesByReplica().isEmpty());
        assertEquals(3 * ROWS, replicas.contents(TARGET).get(CPU).size());
        assertEquals(3 * ROWS, second.replayedRows());
    }
}
