package io.cairn.shard.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.cairn.storage.model.Labels;

/**
 * Carries {@link Labels} in Kryo messages as their canonical bytes (the series key format), so
 * the wire never depends on the class's private fields. Stateless and thread safe.
 */
final class LabelsKryoSerializer extends Serializer<Labels> {

    LabelsKryoSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, Labels labels) {
        byte[] bytes = labels.canonicalBytes();
        output.writeVarInt(bytes.length, true);
        output.writeBytes(bytes);
    }

    @Override
    public Labels read(Kryo kryo, Input input, Class<? extends Labels> type) {
        byte[] bytes = input.readBytes(input.readVarInt(true));
        try {
            return Labels.fromCanonicalBytes(bytes, 0, bytes.length);
        } catch (IllegalArgumentException e) {
            throw new KryoException("corrupt labels in message: " + e.getMessage(), e);
        }
    }
}
