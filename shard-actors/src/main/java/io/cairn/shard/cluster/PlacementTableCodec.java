package io.cairn.shard.cluster;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.placement.ShardPlacement;
import io.cairn.shard.replica.ReplicaId;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The binary format of a {@link PlacementTable}, version {@value #VERSION}, specified in
 * docs/format/placement.md. It is what Distributed Data gossips between nodes and what its
 * durable store (LMDB) keeps on every node's disk, so it is versioned and checksummed like
 * every persisted Cairn format (never Kryo).
 *
 * <p>Stateless and thread safe. Decoding checks the checksum, every count, index and state, and
 * rejects trailing bytes; a bad input fails with an exception naming the offset.
 */
public final class PlacementTableCodec {
    /** Current (and only) format version, the first byte. */
    public static final byte VERSION = 1;
    private static final int CRC_BYTES = 4;

    private PlacementTableCodec() {}

    public static byte[] encode(PlacementTable t) {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        for (PlacedReplica r : t.allReplicas()) {
            nodes.putIfAbsent(r.nodeId(), nodes.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 8 * t.shardCount());
        out.write(VERSION);
        long v = t.version();
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        putVarInt(out, nodes.size());
        for (String id : nodes.keySet()) {
            byte[] b = id.getBytes(StandardCharsets.UTF_8);
            putVarInt(out, b.length);
            out.writeBytes(b);
        }
        putVarInt(out, t.shardCount());
        for (ShardPlacement sp : t.shards()) {
            putVarInt(out, sp.nextGeneration());
            putVarInt(out, sp.replicas().size());
            for (PlacedReplica r : sp.replicas()) {
                putVarInt(out, r.slot());
                putVarInt(out, r.generation());
                putVarInt(out, nodes.get(r.nodeId()));
                out.write(r.state().code());
            }
        }
        CRC32C crc = new CRC32C();
        byte[] body = out.toByteArray();
        crc.update(body, 0, body.length);
        int c = (int) crc.getValue();
        out.write(c >>> 24);
        out.write(c >>> 16);
        out.write(c >>> 8);
        out.write(c);
        return out.toByteArray();
    }

    /** @throws NotSerializableException naming the offset when the bytes are not a table */
    public static PlacementTable decode(byte[] bytes) throws NotSerializableException {
        if (bytes.length < 1 + 8 + CRC_BYTES) {
            throw corrupt(0, "only " + bytes.length + " bytes");
        }
        if (bytes[0] != VERSION) {
            throw corrupt(0, "unknown placement format version " + bytes[0]);
        }
        int end = bytes.length - CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, end);
        int stored = ByteBuffer.wrap(bytes, end, CRC_BYTES).getInt();
        if (stored != (int) crc.getValue()) {
            throw corrupt(end, "checksum mismatch");
        }
        Reader in = new Reader(bytes, end);
        in.pos = 1;
        long version = ByteBuffer.wrap(bytes, 1, 8).getLong();
        in.pos = 9;
        int nodeCount = in.count("node count");
        List<String> nodes = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(in.utf8());
        }
        int shardCount = in.count("shard count");
        List<ShardPlacement> shards = new ArrayList<>(shardCount);
        try {
            for (int s = 0; s < shardCount; s++) {
                int nextGen = in.count("next generation");
                int replicas = in.count("replica count");
                List<PlacedReplica> list = new ArrayList<>(replicas);
                for (int k = 0; k < replicas; k++) {
                    int slot = in.count("slot");
                    int gen = in.count("generation");
                    int at = in.pos;
                    int node = in.count("node index");
                    if (node >= nodes.size()) {
                        throw corrupt(at, "node index " + node + " of " + nodes.size());
                    }
                    at = in.pos;
                    ReplicaLifecycle state;
                    try {
                        state = ReplicaLifecycle.fromCode(in.u8());
                    } catch (IllegalArgumentException e) {
                        throw corrupt(at, e.getMessage());
                    }
                    list.add(new PlacedReplica(new ReplicaId(s, slot, gen), nodes.get(node),
                            state));
                }
                shards.add(new ShardPlacement(s, nextGen, list));
            }
            if (in.pos != end) {
                throw corrupt(in.pos, (end - in.pos) + " trailing bytes");
            }
            return new PlacementTable(version, shards);
        } catch (IllegalArgumentException e) {
            throw corrupt(in.pos, "invalid table: " + e.getMessage());
        }
    }

    private static NotSerializableException corrupt(int offset, String what) {
        return new NotSerializableException("corrupt placement table at byte " + offset + ": "
                + what);
    }

    private static void putVarInt(ByteArrayOutputStream out, int v) {
        if (v < 0) {
            throw new IllegalStateException("BUG: negative count " + v);
        }
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static final class Reader {
        final byte[] b;
        final int end;
        int pos;

        Reader(byte[] b, int end) {
            this.b = b;
            this.end = end;
        }

        byte u8() throws NotSerializableException {
            if (pos >= end) {
                throw corrupt(pos, "truncated");
            }
            return b[pos++];
        }

        /** A non-negative varint below 2^31. */
        int count(String what) throws NotSerializableException {
            int start = pos;
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int x = u8() & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    if (v > Integer.MAX_VALUE) {
                        throw corrupt(start, what + " " + v + " too large");
                    }
                    return (int) v;
                }
            }
            throw corrupt(start, what + ": varint longer than 5 bytes");
        }

        String utf8() throws NotSerializableException {
            int start = pos;
            int len = count("node id length");
            if (len == 0 || len > end - pos) {
                throw corrupt(start, "node id length " + len);
            }
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, pos, len));
                pos += len;
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw corrupt(start, "node id is not UTF-8");
            }
        }
    }
}
