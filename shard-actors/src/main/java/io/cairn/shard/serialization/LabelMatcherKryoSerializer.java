package io.cairn.shard.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.cairn.storage.model.LabelMatcher;

/**
 * Carries a {@link LabelMatcher} in Kryo messages as (type name, label name, value); the
 * receiver compiles a regex matcher again, so no compiled pattern crosses the wire. Stateless
 * and thread safe.
 */
final class LabelMatcherKryoSerializer extends Serializer<LabelMatcher> {

    LabelMatcherKryoSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, LabelMatcher m) {
        output.writeString(m.type().name());
        output.writeString(m.name());
        output.writeString(m.value());
    }

    @Override
    public LabelMatcher read(Kryo kryo, Input input, Class<? extends LabelMatcher> type) {
        try {
            return LabelMatcher.of(LabelMatcher.Type.valueOf(input.readString()),
                    input.readString(), input.readString());
        } catch (IllegalArgumentException e) {
            throw new KryoException("bad label matcher in message: " + e.getMessage(), e);
        }
    }
}
