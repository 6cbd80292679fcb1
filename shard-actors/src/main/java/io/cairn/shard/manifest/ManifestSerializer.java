package io.cairn.shard.manifest;

import java.io.NotSerializableException;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer for {@link ManifestEvent}s (journal events) and {@link ReplicaManifest}
 * (snapshots), in the explicitly versioned format of {@link ManifestCodec}
 * (docs/format/manifest.md). Bound in reference.conf as {@code cairn-manifest}.
 *
 * <p>Stateless and thread safe, as Pekko requires. Never use Kryo or Java serialization for
 * these types: they are persisted and must be readable by later builds.
 */
public final class ManifestSerializer extends SerializerWithStringManifest {

    /** Pekko serializer id; persisted in every journal record and snapshot, never change it. */
    public static final int IDENTIFIER = 7301;

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        return ManifestCodec.manifestOf(o);
    }

    @Override
    public byte[] toBinary(Object o) {
        return ManifestCodec.encode(o);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        return ManifestCodec.decode(bytes, manifest);
    }
}
