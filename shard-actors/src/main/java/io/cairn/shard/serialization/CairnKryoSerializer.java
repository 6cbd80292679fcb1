package io.cairn.shard.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;
import io.cairn.shard.manifest.ReplicaManifest;
import io.cairn.shard.serialization.KryoRegistrations.Registration;
import java.io.NotSerializableException;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serializer;
import scala.Option;

/**
 * Pekko serializer for cluster messages ({@link CairnMessage}) with Kryo 5, registered classes
 * only: an unregistered class fails at the sender with an error naming it, instead of its name
 * going over the wire. Registrations come from {@link KryoRegistrations} and
 * {@code cairn.kryo.registrations}; records use Kryo's record serializer; typed {@link ActorRef}s
 * travel as paths resolved with {@link ActorRefResolver}.
 *
 * <p>Wire format: a version byte ({@value #WIRE_VERSION}) then Kryo's class id and object bytes.
 * For transient messages only; Kryo bytes are never persisted.
 *
 * <p>Thread safe: Kryo instances are not, so each call borrows one from a pool.
 */
public final class CairnKryoSerializer implements Serializer {

    /** Pekko serializer id; must be the same on every node. */
    public static final int IDENTIFIER = 7302;
    static final byte WIRE_VERSION = 1;

    private final List<Registration> registrations;
    private final ActorRefResolver actorRefResolver;
    private final int maxMessageSize;
    private final ClassLoader classLoader;
    private final Pool<Kryo> pool;

    /** Called by Pekko's serialization extension. */
    public CairnKryoSerializer(ExtendedActorSystem system) {
        Config config = system.settings().config().getConfig("cairn.kryo");
        this.classLoader = system.dynamicAccess().classLoader();
        this.registrations = KryoRegistrations.all(config.getConfig("registrations"), classLoader);
        this.maxMessageSize = (int) Math.min(Integer.MAX_VALUE - 8, config.getBytes("max-message-size"));
        this.actorRefResolver = ActorRefResolver.get(Adapter.toTyped(system));
        this.pool = new Pool<>(true, false, Runtime.getRuntime().availableProcessors() * 4) {
            @Override
            protected Kryo create() {
                return newKryo();
            }
        };
        pool.free(newKryo()); // fail at startup, not on the first message, if the table is bad
    }

    private Kryo newKryo() {
        Kryo kryo = new Kryo(new ActorRefAwareClassResolver(), null);
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setClassLoader(classLoader);
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        TypedActorRefKryoSerializer refs = new TypedActorRefKryoSerializer(actorRefResolver);
        ReplicaManifestKryoSerializer manifests = new ReplicaManifestKryoSerializer();
        for (Registration r : registrations) {
            Class<?> type = r.type();
            if (type == ActorRef.class) {
                kryo.register(type, refs, r.id());
            } else if (type == ReplicaManifest.class) {
                kryo.register(type, manifests, r.id());
            } else if (type == io.cairn.storage.model.Labels.class) {
                kryo.register(type, new LabelsKryoSerializer(), r.id());
            } else if (type == io.cairn.storage.model.LabelMatcher.class) {
                kryo.register(type, new LabelMatcherKryoSerializer(), r.id());
            } else if (type == io.cairn.storage.api.SeriesData.class) {
                kryo.register(type, new SeriesDataKryoSerializer(), r.id());
            } else if (type.isRecord()) {
                kryo.register(type, new RecordSerializer<>(type), r.id());
            } else {
                kryo.register(type, r.id());
            }
        }
        return kryo;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    /**
     * @throws IllegalArgumentException naming the message class and the offending class when a
     *     class in the message is not registered, or the message exceeds
     *     {@code cairn.kryo.max-message-size}
     */
    @Override
    public byte[] toBinary(Object o) {
        Kryo kryo = pool.obtain();
        try {
            Output out = new Output(256, maxMessageSize);
            out.writeByte(WIRE_VERSION);
            kryo.writeClassAndObject(out, o);
            return out.toBytes();
        } catch (KryoException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot serialize " + o.getClass().getName() + " with cairn-kryo: "
                    + e.getMessage() + " (every class in a CairnMessage needs an id in KryoRegistrations or "
                    + "cairn.kryo.registrations)", e);
        } finally {
            pool.free(kryo);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, Option<Class<?>> manifest) throws NotSerializableException {
        if (bytes.length == 0 || bytes[0] != WIRE_VERSION) {
            throw new NotSerializableException("cairn-kryo: unsupported wire version "
                    + (bytes.length == 0 ? "(empty message)" : String.valueOf(bytes[0]))
                    + "; this node reads version " + WIRE_VERSION);
        }
        Kryo kryo = pool.obtain();
        try {
            Input in = new Input(bytes, 1, bytes.length - 1);
            Object o = kryo.readClassAndObject(in);
            if (in.position() != bytes.length) {
                throw new NotSerializableException("cairn-kryo: " + (bytes.length - in.position())
                        + " trailing bytes after " + (o == null ? "null" : o.getClass().getName()));
            }
            return o;
        } catch (KryoException | IllegalArgumentException e) {
            NotSerializableException n = new NotSerializableException("cairn-kryo: cannot read message of "
                    + bytes.length + " bytes: " + e.getMessage());
            n.initCause(e);
            throw n;
        } finally {
            pool.free(kryo);
        }
    }
}
