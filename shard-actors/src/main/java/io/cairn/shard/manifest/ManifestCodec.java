package io.cairn.shard.manifest;

import io.cairn.shard.manifest.ManifestEvent.BootstrapProgressed;
import io.cairn.shard.manifest.ManifestEvent.LifecycleChanged;
import io.cairn.shard.manifest.ManifestEvent.PartAdded;
import io.cairn.shard.manifest.ManifestEvent.PartsDropped;
import io.cairn.shard.manifest.ManifestEvent.PartsMerged;
import io.cairn.shard.manifest.ManifestEvent.WalCheckpointed;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * The binary format of manifest events and of the {@link ReplicaManifest} snapshot, version
 * {@value #VERSION}; specified in docs/format/manifest.md. Each kind of value has a short
 * manifest string (the Pekko serializer manifest) and its payload starts with a version byte.
 *
 * <p>Stateless and thread safe. Decoding validates every length and value and rejects trailing
 * bytes, so corrupt input fails with an exception naming the manifest and byte offset instead of
 * producing a wrong state.
 */
public final class ManifestCodec {

    /** Current (and only) format version, the first byte of every payload. */
    public static final byte VERSION = 1;

    public static final String PART_ADDED = "PA";
    public static final String PARTS_MERGED = "PM";
    public static final String PARTS_DROPPED = "PD";
    public static final String WAL_CHECKPOINTED = "WC";
    public static final String LIFECYCLE_CHANGED = "LC";
    public static final String BOOTSTRAP_PROGRESSED = "BP";
    public static final String REPLICA_MANIFEST = "RM";

    private ManifestCodec() {
    }

    /**
     * The manifest string for {@code value}, a {@link ManifestEvent} or {@link ReplicaManifest}.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static String manifestOf(Object value) {
        if (value instanceof PartAdded) {
            return PART_ADDED;
        } else if (value instanceof PartsMerged) {
            return PARTS_MERGED;
        } else if (value instanceof PartsDropped) {
            return PARTS_DROPPED;
        } else if (value instanceof WalCheckpointed) {
            return WAL_CHECKPOINTED;
        } else if (value instanceof LifecycleChanged) {
            return LIFECYCLE_CHANGED;
        } else if (value instanceof BootstrapProgressed) {
            return BOOTSTRAP_PROGRESSED;
        } else if (value instanceof ReplicaManifest) {
            return REPLICA_MANIFEST;
        }
        throw new IllegalArgumentException("not a manifest event or ReplicaManifest: "
                + (value == null ? "null" : value.getClass().getName()));
    }

    /** Encodes {@code value} (see {@link #manifestOf}) into a new array. */
    public static byte[] encode(Object value) {
        Writer w = new Writer();
        w.putByte(VERSION);
        if (value instanceof PartAdded e) {
            w.putPart(e.part());
        } else if (value instanceof PartsMerged e) {
            w.putNames(e.inputFileNames());
            w.putPart(e.output());
        } else if (value instanceof PartsDropped e) {
            w.putNames(e.fileNames());
            w.putString(e.reason());
        } else if (value instanceof WalCheckpointed e) {
            w.putLong(e.walPosition());
        } else if (value instanceof LifecycleChanged e) {
            w.putByte(e.state().code());
        } else if (value instanceof BootstrapProgressed e) {
            w.putLong(e.bytesCopied());
            w.putLong(e.bytesTotal());
        } else if (value instanceof ReplicaManifest m) {
            putManifest(w, m);
        } else {
            throw new IllegalArgumentException("not a manifest event or ReplicaManifest: "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return w.toArray();
    }

    private static void putManifest(Writer w, ReplicaManifest m) {
        w.putLong(m.walCheckpoint());
        w.putByte(m.lifecycle().code());
        w.putLong(m.bootstrapBytesCopied());
        w.putLong(m.bootstrapBytesTotal());
        w.putInt(m.partCount());
        // Days ascending, names ascending: the same state always gives the same bytes.
        for (SortedMap<String, PartRef> day : m.partsByDay().values()) {
            for (PartRef p : day.values()) {
                w.putPart(p);
            }
        }
    }

    /**
     * Decodes a payload written by {@link #encode} under {@code manifest}.
     *
     * @throws NotSerializableException naming the manifest and byte offset when the manifest is
     *     unknown, the version is not supported or the bytes are malformed
     */
    public static Object decode(byte[] bytes, String manifest) throws NotSerializableException {
        Reader r = new Reader(bytes, manifest);
        try {
            byte version = r.getByte();
            if (version != VERSION) {
                throw r.corrupt(0, "unsupported format version " + version + " (this build reads " + VERSION + ")");
            }
            Object value = switch (manifest) {
                case PART_ADDED -> new PartAdded(r.getPart());
                case PARTS_MERGED -> new PartsMerged(r.getNames(), r.getPart());
                case PARTS_DROPPED -> new PartsDropped(r.getNames(), r.getString());
                case WAL_CHECKPOINTED -> new WalCheckpointed(r.getLong());
                case LIFECYCLE_CHANGED -> new LifecycleChanged(ReplicaLifecycle.fromCode(r.getByte()));
                case BOOTSTRAP_PROGRESSED -> new BootstrapProgressed(r.getLong(), r.getLong());
                case REPLICA_MANIFEST -> getManifest(r);
                default -> throw r.corrupt(0, "unknown manifest");
            };
            if (r.pos != bytes.length) {
                throw r.corrupt(r.pos, (bytes.length - r.pos) + " trailing bytes");
            }
            return value;
        } catch (IllegalArgumentException e) {
            // A decoded value failed the constructors' validation: the bytes are corrupt.
            throw r.corrupt(r.pos, e.getMessage());
        }
    }

    private static ReplicaManifest getManifest(Reader r) throws NotSerializableException {
        long wal = r.getLong();
        ReplicaLifecycle lifecycle = ReplicaLifecycle.fromCode(r.getByte());
        long copied = r.getLong();
        long total = r.getLong();
        int count = r.getCount(PART_MIN_BYTES);
        List<PartRef> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parts.add(r.getPart());
        }
        return ReplicaManifest.of(parts, wal, lifecycle, copied, total);
    }

    /** Smallest encoded PartRef: empty-name length prefix, day and four longs. */
    private static final int PART_MIN_BYTES = 4 + 4 + 8 * 4;

    /**
     * Little-endian appender over a growing heap buffer; one per encode call. (Plain NIO rather
     * than Agrona: Agrona 2 needs jdk.internal.misc exported, and this is no hot path.)
     */
    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n))
                        .order(ByteOrder.LITTLE_ENDIAN);
                bigger.put(buf.flip());
                buf = bigger;
            }
        }

        void putByte(byte v) {
            ensure(1);
            buf.put(v);
        }

        void putInt(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void putLong(long v) {
            ensure(8);
            buf.putLong(v);
        }

        void putString(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            putInt(utf8.length);
            ensure(utf8.length);
            buf.put(utf8);
        }

        void putNames(List<String> names) {
            putInt(names.size());
            for (String n : names) {
                putString(n);
            }
        }

        void putPart(PartRef p) {
            putString(p.fileName());
            putInt(p.day());
            putLong(p.minTimeMs());
            putLong(p.maxTimeMs());
            putLong(p.rowCount());
            putLong(p.sizeBytes());
        }

        byte[] toArray() {
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }

    /** Bounds-checked little-endian reader; errors name the manifest and offset. */
    private static final class Reader {
        private final ByteBuffer in;
        private final String manifest;
        private int pos;

        Reader(byte[] bytes, String manifest) {
            this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.manifest = manifest;
        }

        NotSerializableException corrupt(int offset, String what) {
            return new NotSerializableException("corrupt manifest payload '" + manifest + "' ("
                    + in.capacity() + " bytes) at offset " + offset + ": " + what);
        }

        private void need(int n) throws NotSerializableException {
            if (n < 0 || in.capacity() - pos < n) {
                throw corrupt(pos, "truncated: need " + n + " bytes, " + (in.capacity() - pos) + " left");
            }
        }

        byte getByte() throws NotSerializableException {
            need(1);
            return in.get(pos++);
        }

        int getInt() throws NotSerializableException {
            need(4);
            int v = in.getInt(pos);
            pos += 4;
            return v;
        }

        long getLong() throws NotSerializableException {
            need(8);
            long v = in.getLong(pos);
            pos += 8;
            return v;
        }

        /** A non-negative count of elements of at least {@code minBytes} each that fit the input. */
        int getCount(int minBytes) throws NotSerializableException {
            int at = pos;
            int n = getInt();
            if (n < 0 || (long) n * minBytes > in.capacity() - pos) {
                throw corrupt(at, "element count " + n + " does not fit the remaining "
                        + (in.capacity() - pos) + " bytes");
            }
            return n;
        }

        String getString() throws NotSerializableException {
            int at = pos;
            int len = getInt();
            need(len);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(in.slice(pos, len));
                pos += len;
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw corrupt(at, "string is not valid UTF-8");
            }
        }

        List<String> getNames() throws NotSerializableException {
            int n = getCount(4);
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                names.add(getString());
            }
            return names;
        }

        PartRef getPart() throws NotSerializableException {
            String name = getString();
            return new PartRef(name, getInt(), getLong(), getLong(), getLong(), getLong());
        }
    }
}
