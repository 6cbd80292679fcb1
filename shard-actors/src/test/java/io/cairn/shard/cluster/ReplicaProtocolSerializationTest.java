package io.cairn.shard.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.shard.serialization.CairnKryoSerializer;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of the replica and placement protocols that crosses nodes goes through the
 * Kryo serializer and comes back equal (label sets and matchers by their canonical form).
 */
class ReplicaProtocolSerializationTest {
    private static ActorTestKit testKit;
    private static Serialization serialization;
    private static TestProbe<Object> probe;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("protocol", ConfigFactory.parseString(
                "pekko.actor.provider = local").withFallback(ConfigFactory.load()));
        serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        probe = testKit.createTestProbe();
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    static Stream<Object> messages() {
        Tenant t = new Tenant(7, 3);
        List<LabelMatcher> matchers = List.of(LabelMatcher.eq("__name__", "up"),
                LabelMatcher.of(LabelMatcher.Type.RE, "job", "node|api.*"),
                LabelMatcher.of(LabelMatcher.Type.NEQ, "env", ""));
        List<SeriesData> series = new ArrayList<>();
        series.add(new SeriesData(Labels.of("__name__", "up", "job", "a"),
                new long[] {1, 2, 3}, new double[] {0.5, Double.NaN, 3}, 3));
        return Stream.of(
                new ReplicaEntity.Insert(new byte[] {1, 2, 3}, probe.ref().narrow()),
                new ReplicaEntity.Read(new ReadRequest.Samples(t, matchers, 10, 20, 1000),
                        probe.ref().narrow()),
                new ReplicaEntity.Read(new ReadRequest.LabelValues(t, "job", matchers, 1, 2, 3),
                        probe.ref().narrow()),
                new ReplicaEntity.Read(new ReadRequest.SeriesLabels(t, List.of(), 1, 2, 3),
                        probe.ref().narrow()),
                new ReplicaEntity.Read(new ReadRequest.LabelNames(t, matchers, 1, 2, 3),
                        probe.ref().narrow()),
                new ReplicaEntity.Wake(),
                new InsertResult.Durable(42),
                new InsertResult.Rejected("bad"),
                new InsertResult.Unavailable("later"),
                new ReadResult.Samples(series),
                new ReadResult.LabelSets(List.of(Labels.of("a", "1"), Labels.EMPTY)),
                new ReadResult.Strings(List.of("x", "y")),
                new ReadResult.Failed("too many", true),
                new PlacementCoordinator.ReplicaBecameAvailable(new ReplicaId(3, 1, 9)),
                new PlacementCoordinator.ReplicaLeft(new ReplicaId(0, 0, 0)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTripsThroughKryo(Object message) throws Exception {
        Serializer ser = serialization.findSerializerFor(message);
        assertEquals(CairnKryoSerializer.IDENTIFIER, ser.identifier(), message.toString());
        Object back = serialization.deserialize(serialization.serialize(message).get(),
                ser.identifier(), "").get();
        if (message instanceof ReadResult.Samples s) {
            SeriesData a = s.series().get(0);
            SeriesData b = ((ReadResult.Samples) back).series().get(0);
            assertEquals(a.labels(), b.labels());
            assertArrayEquals(a.timestamps(), b.timestamps());
            assertArrayEquals(a.values(), b.values());
            assertEquals(a.count(), b.count());
        } else if (message instanceof ReplicaEntity.Insert i) {
            assertArrayEquals(i.rowBlock(), ((ReplicaEntity.Insert) back).rowBlock());
            assertEquals(i.replyTo(), ((ReplicaEntity.Insert) back).replyTo());
        } else if (message instanceof ReplicaEntity.Read r) {
            assertEquals(r.replyTo(), ((ReplicaEntity.Read) back).replyTo());
            assertEquals(describe(r.request()), describe(((ReplicaEntity.Read) back).request()));
        } else {
            assertEquals(message, back);
        }
    }

    /** Matchers compare by (type, name, value); the records' own equals may be identity. */
    private static String describe(ReadRequest r) {
        StringBuilder b = new StringBuilder(r.getClass().getSimpleName()).append(r.tenant());
        List<LabelMatcher> ms;
        if (r instanceof ReadRequest.Samples s) {
            ms = s.matchers();
        } else if (r instanceof ReadRequest.SeriesLabels s) {
            ms = s.matchers();
        } else if (r instanceof ReadRequest.LabelNames s) {
            ms = s.matchers();
        } else {
            ms = ((ReadRequest.LabelValues) r).matchers();
        }
        for (LabelMatcher m : ms) {
            b.append(' ').append(m.type()).append(m.name()).append('=').append(m.value());
        }
        return b.append(' ').append(r).toString().replaceAll("@[0-9a-f]+", "");
    }
}
