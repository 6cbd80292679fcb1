package io.cairn.shard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.serialization.CairnKryoSerializer;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bootstrap message that crosses nodes goes through the Kryo serializer and back. */
class BootstrapMessagesKryoTest {
    private static ActorTestKit kit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("bootstrap-kryo", ConfigFactory.parseString(
                "pekko.actor.provider = local\n").withFallback(ConfigFactory.load()));
        serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static Object roundTrip(Object message) throws Exception {
        Serializer serializer = serialization.findSerializerFor(message);
        assertEquals(CairnKryoSerializer.IDENTIFIER, serializer.identifier(), message.toString());
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serializer.identifier(),
                Serializers.manifestFor(serializer, message)).get();
    }

    @Test
    void recordsWithoutArraysRoundTripEqual() throws Exception {
        ActorRef<BootstrapOutcome> outcomes = kit.<BootstrapOutcome>createTestProbe().getRef();
        ActorRef<CopyPlanReply> plans = kit.<CopyPlanReply>createTestProbe().getRef();
        ActorRef<CopySource.Reply> replies = kit.<CopySource.Reply>createTestProbe().getRef();
        ActorRef<CopySource.Command> session = kit.<CopySource.Command>createTestProbe().getRef();
        List<Object> messages = List.of(
                new ReplicaEntity.StartBootstrap("s3-r0-g2", outcomes),
                new ReplicaEntity.StartBootstrap(ReplicaEntity.StartBootstrap.NO_SOURCE, outcomes),
                new ReplicaEntity.PrepareCopy("s3-r1-g4", session, plans),
                new BootstrapOutcome.Completed("s3-r1-g4", 1L << 40, 17, 3),
                new BootstrapOutcome.Failed("s3-r1-g4", "source refused: LEAVING"),
                new CopyPlanReply.CopyPlan(session, List.of(
                        new PartRef("020000-000000000001-000.part", 20000, 5, 9, 100, 4096),
                        new PartRef("020001-001000000007-002.part", 20001, 86_400_000L * 20001,
                                86_400_000L * 20001 + 7, 3, 512))),
                new CopyPlanReply.CopyPlan(session, List.of()),
                new CopyPlanReply.CopyRefused("it is copying from a sibling itself"),
                new CopySource.DescribePart("a.part", replies),
                new CopySource.FetchChunk("a.part", 3L << 32, 1 << 20, replies),
                new CopySource.FetchSeries("a.part", 8192, 4096, replies),
                new CopySource.Release(),
                new CopySource.PartDescription("a.part", 123_456_789_012L, 0xcafebabe),
                new CopySource.CopyFailed("replica s3-r0-g2, part a.part: gone"));
        for (Object m : messages) {
            assertEquals(m, roundTrip(m));
        }
    }

    @Test
    void chunksAndSeriesPagesKeepTheirBytes() throws Exception {
        byte[] data = new byte[1 << 20];
        new java.util.Random(7).nextBytes(data);
        CopySource.Chunk chunk = new CopySource.Chunk("b.part", 1L << 33, data,
                CopyIo.crc32c(data, data.length));
        CopySource.Chunk chunkBack = assertInstanceOf(CopySource.Chunk.class, roundTrip(chunk));
        assertEquals(chunk.fileName(), chunkBack.fileName());
        assertEquals(chunk.offset(), chunkBack.offset());
        assertEquals(chunk.crc32c(), chunkBack.crc32c());
        assertArrayEquals(data, chunkBack.data());

        CopySource.SeriesPage page = new CopySource.SeriesPage("b.part", 4, -1,
                new long[] {-5, 9}, new long[] {7L << 32 | 3, 0}, new int[] {3, 5},
                new byte[] {1, 2, 3, 4, 5});
        CopySource.SeriesPage back = assertInstanceOf(CopySource.SeriesPage.class,
                roundTrip(page));
        assertEquals(page.fileName(), back.fileName());
        assertEquals(page.fromSeries(), back.fromSeries());
        assertEquals(page.nextSeries(), back.nextSeries());
        assertArrayEquals(page.seriesIds(), back.seriesIds());
        assertArrayEquals(page.tenants(), back.tenants());
        assertArrayEquals(page.labelEnds(), back.labelEnds());
        assertArrayEquals(page.labelBytes(), back.labelBytes());
    }
}
