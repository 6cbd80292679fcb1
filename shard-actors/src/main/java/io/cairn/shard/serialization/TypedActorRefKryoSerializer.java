package io.cairn.shard.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Writes a typed {@link ActorRef} as its serialization path (with the node's address, so that it
 * resolves on any node) and resolves it back through {@link ActorRefResolver}. Thread safe; one
 * instance per actor system.
 */
final class TypedActorRefKryoSerializer extends Serializer<ActorRef<?>> {

    private final ActorRefResolver resolver;

    TypedActorRefKryoSerializer(ActorRefResolver resolver) {
        super(false, true);
        this.resolver = resolver;
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
        output.writeString(resolver.toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
        return resolver.resolveActorRef(input.readString());
    }
}
