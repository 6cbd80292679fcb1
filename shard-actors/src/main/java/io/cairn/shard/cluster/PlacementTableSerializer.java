package io.cairn.shard.cluster;

import io.cairn.shard.placement.PlacementTable;
import java.io.NotSerializableException;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer of {@link PlacementTable} in the versioned format of
 * {@link PlacementTableCodec} (docs/format/placement.md): the value of the placement's
 * Distributed Data register, gossiped and kept in the durable store. Bound in cluster.conf as
 * {@code cairn-placement}. Stateless and thread safe.
 */
public final class PlacementTableSerializer extends SerializerWithStringManifest {
    /** Pekko serializer id; persisted in the durable store, never change it. */
    public static final int IDENTIFIER = 7310;
    static final String MANIFEST = "PT";

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        if (!(o instanceof PlacementTable)) {
            throw new IllegalArgumentException("not a PlacementTable: " + o.getClass().getName());
        }
        return MANIFEST;
    }

    @Override
    public byte[] toBinary(Object o) {
        if (!(o instanceof PlacementTable t)) {
            throw new IllegalArgumentException("not a PlacementTable: " + o.getClass().getName());
        }
        return PlacementTableCodec.encode(t);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (!MANIFEST.equals(manifest)) {
            throw new NotSerializableException("unknown placement manifest \"" + manifest + "\"");
        }
        return PlacementTableCodec.decode(bytes);
    }
}
