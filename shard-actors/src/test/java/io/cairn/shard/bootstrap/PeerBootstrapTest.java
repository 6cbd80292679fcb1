package io.cairn.shard.bootstrap;

import io.cairn.shard.replica.NodeReads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaEnvironment;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.engine.Days;
import io.cairn.storage.engine.StoreOptions;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer bootstrap between two replica entities of one shard in one actor system, with the real
 * journal and stores: the copy (flushed parts and the source's head), writes arriving at both
 * during the copy, an interrupted copy resumed, and damaged chunks and files.
 */
class PeerBootstrapTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Tenant T1 = new Tenant(1, 0);
    private static final Tenant T2 = new Tenant(7, 3);
    private static final ReplicaId SOURCE = new ReplicaId(1, 0, 0);
    private static final ReplicaId TARGET = new ReplicaId(1, 1, 0);
    /** One hour into the UTC day three days ago: rounds of rows then cross day boundaries. */
    private static final long BASE = Days.start(Days.of(System.currentTimeMillis()) - 3)
            + 3_600_000L;

    @TempDir
    Path dir;

    private ActorTestKit kit;
    private GroupCommitter committer;
    private final Map<String, ActorRef<ReplicaEntity.Command>> replicas = new HashMap<>();

    @BeforeEach
    void start() {
        kit = ActorTestKit.create("bootstrap", config());
        committer = new GroupCommitter(FsyncMode.BATCH);
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
        committer.close();
    }

    private Config config() {
        String meta = dir.resolve("meta").toString().replace("\\", "/");
        return ConfigFactory.parseString(
                "pekko.persistence.journal.plugin = \"cairn.journal\"\n"
                        + "pekko.persistence.snapshot-store.plugin = \"cairn.snapshot-store\"\n"
                        + "pekko.persistence.typed.stash-overflow-strategy = \"fail\"\n"
                        + "cairn.journal.dir = \"" + meta + "\"\n"
                        + "cairn.snapshot-store.dir = \"" + meta + "\"\n"
                        + "cairn.journal.fsync = off\n"
                        + "cairn.snapshot-store.fsync = off\n"
                        // Small chunks, so that every part travels in several of them.
                        + "cairn.bootstrap.chunk-size = 512\n"
                        + "cairn.bootstrap.series-page-size = 7\n"
                        + "cairn.bootstrap.min-backoff = 50ms\n"
                        + "cairn.bootstrap.max-attempts = 3\n"
                        + "cairn.bootstrap.ask-timeout = 10s\n")
                .withFallback(ConfigFactory.load());
    }

    private ReplicaEnvironment env() {
        return new ReplicaEnvironment(dir.resolve("replicas"),
                new StoreOptions(30L * 86_400_000, 0, 1_000_000), committer,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                System::currentTimeMillis, NodeReads.withoutRollups());
    }

    /** Spawns a replica whose bootstrap sources are looked up in {@link #replicas}. */
    private ActorRef<ReplicaEntity.Command> spawn(ReplicaId id) {
        ActorRef<ReplicaEntity.Command> ref = kit.spawn(ReplicaEntity.create(id, env(),
                entityId -> {
                    ActorRef<ReplicaEntity.Command> r = replicas.get(entityId);
                    if (r == null) {
                        throw new IllegalArgumentException("no replica " + entityId);
                    }
                    return r;
                }));
        replicas.put(id.entityId(), ref);
        return ref;
    }

    /** A source replica made AVAILABLE (it has no sibling) with {@code rounds} flushed parts. */
    private ActorRef<ReplicaEntity.Command> sourceWithParts(int rounds) {
        ActorRef<ReplicaEntity.Command> source = spawn(SOURCE);
        assertInstanceOf(BootstrapOutcome.Completed.class, bootstrap(source,
                ReplicaEntity.StartBootstrap.NO_SOURCE));
        for (int round = 0; round < rounds; round++) {
            insert(source, rows(T1, "cpu", 20, round, 0));
            insert(source, rows(T2, "mem", 5, round, 1));
            flush(source);
        }
        return source;
    }

    /**
     * Rows of {@code series} series, 120 per series one minute apart, starting 12 hours after
     * the previous round (so every second round is on the next UTC day); {@code salt} varies
     * the values.
     */
    private static byte[] rows(Tenant tenant, String metric, int series, int round, int salt) {
        RowBlockWriter w = new RowBlockWriter().reset(tenant);
        long start = BASE + round * 12L * 3_600_000L;
        for (int s = 0; s < series; s++) {
            int idx = w.addSeries(Labels.of("__name__", metric, "host", "h" + s,
                    "zone", s % 2 == 0 ? "a" : "b"));
            for (int i = 0; i < 120; i++) {
                w.addRow(idx, start + i * 60_000L, round * 1000.0 + s * 10 + i * 0.25 + salt);
            }
        }
        return w.toBytes();
    }

    private void insert(ActorRef<ReplicaEntity.Command> replica, byte[] rows) {
        TestProbe<InsertResult> acks = kit.createTestProbe();
        replica.tell(new ReplicaEntity.Insert(rows, acks.getRef()));
        assertInstanceOf(InsertResult.Durable.class, acks.receiveMessage(WAIT));
    }

    private void flush(ActorRef<ReplicaEntity.Command> replica) {
        TestProbe<ReplicaEntity.Done> done = kit.createTestProbe();
        replica.tell(new ReplicaEntity.ForceFlush(done.getRef()));
        done.receiveMessage(WAIT);
    }

    private BootstrapOutcome bootstrap(ActorRef<ReplicaEntity.Command> replica, String source) {
        TestProbe<BootstrapOutcome> outcome = kit.createTestProbe();
        replica.tell(new ReplicaEntity.StartBootstrap(source, outcome.getRef()));
        return outcome.receiveMessage(WAIT);
    }

    private List<SeriesData> read(ActorRef<ReplicaEntity.Command> replica, Tenant tenant) {
        TestProbe<ReadResult> probe = kit.createTestProbe();
        replica.tell(new ReplicaEntity.Read(new ReadRequest.Samples(tenant,
                List.of(LabelMatcher.of(LabelMatcher.Type.RE, "__name__", ".+")), 0,
                Long.MAX_VALUE / 2, 10_000), probe.getRef()));
        List<SeriesData> out = new ArrayList<>(assertInstanceOf(ReadResult.Samples.class,
                probe.receiveMessage(WAIT)).series());
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return out;
    }

    /** Both replicas answer every tenant's read identically, sample for sample. */
    private void assertSameData(ActorRef<ReplicaEntity.Command> a,
            ActorRef<ReplicaEntity.Command> b, int expectedSamples) {
        long samples = 0;
        for (Tenant t : List.of(T1, T2)) {
            List<SeriesData> x = read(a, t);
            List<SeriesData> y = read(b, t);
            assertEquals(x.size(), y.size(), "series of tenant " + t);
            for (int i = 0; i < x.size(); i++) {
                SeriesData s = x.get(i);
                SeriesData u = y.get(i);
                assertEquals(s.labels(), u.labels());
                assertArrayEquals(Arrays.copyOf(s.timestamps(), s.count()),
                        Arrays.copyOf(u.timestamps(), u.count()), "timestamps of " + s.labels());
                assertArrayEquals(Arrays.copyOf(s.values(), s.count()),
                        Arrays.copyOf(u.values(), u.count()), "values of " + s.labels());
                samples += s.count();
            }
        }
        assertEquals(expectedSamples, samples, "samples read from each replica");
    }

    /** Part files of a replica whose names are in the import range (copied from a sibling). */
    private long importedPartFiles(ReplicaId id) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("replicas").resolve(id.entityId())
                .resolve("parts"))) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".part") && Long.parseLong(n.split("-")[1])
                            < 1_000_000_000L)
                    .count();
        }
    }

    private long partFiles(ReplicaId id) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("replicas").resolve(id.entityId())
                .resolve("parts"))) {
            return s.filter(p -> p.toString().endsWith(".part")).count();
        }
    }

    private static int samples(int rounds, int extraRowsPerSeries) {
        return 25 * (120 * rounds + extraRowsPerSeries);
    }

    @Test
    void copiesPartsAndHeadAndAnswersLikeTheSource() throws IOException {
        ActorRef<ReplicaEntity.Command> source = sourceWithParts(4);
        // Rows only in the source's head: the plan's flush must put them in a part.
        insert(source, rows(T1, "cpu", 20, 4, 0));
        insert(source, rows(T2, "mem", 5, 4, 1));
        long sourceParts = partFiles(SOURCE);

        ActorRef<ReplicaEntity.Command> target = spawn(TARGET);
        // From here on writers send every row to both replicas.
        byte[] before = rows(T1, "cpu", 20, 5, 0);
        insert(source, before);
        insert(target, before);
        flush(target); // the target's own part, which copied parts must sort before

        TestProbe<BootstrapOutcome> outcome = kit.createTestProbe();
        target.tell(new ReplicaEntity.StartBootstrap(SOURCE.entityId(), outcome.getRef()));
        byte[] during = rows(T2, "mem", 5, 5, 1);
        insert(source, during);
        insert(target, during);
        BootstrapOutcome.Completed done = assertInstanceOf(BootstrapOutcome.Completed.class,
                outcome.receiveMessage(WAIT));
        assertEquals(TARGET.entityId(), done.entityId());
        assertEquals(0, done.partsKept());
        assertTrue(done.partsCopied() > sourceParts, "the head became parts too: " + done);
        assertEquals(done.partsCopied(), importedPartFiles(TARGET));

        byte[] after = rows(T1, "cpu", 20, 6, 0);
        insert(source, after);
        insert(target, after);
        assertSameData(source, target, samples(6, 20 * 120 / 25));

        // Idempotent once available, and available across a restart.
        assertEquals(new BootstrapOutcome.Completed(TARGET.entityId(), 0, 0, 0),
                bootstrap(target, SOURCE.entityId()));
        kit.stop(target, WAIT);
        ActorRef<ReplicaEntity.Command> restarted = spawn(TARGET);
        assertSameData(source, restarted, samples(6, 20 * 120 / 25));
        assertEquals(new BootstrapOutcome.Completed(TARGET.entityId(), 0, 0, 0),
                bootstrap(restarted, SOURCE.entityId()));
    }

    /**
     * The plan relies on this: a flush request that arrives while an older head is being
     * flushed is answered only once a head frozen after it, with every row that came before
     * it, is in parts.
     */
    @Test
    void forceFlushCoversRowsThatArrivedDuringAnEarlierFlush() throws IOException {
        ActorRef<ReplicaEntity.Command> replica = spawn(SOURCE);
        TestProbe<InsertResult> acks = kit.createTestProbe();
        TestProbe<ReplicaEntity.Done> first = kit.createTestProbe();
        TestProbe<ReplicaEntity.Done> second = kit.createTestProbe();
        // Back to back: the second insert lands in the head after the first flush froze its own.
        replica.tell(new ReplicaEntity.Insert(rows(T1, "cpu", 3, 0, 0), acks.getRef()));
        replica.tell(new ReplicaEntity.ForceFlush(first.getRef()));
        replica.tell(new ReplicaEntity.Insert(rows(T1, "cpu", 3, 1, 0), acks.getRef()));
        replica.tell(new ReplicaEntity.ForceFlush(second.getRef()));
        second.receiveMessage(WAIT);
        first.receiveMessage(WAIT);
        assertEquals(2, partFiles(SOURCE), "both heads are parts when the second flush answers");
    }

    @Test
    void interruptedCopyResumesAndKeepsAdoptedParts() throws IOException {
        ActorRef<ReplicaEntity.Command> source = sourceWithParts(5);
        FaultyLink link = new FaultyLink();
        TestProbe<String> held = kit.createTestProbe();
        link.held = held.getRef();
        link.holdPart = 3;
        ActorRef<ReplicaEntity.Command> viaLink = kit.spawn(link.source(source));

        ActorRef<ReplicaEntity.Command> target = spawn(TARGET);
        TestProbe<BootstrapOutcome> first = kit.createTestProbe();
        replicas.put(SOURCE.entityId(), viaLink);
        target.tell(new ReplicaEntity.StartBootstrap(SOURCE.entityId(), first.getRef()));
        held.receiveMessage(WAIT);
        // Three parts are adopted; a write reaches both while the copy is stuck.
        byte[] during = rows(T2, "mem", 5, 5, 1);
        insert(source, during);
        insert(target, during);
        assertEquals(3, importedPartFiles(TARGET));
        kit.stop(target, WAIT);
        first.expectNoMessage(Duration.ofMillis(100));

        replicas.put(SOURCE.entityId(), source);
        ActorRef<ReplicaEntity.Command> resumed = spawn(TARGET);
        BootstrapOutcome.Completed done = assertInstanceOf(BootstrapOutcome.Completed.class,
                bootstrap(resumed, SOURCE.entityId()));
        assertEquals(3, done.partsKept(), done.toString());
        long sourceParts = partFiles(SOURCE);
        assertEquals(sourceParts, done.partsKept() + done.partsCopied(), done.toString());
        assertEquals(sourceParts, importedPartFiles(TARGET), "no part was copied twice");
        assertSameData(source, resumed, samples(6, 0) - 20 * 120);
    }

    @Test
    void damagedChunksAreFetchedAgain() {
        ActorRef<ReplicaEntity.Command> source = sourceWithParts(2);
        FaultyLink link = new FaultyLink();
        link.damageChunks.set(3);
        replicas.put(SOURCE.entityId(), kit.spawn(link.source(source)));
        long retriesBefore = BootstrapStats.CHUNK_RETRIES.sum();
        long failedBefore = BootstrapStats.FAILED_ATTEMPTS.sum();

        ActorRef<ReplicaEntity.Command> target = spawn(TARGET);
        BootstrapOutcome.Completed done = assertInstanceOf(BootstrapOutcome.Completed.class,
                bootstrap(target, SOURCE.entityId()));
        assertEquals(0, link.damageChunks.get(), "every planned damage happened");
        assertEquals(3, BootstrapStats.CHUNK_RETRIES.sum() - retriesBefore);
        assertEquals(0, BootstrapStats.FAILED_ATTEMPTS.sum() - failedBefore,
                "a damaged chunk costs a fetch, not the attempt");
        assertTrue(done.partsCopied() > 0);
        assertSameData(source, target, samples(2, 0));
    }

    @Test
    void fileThatFailsItsChecksumIsCopiedAgain() {
        ActorRef<ReplicaEntity.Command> source = sourceWithParts(2);
        FaultyLink link = new FaultyLink();
        link.forgeChunks.set(1);
        replicas.put(SOURCE.entityId(), kit.spawn(link.source(source)));
        long failedBefore = BootstrapStats.FAILED_ATTEMPTS.sum();

        ActorRef<ReplicaEntity.Command> target = spawn(TARGET);
        assertInstanceOf(BootstrapOutcome.Completed.class, bootstrap(target, SOURCE.entityId()));
        assertEquals(1, BootstrapStats.FAILED_ATTEMPTS.sum() - failedBefore);
        assertSameData(source, target, samples(2, 0));
    }

    @Test
    void persistentDamageFailsWithAClearReasonAndLeavesTheReplicaInitializing() {
        ActorRef<ReplicaEntity.Command> source = sourceWithParts(1);
        FaultyLink link = new FaultyLink();
        link.forgeChunks.set(Integer.MAX_VALUE);
        replicas.put(SOURCE.entityId(), kit.spawn(link.source(source)));

        ActorRef<ReplicaEntity.Command> target = spawn(TARGET);
        BootstrapOutcome.Failed failed = assertInstanceOf(BootstrapOutcome.Failed.class,
                bootstrap(target, SOURCE.entityId()));
        assertTrue(failed.reason().contains("CRC32C"), failed.reason());
        assertTrue(failed.reason().contains(".part"), "names the part: " + failed.reason());

        // Still INITIALIZING: it refuses to be a copy source and can be bootstrapped again.
        TestProbe<CopyPlanReply> plan = kit.createTestProbe();
        target.tell(new ReplicaEntity.PrepareCopy("s1-r2-g0", plan.getRef(), plan.getRef()));
        assertInstanceOf(CopyPlanReply.CopyRefused.class, plan.receiveMessage(WAIT));
        replicas.put(SOURCE.entityId(), source);
        assertInstanceOf(BootstrapOutcome.Completed.class, bootstrap(target, SOURCE.entityId()));
        assertSameData(source, target, samples(1, 0));
    }

    @Test
    void unknownSourceFails() {
        ActorRef<ReplicaEntity.Command> target = spawn(TARGET);
        BootstrapOutcome.Failed failed = assertInstanceOf(BootstrapOutcome.Failed.class,
                bootstrap(target, "s1-r9-g0"));
        assertTrue(failed.reason().contains("s1-r9-g0"), failed.reason());
    }
}
