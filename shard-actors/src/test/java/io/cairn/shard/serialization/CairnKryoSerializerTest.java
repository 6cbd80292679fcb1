package io.cairn.shard.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.ManifestSerializer;
import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.manifest.ReplicaManifest;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.List;
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

class CairnKryoSerializerTest {

    /** A cluster message with a reply-to ref, a list and a nested record. */
    record Ask(String question, ActorRef<String> replyTo, List<PartRef> parts, long[] ids) implements CairnMessage {
    }

    /** Registered through config only. */
    record Extra(int n) implements CairnMessage {
    }

    /** Never registered. */
    record Unregistered(int n) implements CairnMessage {
    }

    private static ActorTestKit testKit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("kryo", ConfigFactory.parseString(
                "pekko.actor.provider = local\n"
                        + "cairn.kryo.registrations {\n"
                        + "  \"1000\" = \"" + Ask.class.getName() + "\"\n"
                        + "  \"1001\" = \"" + Extra.class.getName() + "\"\n"
                        + "}\n").withFallback(ConfigFactory.load()));
        serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** Serializes as a remote send would: serializer id and manifest chosen by the bindings. */
    private static Object roundTrip(Object message) throws Exception {
        Serializer serializer = serialization.findSerializerFor(message);
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serializer.identifier(),
                Serializers.manifestFor(serializer, message)).get();
    }

    @Test
    void recordWithActorRefRoundTripsAndTheRefStillWorks() throws Exception {
        TestProbe<String> probe = testKit.createTestProbe();
        Ask ask = new Ask("how many?", probe.ref(),
                List.of(new PartRef("p1", 3, 0, 10, 5, 50), new PartRef("p2", 4, 0, 10, 5, 50)), new long[] {1, -2, 3});

        assertEquals(CairnKryoSerializer.IDENTIFIER, serialization.findSerializerFor(ask).identifier());
        Ask back = (Ask) roundTrip(ask);

        assertEquals(ask.question(), back.question());
        assertEquals(ask.parts(), back.parts());
        assertArrayEquals(ask.ids(), back.ids());
        assertEquals(probe.ref(), back.replyTo());
        back.replyTo().tell("42");
        probe.expectMessage(Duration.ofSeconds(5), "42");
    }

    @Test
    void configuredClassesAndBuiltInsRoundTrip() throws Exception {
        assertEquals(new Extra(7), roundTrip(new Extra(7)));
        ReplicaManifest m = ReplicaManifest.EMPTY
                .apply(new ManifestEvent.PartAdded(new PartRef("a", 1, 0, 1, 2, 3)))
                .apply(new ManifestEvent.LifecycleChanged(ReplicaLifecycle.AVAILABLE));
        Serializer kryo = serialization.serializerByIdentity().apply(CairnKryoSerializer.IDENTIFIER);
        assertEquals(m, kryo.fromBinary(kryo.toBinary(m), scala.Option.empty()));
        ManifestEvent e = new ManifestEvent.PartsDropped(List.of("a", "b"), "retention");
        assertEquals(e, kryo.fromBinary(kryo.toBinary(e), scala.Option.empty()));
    }

    @Test
    void unregisteredClassFailsWithAClearError() {
        Exception e = assertThrows(Exception.class, () -> serialization.serialize(new Unregistered(1)).get());
        assertInstanceOf(IllegalArgumentException.class, e);
        assertTrue(e.getMessage().contains(Unregistered.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("cairn.kryo.registrations"), e.getMessage());
    }

    @Test
    void manifestTypesUseTheVersionedManifestSerializer() throws Exception {
        ManifestEvent e = new ManifestEvent.WalCheckpointed(99);
        assertEquals(ManifestSerializer.IDENTIFIER, serialization.findSerializerFor(e).identifier());
        assertEquals(ManifestSerializer.IDENTIFIER, serialization.findSerializerFor(ReplicaManifest.EMPTY).identifier());
        assertEquals(e, roundTrip(e));
        assertEquals(ReplicaManifest.EMPTY, roundTrip(ReplicaManifest.EMPTY));
    }

    @Test
    void javaSerializationIsOff() {
        assertThrows(Exception.class, () -> serialization.serialize(new java.util.Date()).get());
    }

    @Test
    void foreignBytesAreRejected() {
        Serializer kryo = serialization.serializerByIdentity().apply(CairnKryoSerializer.IDENTIFIER);
        assertThrows(NotSerializableException.class, () -> kryo.fromBinary(new byte[] {9, 1, 2}, scala.Option.empty()));
        assertThrows(NotSerializableException.class, () -> kryo.fromBinary(new byte[0], scala.Option.empty()));
        byte[] ok = kryo.toBinary(new Extra(1));
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 2);
        assertThrows(NotSerializableException.class, () -> kryo.fromBinary(longer, scala.Option.empty()));
    }

    @Test
    void badRegistrationTablesAreRejected() {
        ClassLoader cl = getClass().getClassLoader();
        assertThrows(IllegalArgumentException.class, () -> KryoRegistrations.all(
                ConfigFactory.parseString("\"999\" = \"java.lang.Object\""), cl));
        assertThrows(IllegalArgumentException.class, () -> KryoRegistrations.all(
                ConfigFactory.parseString("\"1000\" = \"no.such.Class\""), cl));
        assertThrows(IllegalArgumentException.class, () -> KryoRegistrations.all(
                ConfigFactory.parseString("\"1000\" = \"[B\""), cl)); // byte[] is built in already
        assertThrows(IllegalArgumentException.class, () -> KryoRegistrations.all(
                ConfigFactory.parseString("x = \"java.lang.Object\""), cl));
    }
}
