package io.cairn.shard.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.index.TsdbStatus;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;
import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica's whole public protocol with {@code pekko.actor.serialize-messages = on}: every
 * message between actors is serialized and deserialized even in one JVM, so a message (or a
 * class inside one) that cairn-kryo cannot carry fails here instead of between two nodes.
 * Only the entity's private, never-remote messages are exempt.
 */
class ReplicaEntitySerializedMessagesTest {
    private static final Tenant T = new Tenant(1, 2);
    private static final long T0 = System.currentTimeMillis() - 3_600_000;

    @TempDir
    Path dir;
    private ActorTestKit kit;
    private GroupCommitter committer;

    /** Config that serializes every message; internal messages of the entity are exempt. */
    static Config serializingConfig(Path dir) {
        String meta = dir.resolve("meta").toString().replace("\\", "/");
        String entity = ReplicaEntity.class.getName();
        return ConfigFactory.parseString(
                "pekko.actor.serialize-messages = on\n"
                        + "pekko.actor.serialize-creators = off\n"
                        + "pekko.actor.no-serialization-verification-needed-class-prefix = [\n"
                        + "  \"org.apache.pekko.\",\n"
                        // Private messages of one actor (or its child) never leave the node.
                        + "  \"" + entity + "$ManifestReady\", \"" + entity + "$StoreOpened\",\n"
                        + "  \"" + entity + "$Tick\", \"" + entity + "$Flush\",\n"
                        + "  \"" + entity + "$Merge\", \"" + entity + "$DropRecorded\",\n"
                        + "  \"" + entity + "$FullMergeRequested\",\n"
                        + "  \"" + ManifestKeeper.class.getName() + "$\"]\n"
                        + "pekko.persistence.journal.plugin = \"cairn.journal\"\n"
                        + "pekko.persistence.snapshot-store.plugin = \"cairn.snapshot-store\"\n"
                        + "pekko.persistence.typed.stash-overflow-strategy = \"fail\"\n"
                        + "cairn.journal.dir = \"" + meta + "\"\n"
                        + "cairn.snapshot-store.dir = \"" + meta + "\"\n")
                .withFallback(ConfigFactory.load());
    }

    @BeforeEach
    void start() {
        kit = ActorTestKit.create("serialized", serializingConfig(dir));
        committer = new GroupCommitter(FsyncMode.BATCH);
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
        committer.close();
    }

    private ActorRef<ReplicaEntity.Command> spawn(ReplicaId id) {
        return kit.spawn(ReplicaEntity.create(id, new ReplicaEnvironment(dir.resolve("replicas"),
                new StoreOptions(30L * 86_400_000, 0, 1_000_000), committer,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                System::currentTimeMillis, NodeReads.withoutRollups())));
    }

    private static byte[] rows(Labels labels, int n) {
        RowBlockWriter w = new RowBlockWriter().reset(T);
        int s = w.addSeries(labels);
        for (int i = 0; i < n; i++) {
            w.addRow(s, T0 + i * 15_000L, i * 0.25);
        }
        return w.toBytes();
    }

    private <R> R read(ActorRef<ReplicaEntity.Command> replica, ReadRequest request,
            Class<R> type) {
        TestProbe<ReadResult> probe = kit.createTestProbe();
        replica.tell(new ReplicaEntity.Read(request, probe.getRef()));
        return assertInstanceOf(type, probe.receiveMessage(Duration.ofSeconds(20)));
    }

    /** A message cairn-kryo has no registration for. */
    record Unregistered(int n) implements io.cairn.shard.serialization.CairnMessage {}

    @Test
    void theConfigReallySerializesLocalMessages() {
        TestProbe<Object> probe = kit.createTestProbe();
        // The send fails in the serializer (logged and swallowed by Pekko): never delivered.
        probe.getRef().tell(new Unregistered(1));
        probe.getRef().tell(new InsertResult.Durable(1));
        assertEquals(new InsertResult.Durable(1), probe.receiveMessage(Duration.ofSeconds(5)));
    }

    @Test
    void everyPublicMessageOfTheReplicaCrossesTheSerializer() {
        assertTrue(kit.system().settings().config().getBoolean("pekko.actor.serialize-messages"));
        ActorRef<ReplicaEntity.Command> replica = spawn(new ReplicaId(2, 1, 0));
        replica.tell(new ReplicaEntity.Wake());
        Labels cpu = Labels.of("__name__", "cpu", "host", "h1");
        Labels mem = Labels.of("__name__", "mem", "host", "h2");

        TestProbe<InsertResult> acks = kit.createTestProbe();
        replica.tell(new ReplicaEntity.Insert(rows(cpu, 30), acks.getRef()));
        replica.tell(new ReplicaEntity.Insert(rows(mem, 5), acks.getRef()));
        assertInstanceOf(InsertResult.Durable.class, acks.receiveMessage(Duration.ofSeconds(20)));
        assertInstanceOf(InsertResult.Durable.class, acks.receiveMessage(Duration.ofSeconds(20)));
        replica.tell(new ReplicaEntity.Insert(new byte[] {9, 9}, acks.getRef()));
        assertInstanceOf(InsertResult.Rejected.class, acks.receiveMessage(Duration.ofSeconds(20)));

        List<LabelMatcher> cpuOnly = List.of(LabelMatcher.of(LabelMatcher.Type.RE, "__name__",
                "c.u"));
        List<SeriesData> series = read(replica, new ReadRequest.Samples(T, cpuOnly, 0,
                Long.MAX_VALUE / 2, 100), ReadResult.Samples.class).series();
        assertEquals(1, series.size());
        assertEquals(cpu, series.get(0).labels());
        double[] expected = new double[30];
        for (int i = 0; i < 30; i++) {
            expected[i] = i * 0.25;
        }
        assertArrayEquals(expected, Arrays.copyOf(series.get(0).values(), series.get(0).count()));

        assertEquals(List.of(cpu, mem), read(replica, new ReadRequest.SeriesLabels(T, List.of(
                LabelMatcher.of(LabelMatcher.Type.RE, "host", ".+")), 0, Long.MAX_VALUE / 2,
                10), ReadResult.LabelSets.class).labels());
        assertEquals(List.of("__name__", "host"), read(replica, new ReadRequest.LabelNames(T,
                List.of(), 0, Long.MAX_VALUE / 2, 10), ReadResult.Strings.class).values());
        assertEquals(List.of("h1", "h2"), read(replica, new ReadRequest.LabelValues(T, "host",
                List.of(), 0, Long.MAX_VALUE / 2, 10), ReadResult.Strings.class).values());
        TsdbStatus status = read(replica, new ReadRequest.Cardinality(T, Long.MIN_VALUE / 2,
                Long.MAX_VALUE / 2, 5), ReadResult.Cardinality.class).status();
        assertEquals(2, status.totalSeries());

        TestProbe<ReplicaEntity.Done> done = kit.createTestProbe();
        replica.tell(new ReplicaEntity.ForceFlush(done.getRef()));
        done.receiveMessage(Duration.ofSeconds(30));
        replica.tell(new ReplicaEntity.ForceMerge(done.getRef()));
        done.receiveMessage(Duration.ofSeconds(30));
        assertEquals(30, read(replica, new ReadRequest.Samples(T, cpuOnly, 0,
                Long.MAX_VALUE / 2, 100), ReadResult.Samples.class).series().get(0).count(),
                "the flushed and merged part serves the same samples");
    }
}
