package io.cairn.shard.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.engine.StoreReader;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;
import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica entity with the real journal plugin and store: inserts are acknowledged when
 * durable and readable at once, a forced flush turns them into a recorded part, and a new
 * actor system on the same directories recovers the manifest and serves the same data.
 */
class ReplicaEntityTest {
    private static final Tenant T = new Tenant(3, 0);
    private static final long T0 = System.currentTimeMillis() - 3_600_000;
    private static final ReplicaId ID = new ReplicaId(5, 0, 0);

    @TempDir
    Path dir;

    private Config config() {
        String meta = dir.resolve("meta").toString().replace("\\", "/");
        return ConfigFactory.parseString(
                "pekko.persistence.journal.plugin = \"cairn.journal\"\n"
                        + "pekko.persistence.snapshot-store.plugin = \"cairn.snapshot-store\"\n"
                        + "pekko.persistence.typed.stash-overflow-strategy = \"fail\"\n"
                        + "cairn.journal.dir = \"" + meta + "\"\n"
                        + "cairn.snapshot-store.dir = \"" + meta + "\"\n")
                .withFallback(ConfigFactory.load());
    }

    private ReplicaEnvironment env(GroupCommitter committer) {
        return env(committer, NodeReads.withoutRollups());
    }

    private ReplicaEnvironment env(GroupCommitter committer, NodeReads reads) {
        return new ReplicaEnvironment(dir.resolve("replicas"),
                new StoreOptions(30L * 86_400_000, 0, 1_000_000), committer,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                System::currentTimeMillis, reads);
    }

    private static byte[] rows(Labels labels, int n) {
        RowBlockWriter w = new RowBlockWriter().reset(T);
        int s = w.addSeries(labels);
        for (int i = 0; i < n; i++) {
            w.addRow(s, T0 + i * 15_000L, i * 0.5);
        }
        return w.toBytes();
    }

    private static List<SeriesData> read(ActorTestKit kit, ActorRef<ReplicaEntity.Command> replica) {
        TestProbe<ReadResult> probe = kit.createTestProbe();
        replica.tell(new ReplicaEntity.Read(new ReadRequest.Samples(T,
                List.of(LabelMatcher.eq("__name__", "cpu")), 0, Long.MAX_VALUE / 2, 100),
                probe.getRef()));
        ReadResult r = probe.receiveMessage(Duration.ofSeconds(20));
        return assertInstanceOf(ReadResult.Samples.class, r).series();
    }

    private long partFiles() throws IOException {
        Path parts = dir.resolve("replicas").resolve(ID.entityId()).resolve("parts");
        try (Stream<Path> s = Files.list(parts)) {
            return s.filter(p -> p.toString().endsWith(".part")).count();
        }
    }

