package io.cairn.shard.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.index.TsdbStatus;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import io.cairn.storage.model.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message of the replica protocol (and everything inside it) goes through cairn-kryo
 * and comes back equal, as it would between two nodes.
 */
class ReplicaProtocolSerializationTest {
    private static ActorTestKit kit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("protocol", ConfigFactory.parseString(
                "pekko.actor.provider = local").withFallback(ConfigFactory.load()));
        serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static Object roundTrip(Object message) throws Exception {
        Serializer serializer = serialization.findSerializerFor(message);
        assertEquals(CairnKryoSerializer.IDENTIFIER, serializer.identifier(),
                message.getClass() + " must go through cairn-kryo");
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serializer.identifier(),
                Serializers.manifestFor(serializer, message)).get();
    }

    private static final Tenant T = new Tenant(7, 3);
    private static final List<LabelMatcher> MATCHERS = List.of(
            LabelMatcher.eq("__name__", "cpu"),
            LabelMatcher.of(LabelMatcher.Type.NEQ, "env", ""),
            LabelMatcher.of(LabelMatcher.Type.RE, "host", "h(1|2).*"),
            LabelMatcher.of(LabelMatcher.Type.NRE, "dc", "eu-.+"));

    @Test
    void valueMessagesRoundTripEqual() throws Exception {
        List<Object> messages = List.of(
                new ReplicaEntity.Wake(),
                new ReplicaEntity.Done(),
                new InsertResult.Durable(123_456_789L),
                new InsertResult.Rejected("bad row block at offset 12"),
                new InsertResult.Unavailable("replica s1-r0-g0 is starting; retry"),
                new ReadRequest.Samples(T, MATCHERS, -5, Long.MAX_VALUE / 2, 1000),
                new ReadRequest.SeriesLabels(T, MATCHERS, 0, 10, 5),
                new ReadRequest.LabelNames(T, List.of(), Long.MIN_VALUE / 2, 10, 5),
                new ReadRequest.LabelValues(T, "host", MATCHERS.subList(0, 1), 0, 10, 5),
                new ReadRequest.Cardinality(T, 0, 86_399_999, 10),
                new ReadResult.LabelSets(List.of(Labels.of("__name__", "a", "x", "1"),
                        Labels.EMPTY, Labels.of("b", "é ☃"))),
                new ReadResult.Strings(new ArrayList<>(List.of("a", "b", ""))),
                new ReadResult.Strings(List.of()),
                new ReadResult.Strings(java.util.Arrays.asList("x", "y")),
                new ReadResult.Strings(java.util.Collections.unmodifiableList(
                        new ArrayList<>(List.of("z")))),
                new ReadResult.Strings(new ArrayList<>(List.of("a", "b", "c")).subList(1, 2)),
                new ReadResult.Failed("limit", true),
                new ReadResult.Cardinality(new TsdbStatus(10, 20,
                        List.of(new TsdbStatus.Entry("up", 3)),
                        List.of(new TsdbStatus.Entry("job", 2), new TsdbStatus.Entry("i", 1)),
                        List.of(), List.of(new TsdbStatus.Entry("job=api", 4)),
                        List.of())),
                new io.cairn.shard.cluster.PlacementCoordinator.ReplicaBecameAvailable(
                        new io.cairn.shard.replica.ReplicaId(3, 1, 9)),
                new io.cairn.shard.cluster.PlacementCoordinator.ReplicaLeft(
                        new io.cairn.shard.replica.ReplicaId(0, 0, 0)));
        for (Object m : messages) {
            assertEquals(m, roundTrip(m), m.getClass().getName());
        }
    }

    @Test
    void rollupRequestsAndAnswersRoundTrip() throws Exception {
        for (RollupSpec.Aggregation agg : java.util.Arrays.asList(null,
                new RollupSpec.Aggregation("sum", List.of("mode", "host"), false),
                new RollupSpec.Aggregation("count", List.of(), true))) {
            RollupSpec spec = new RollupSpec("quantile_over_time", new double[] {0.9}, 1_000,
                    60_000, 2_000, 60_000, 1441, 300_000, 300_000, agg);
            ReadRequest.Rollup back = (ReadRequest.Rollup) roundTrip(
                    new ReadRequest.Rollup(T, MATCHERS, -5, 10, 100, spec));
            RollupSpec b = back.spec();
            assertEquals(MATCHERS.toString(), back.matchers().toString());
            assertEquals(spec.function(), b.function());
            assertArrayEquals(spec.args(), b.args());
            assertEquals(spec.windowEnd(1440), b.windowEnd(1440));
            assertEquals(spec.evalTime(7), b.evalTime(7));
            assertEquals(spec.rangeMs(), b.rangeMs());
            assertEquals(spec.lookbackMs(), b.lookbackMs());
            assertEquals(agg, b.aggregation());
        }
        long[] present = {0b1011L};
        for (double[] comp : java.util.Arrays.asList(null, new double[] {1e-17, 0, -2e-17, 0})) {
            StepRows rows = new StepRows(2, List.of(Labels.of("x", "1"), Labels.of("x", "2")),
                    new double[] {1.5, Double.POSITIVE_INFINITY, Double.NaN, -0.0}, comp, present, 7,
                    12_345, List.of("cpu_total"));
            StepRows b = ((ReadResult.Rolled) roundTrip(new ReadResult.Rolled(rows))).rows();
            assertEquals(rows.labels(), b.labels());
            assertEquals(Arrays.toString(rows.values()), Arrays.toString(b.values()));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.values()[3]));
            assertArrayEquals(rows.compensation(), b.compensation());
            assertArrayEquals(present, b.present());
            assertEquals(7, b.series());
            assertEquals(12_345, b.samples());
            assertEquals(List.of("cpu_total"), b.metricNames());
            assertTrue(b.present(1, 1) && !b.present(1, 0));
        }
    }

    @Test
    void matchersAreRecompiledOnTheReceiver() throws Exception {
        ReadRequest.Samples back = (ReadRequest.Samples) roundTrip(
                new ReadRequest.Samples(T, MATCHERS, 0, 1, 1));
        LabelMatcher re = back.matchers().get(2);
        assertTrue(re.matches("h1x"));
        assertTrue(!re.matches("xh1"), "fully anchored after the trip");
        assertTrue(back.matchers().get(3).matches("us-1"));
    }

    @Test
    void seriesDataCarriesOnlyTheValidSamplesBitForBit() throws Exception {
        Random rnd = new Random(42);
        for (int round = 0; round < 50; round++) {
            int n = rnd.nextInt(300);
            long[] ts = new long[n + rnd.nextInt(5)];
            double[] vs = new double[ts.length];
            long t = rnd.nextLong() >> 20;
            for (int i = 0; i < n; i++) {
                t += rnd.nextInt(3) == 0 ? rnd.nextInt(1 << 20) : 15_000;
                ts[i] = t;
                vs[i] = switch (rnd.nextInt(4)) {
                    case 0 -> StaleMarker.VALUE;
                    case 1 -> Double.NaN;
                    case 2 -> rnd.nextInt(1000);
                    default -> rnd.nextGaussian();
                };
            }
            SeriesData s = new SeriesData(Labels.of("__name__", "m", "i", "" + round), ts, vs, n);
            ReadResult.Samples back = (ReadResult.Samples) roundTrip(
                    new ReadResult.Samples(List.of(s)));
            SeriesData b = back.series().get(0);
            assertEquals(s.labels(), b.labels());
            assertEquals(n, b.count());
            assertArrayEquals(Arrays.copyOf(ts, n), Arrays.copyOf(b.timestamps(), n));
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(vs[i]),
                        Double.doubleToRawLongBits(b.values()[i]), "sample " + i);
            }
        }
    }

    @Test
    void messagesWithReplyRefsRoundTripAndTheRefsStillWork() throws Exception {
        TestProbe<InsertResult> inserts = kit.createTestProbe();
        TestProbe<ReadResult> reads = kit.createTestProbe();
        TestProbe<ReplicaEntity.Done> done = kit.createTestProbe();
        byte[] block = {1, 2, 3, 4, 5};

        ReplicaEntity.Insert insert = (ReplicaEntity.Insert) roundTrip(
                new ReplicaEntity.Insert(block, inserts.getRef()));
        assertArrayEquals(block, insert.rowBlock());
        insert.replyTo().tell(new InsertResult.Durable(5));
        inserts.expectMessage(Duration.ofSeconds(5), new InsertResult.Durable(5));

        ReplicaEntity.Read read = (ReplicaEntity.Read) roundTrip(new ReplicaEntity.Read(
                new ReadRequest.LabelNames(T, MATCHERS, 0, 1, 2), reads.getRef()));
        assertEquals(new ReadRequest.LabelNames(T, MATCHERS, 0, 1, 2), read.request());
        read.replyTo().tell(new ReadResult.Strings(List.of("x")));
        reads.expectMessage(Duration.ofSeconds(5), new ReadResult.Strings(List.of("x")));

        ReplicaEntity.ForceFlush flush = (ReplicaEntity.ForceFlush) roundTrip(
                new ReplicaEntity.ForceFlush(done.getRef()));
        ReplicaEntity.ForceMerge merge = (ReplicaEntity.ForceMerge) roundTrip(
                new ReplicaEntity.ForceMerge(done.getRef()));
        flush.replyTo().tell(new ReplicaEntity.Done());
        merge.replyTo().tell(new ReplicaEntity.Done());
        done.expectMessageClass(ReplicaEntity.Done.class, Duration.ofSeconds(5));
        done.expectMessageClass(ReplicaEntity.Done.class, Duration.ofSeconds(5));
    }

    @Test
    void corruptSeriesDataIsRefusedNotAllocated() throws Exception {
        Serializer kryo = serialization.serializerByIdentity()
                .apply(CairnKryoSerializer.IDENTIFIER);
        byte[] ok = kryo.toBinary(new ReadResult.Samples(List.of(new SeriesData(
                Labels.of("a", "b"), new long[] {1, 2}, new double[] {1, 2}, 2))));
        // Cut the message inside the samples: the count now claims more than is left.
        byte[] cut = Arrays.copyOf(ok, ok.length - 9);
        Exception e = assertThrows(Exception.class,
                () -> kryo.fromBinary(cut, scala.Option.empty()));
        assertInstanceOf(java.io.NotSerializableException.class, e);
    }

    @Test
    void javaSerializationStaysDisabled() {
        assertEquals("off", kit.system().settings().config()
                .getString("pekko.actor.allow-java-serialization"));
        assertThrows(Exception.class,
                () -> serialization.serialize(new java.util.ArrayList<>(List.of(1))).get()
                        .getClass());
        assertThrows(Exception.class, () -> serialization.serialize(new java.util.Date()).get());
    }
}
