package io.cairn.shard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.ManifestEvent.PartAdded;
import io.cairn.shard.manifest.ManifestEvent.WalCheckpointed;
import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real journal and snapshot store under a real EventSourcedBehavior: state survives a new
 * ActorSystem on the same directory, also after a torn journal tail or a corrupt snapshot.
 */
class JournalPluginRecoveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String ENTITY = "s3-r0-g1";
    private static final String PID = "TestReplica|" + ENTITY;

    @TempDir
    Path dir;

    private ActorTestKit testKit;

    static Config config(Path dir) {
        return ConfigFactory.parseString(
                "cairn.journal.dir = \"" + dir + "\"\n"
                        + "cairn.snapshot-store.dir = \"" + dir + "\"\n"
                        + "pekko.actor.provider = local\n"
                        + "pekko.loglevel = WARNING\n")
                .withFallback(ConfigFactory.load());
    }

    private ActorRef<TestReplicaEntity.Command> start(int snapshotEvery) {
        testKit = ActorTestKit.create("recovery", config(dir));
        return testKit.spawn(TestReplicaEntity.create(ENTITY, snapshotEvery));
    }

    private void stop() {
        testKit.shutdownTestKit(); // waits for termination: the journal has closed its files
        testKit = null;
    }

    @AfterEach
    void tearDown() {
        if (testKit != null) {
            stop();
        }
    }

    private static PartRef part(int i) {
        return new PartRef("part-" + i, 19_000 + i % 3, i * 1000L, i * 1000L + 999, i, i * 10L);
    }

    /** Persists {@code count} events (parts and WAL checkpoints) and returns the final state. */
    private ReplicaManifest persist(ActorRef<TestReplicaEntity.Command> entity, int from, int count) {
        TestProbe<ReplicaManifest> probe = testKit.createTestProbe();
        ReplicaManifest state = null;
        for (int i = from; i < from + count; i++) {
            ManifestEvent e = i % 4 == 3 ? new WalCheckpointed(i * 100L) : new PartAdded(part(i));
            entity.tell(new TestReplicaEntity.Persist(e, probe.ref()));
            state = probe.expectMessageClass(ReplicaManifest.class, TIMEOUT);
        }
        return state;
    }

    private ReplicaManifest get(ActorRef<TestReplicaEntity.Command> entity) {
        TestProbe<ReplicaManifest> probe = testKit.createTestProbe();
        entity.tell(new TestReplicaEntity.Get(probe.ref()));
        return probe.expectMessageClass(ReplicaManifest.class, TIMEOUT);
    }

    private Path journalDir() {
        return dir.resolve("journal").resolve(PersistenceIdEscaper.escape(PID));
    }

    private Path snapshotDir() {
        return dir.resolve("snapshots").resolve(PersistenceIdEscaper.escape(PID));
    }

    private static List<Path> files(Path d, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void stateSurvivesANewActorSystem() throws IOException {
        ReplicaManifest written = persist(start(5), 0, 23);
        assertEquals(18, written.partCount());
        stop();

        // Pekko deletes snapshots below lastSnapshot - keep * every = 10; so 10, 15 and 20 remain
        assertEquals(List.of(10L, 15L, 20L), snapshotSeqNrs());
        ActorRef<TestReplicaEntity.Command> entity = start(5);
        assertEquals(written, get(entity));
        // and it keeps going from there
        ReplicaManifest more = persist(entity, 23, 4);
        stop();
        assertEquals(more, get(start(5)));
    }

    @Test
    void recoveryWithoutSnapshotsReplaysTheWholeJournal() throws IOException {
        ReplicaManifest written = persist(start(1000), 0, 40);
        stop();
        assertTrue(Files.notExists(snapshotDir()) || files(snapshotDir(), ".snap").isEmpty());
        assertEquals(written, get(start(1000)));
    }

    @Test
    void tornJournalTailIsCutAndRecoverySucceeds() throws IOException {
        ActorRef<TestReplicaEntity.Command> entity = start(1000);
        ReplicaManifest beforeLast = persist(entity, 0, 9);
        persist(entity, 9, 1);
        stop();

        Path segment = files(journalDir(), ".cjs").get(0);
        long size = Files.size(segment);
        try (var ch = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3); // the last append was interrupted
        }
        entity = start(1000);
        assertEquals(beforeLast, get(entity));
        ReplicaManifest after = persist(entity, 100, 2);
        stop();
        assertEquals(after, get(start(1000)));
    }

    @Test
    void corruptSnapshotFallsBackToTheOlderOne() throws IOException {
        ReplicaManifest written = persist(start(5), 0, 23);
        stop();

        assertEquals(List.of(10L, 15L, 20L), snapshotSeqNrs());
        // damage the two newest: a bit flip in one, a cut in the other
        for (Path p : files(snapshotDir(), ".snap")) {
            byte[] bytes = Files.readAllBytes(p);
            if (seqNrOf(p) == 20) {
                bytes[bytes.length / 2] ^= 0x33;
                Files.write(p, bytes);
            } else if (seqNrOf(p) == 15) {
                Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - 1));
            }
        }
        // recovery starts from snapshot 10 and replays 11..23, which the journal still holds
        assertEquals(written, get(start(5)));
    }

    @Test
    void unreadableSnapshotsFallBackToTheJournal() throws IOException {
        ReplicaManifest written = persist(start(1000), 0, 12);
        stop();
        // a damaged snapshot at seqNr 12 with nothing older: recovery replays all events
        Files.createDirectories(snapshotDir());
        Files.write(snapshotDir().resolve("snapshot-12-1700000000000.snap"), new byte[] {1, 2, 3});
        assertEquals(written, get(start(1000)));
    }

    @Test
    void differentEntitiesHaveSeparateJournals() {
        ActorRef<TestReplicaEntity.Command> a = start(1000);
        ActorRef<TestReplicaEntity.Command> b = testKit.spawn(TestReplicaEntity.create("s4-r0-g1", 1000));
        ReplicaManifest stateA = persist(a, 0, 6);
        ReplicaManifest stateB = persist(b, 50, 3);
        assertNotEquals(stateA, stateB);
        stop();
        start(1000);
        assertEquals(stateB, get(testKit.spawn(TestReplicaEntity.create("s4-r0-g1", 1000))));
    }

    private List<Long> snapshotSeqNrs() throws IOException {
        return files(snapshotDir(), ".snap").stream().map(JournalPluginRecoveryTest::seqNrOf).sorted().toList();
    }

    private static long seqNrOf(Path snapshot) {
        return SnapshotFile.parseName(snapshot.getFileName().toString()).seqNr();
    }
}