    /**
     * The replica lists its reader once its store is open, reads through it see what the actor
     * sees, and it is unlisted by the time the actor has stopped; a read through a reader taken
     * before fails cleanly on the closed store.
     */
    @Test
    void listsItsReaderWhileItsStoreIsOpen() {
        Labels cpu = Labels.of("__name__", "cpu", "host", "h1");
        NodeReads reads = NodeReads.withoutRollups();
        ReadRequest all = new ReadRequest.Samples(T, List.of(LabelMatcher.eq("__name__", "cpu")),
                0, Long.MAX_VALUE / 2, 100);
        ActorTestKit kit = ActorTestKit.create("replica-3", config());
        GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);
        try {
            assertNull(reads.reader(ID));
            ActorRef<ReplicaEntity.Command> replica =
                    kit.spawn(ReplicaEntity.create(ID, env(committer, reads)));
            TestProbe<InsertResult> acks = kit.createTestProbe();
            replica.tell(new ReplicaEntity.Insert(rows(cpu, 10), acks.getRef()));
            assertInstanceOf(InsertResult.Durable.class,
                    acks.receiveMessage(Duration.ofSeconds(20)));

            StoreReader reader = reads.reader(ID);
            assertNotNull(reader, "listed once its store is open (it stored rows)");
            List<SeriesData> direct = assertInstanceOf(ReadResult.Samples.class,
                    reads.answer(reader, all)).series();
            List<SeriesData> viaActor = read(kit, replica);
            assertEquals(1, direct.size());
            assertEquals(viaActor.get(0).labels(), direct.get(0).labels());
            assertEquals(10, direct.get(0).count());
            assertArrayEquals(Arrays.copyOf(viaActor.get(0).values(), viaActor.get(0).count()),
                    Arrays.copyOf(direct.get(0).values(), 10), "as through the actor");

            kit.stop(replica, Duration.ofSeconds(20));
            assertNull(reads.reader(ID), "unlisted when it stopped");
            ReadResult.Failed late = assertInstanceOf(ReadResult.Failed.class,
                    reads.answer(reader, all));
            assertTrue(late.message().contains("closed"), late.message());
            assertFalse(late.limitExceeded());
        } finally {
            kit.shutdownTestKit();
            committer.close();
        }
    }

    /** A series limit refusal is a limit error, any other failure is not. */
    @Test
    void failuresKeepTheirMessageAndFlagLimitErrors() {
        ReadResult.Failed limit = NodeReads.failure(new java.util.concurrent.CompletionException(
                new io.cairn.storage.api.SeriesLimitExceededException(5)));
        assertTrue(limit.limitExceeded());
        assertEquals(new io.cairn.storage.api.SeriesLimitExceededException(5).getMessage(),
                limit.message());
        ReadResult.Failed other = NodeReads.failure(new IllegalStateException("disk on fire"));
        assertEquals(new ReadResult.Failed("disk on fire", false), other);
    }

    @Test
    void insertFlushAndRecoverInANewActorSystem() throws IOException {
        Labels cpu = Labels.of("__name__", "cpu", "host", "h1");
        double[] expected = new double[40];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i * 0.5;
        }
        ActorTestKit kit = ActorTestKit.create("replica-1", config());
        GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);
        try {
            ActorRef<ReplicaEntity.Command> replica =
                    kit.spawn(ReplicaEntity.create(ID, env(committer)));
            TestProbe<InsertResult> acks = kit.createTestProbe();
            replica.tell(new ReplicaEntity.Insert(rows(cpu, 40), acks.getRef()));
            assertInstanceOf(InsertResult.Durable.class, acks.receiveMessage(Duration.ofSeconds(20)));

            replica.tell(new ReplicaEntity.Insert(new byte[] {9, 9, 9}, acks.getRef()));
            InsertResult bad = acks.receiveMessage(Duration.ofSeconds(20));
            assertTrue(assertInstanceOf(InsertResult.Rejected.class, bad).message()
                    .contains("row block"), bad.toString());

            List<SeriesData> before = read(kit, replica);
            assertEquals(1, before.size());
            assertArrayEquals(expected, Arrays.copyOf(before.get(0).values(), 40));

            TestProbe<ReplicaEntity.Done> flushed = kit.createTestProbe();
            replica.tell(new ReplicaEntity.ForceFlush(flushed.getRef()));
            flushed.receiveMessage(Duration.ofSeconds(30));
            assertEquals(1, partFiles(), "the head became one recorded part");
        } finally {
            kit.shutdownTestKit();
            committer.close();
        }

        ActorTestKit kit2 = ActorTestKit.create("replica-2", config());
        GroupCommitter committer2 = new GroupCommitter(FsyncMode.BATCH);
        try {
            ActorRef<ReplicaEntity.Command> replica =
                    kit2.spawn(ReplicaEntity.create(ID, env(committer2)));
            List<SeriesData> after = read(kit2, replica);
            assertEquals(1, after.size());
            assertEquals(cpu, after.get(0).labels());
            assertArrayEquals(expected, Arrays.copyOf(after.get(0).values(), after.get(0).count()));
            assertEquals(1, partFiles(), "the recovered manifest keeps the part");
        } finally {
            kit2.shutdownTestKit();
            committer2.close();
        }
    }
}
