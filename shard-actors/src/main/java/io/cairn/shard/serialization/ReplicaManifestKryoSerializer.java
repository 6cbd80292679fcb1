package io.cairn.shard.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.cairn.shard.manifest.ManifestCodec;
import io.cairn.shard.manifest.ReplicaManifest;
import java.io.NotSerializableException;

/**
 * Carries a {@link ReplicaManifest} inside Kryo messages in its own versioned format
 * ({@link ManifestCodec}), e.g. when a bootstrapping replica asks a sibling for its part list.
 * Stateless and thread safe.
 */
final class ReplicaManifestKryoSerializer extends Serializer<ReplicaManifest> {

    ReplicaManifestKryoSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, ReplicaManifest manifest) {
        byte[] bytes = ManifestCodec.encode(manifest);
        output.writeVarInt(bytes.length, true);
        output.writeBytes(bytes);
    }

    @Override
    public ReplicaManifest read(Kryo kryo, Input input, Class<? extends ReplicaManifest> type) {
        byte[] bytes = input.readBytes(input.readVarInt(true));
        try {
            return (ReplicaManifest) ManifestCodec.decode(bytes, ManifestCodec.REPLICA_MANIFEST);
        } catch (NotSerializableException e) {
            throw new KryoException(e.getMessage(), e);
        }
    }
}
