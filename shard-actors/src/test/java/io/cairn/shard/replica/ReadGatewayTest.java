package io.cairn.shard.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.cairn.shard.serialization.CairnKryoSerializer;
import io.cairn.shard.testkit.ReplicaFixture;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read gateway answers a batch once, one answer per replica in the batch's order (a silent
 * replica as failed after the batch's timeout), and its messages cross the cluster through
 * cairn-kryo unchanged.
 */
class ReadGatewayTest {
    private static final Tenant T = new Tenant(1, 0);
    private static final ReadRequest REQUEST = new ReadRequest.LabelNames(T,
            List.of(LabelMatcher.eq("__name__", "up")), 0, 1_000, 10);
    private static final ReplicaId A = new ReplicaId(0, 0, 0);
    private static final ReplicaId B = new ReplicaId(1, 0, 0);
    private static final ReplicaId C = new ReplicaId(2, 1, 3);
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("gateway", ConfigFactory.parseString(
                "pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void answersOnceInBatchOrderWithSilentReplicasFailed() {
        Map<ReplicaId, TestProbe<ReplicaEntity.Command>> replicas = Map.of(
                A, kit.createTestProbe(), B, kit.createTestProbe(), C, kit.createTestProbe());
        ActorRef<ReadGateway.Command> gateway = kit.spawn(ReadGateway.create(ReplicaClient.of(
                id -> replicas.get(id).getRef(), kit.system().scheduler())));
        TestProbe<ReadGateway.BatchAnswer> reader = kit.createTestProbe();
        gateway.tell(new ReadGateway.ReadBatch(REQUEST, List.of(C, A, B), 500,
                reader.getRef()));

        // C answers last, B never: the answer still lists C, A, B in that order.
        ReplicaEntity.Read a = (ReplicaEntity.Read) replicas.get(A).receiveMessage();
        assertEquals(REQUEST, a.request());
        a.replyTo().tell(new ReadResult.Strings(List.of("a")));
        replicas.get(B).receiveMessage();
        ((ReplicaEntity.Read) replicas.get(C).receiveMessage()).replyTo().tell(
                new ReadResult.Failed("disk on fire", false));

        ReadGateway.BatchAnswer answer = reader.receiveMessage(Duration.ofSeconds(5));
        assertEquals(List.of(
                new ReadGateway.ReplicaAnswer(C, new ReadResult.Failed("disk on fire", false)),
                new ReadGateway.ReplicaAnswer(A, new ReadResult.Strings(List.of("a"))),
                new ReadGateway.ReplicaAnswer(B, new ReadResult.Failed(
                        "no answer within 500 ms", false))), answer.answers());
        reader.expectNoMessage(Duration.ofMillis(200));
    }

    /**
     * A replica listed in the node's reads is read from its store without a message to its
     * entity; an unlisted one in the same batch is asked as before; the answer keeps the order.
     */
    @Test
    void listedReplicasAreReadDirectlyAndTheOthersAsked(@TempDir Path dir) {
        ReplicaId open = new ReplicaId(7, 0, 0);
        Labels up = Labels.of("__name__", "up", "job", "a");
        try (ReplicaFixture fixture = new ReplicaFixture(dir)) {
            fixture.start(open);
            fixture.insert(open, up, System.currentTimeMillis() - 60_000, 3, 1);
            TestProbe<ReplicaEntity.Command> openEntity = fixture.kit.createTestProbe();
            TestProbe<ReplicaEntity.Command> other = fixture.kit.createTestProbe();
            Map<ReplicaId, TestProbe<ReplicaEntity.Command>> entities = Map.of(open, openEntity,
                    B, other);
            ActorRef<ReadGateway.Command> gateway = fixture.kit.spawn(ReadGateway.create(
                    ReplicaClient.of(id -> entities.get(id).getRef(),
                            fixture.kit.system().scheduler()), fixture.reads));
            TestProbe<ReadGateway.BatchAnswer> reader = fixture.kit.createTestProbe();
            ReadRequest names = new ReadRequest.LabelNames(ReplicaFixture.T,
                    List.of(LabelMatcher.eq("__name__", "up")), 0, Long.MAX_VALUE / 2, 10);
            gateway.tell(new ReadGateway.ReadBatch(names, List.of(B, open), 5_000,
                    reader.getRef()));

            ((ReplicaEntity.Read) other.receiveMessage()).replyTo().tell(
                    new ReadResult.Strings(List.of("b")));
            ReadGateway.BatchAnswer answer = reader.receiveMessage(Duration.ofSeconds(10));
            assertEquals(List.of(
                    new ReadGateway.ReplicaAnswer(B, new ReadResult.Strings(List.of("b"))),
                    new ReadGateway.ReplicaAnswer(open, new ReadResult.Strings(
                            List.of("__name__", "job")))), answer.answers());
            openEntity.expectNoMessage(Duration.ofMillis(100));
        }
    }

    @Test
    void emptyOrUntimedBatchesAreRefused() {
        TestProbe<ReadGateway.BatchAnswer> reader = kit.createTestProbe();
        assertThrows(IllegalArgumentException.class, () -> new ReadGateway.ReadBatch(REQUEST,
                List.of(), 100, reader.getRef()));
        assertThrows(IllegalArgumentException.class, () -> new ReadGateway.ReadBatch(REQUEST,
                List.of(A), 0, reader.getRef()));
    }

    @Test
    void messagesRoundTripThroughCairnKryo() throws Exception {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
        TestProbe<ReadGateway.BatchAnswer> reader = kit.createTestProbe();
        ReadGateway.ReadBatch batch = new ReadGateway.ReadBatch(REQUEST, List.of(A, C), 250,
                reader.getRef());
        ReadGateway.ReadBatch back = (ReadGateway.ReadBatch) roundTrip(serialization, batch);
        assertEquals(batch.request(), back.request());
        assertEquals(batch.replicas(), back.replicas());
        assertEquals(250, back.timeoutMs());
        ReadGateway.BatchAnswer answer = new ReadGateway.BatchAnswer(List.of(
                new ReadGateway.ReplicaAnswer(A, new ReadResult.Strings(List.of("x", "y"))),
                new ReadGateway.ReplicaAnswer(C, new ReadResult.Failed("gone", false))));
        back.replyTo().tell((ReadGateway.BatchAnswer) roundTrip(serialization, answer));
        assertEquals(answer, reader.receiveMessage(), "the reply ref still reaches the reader");
    }

    private static Object roundTrip(Serialization serialization, Object message)
            throws Exception {
        Serializer serializer = serialization.findSerializerFor(message);
        assertEquals(CairnKryoSerializer.IDENTIFIER, serializer.identifier(),
                message.getClass() + " must go through cairn-kryo");
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serializer.identifier(),
                Serializers.manifestFor(serializer, message)).get();
    }
}
