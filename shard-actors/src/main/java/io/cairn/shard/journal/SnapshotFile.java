package io.cairn.shard.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Layout of one snapshot file {@code snapshot-<seqNr>-<timestampMs>.snap} (decimal numbers),
 * little-endian (docs/format/journal.md):
 *
 * <pre>
 *  0 magic int32 "CSNP" | 4 version byte (1) | 5 reserved 3 bytes (0)
 *  8 seqNr int64        | 16 timestampMs int64 | 24 serializerId int32
 * 28 serializerManifest: uint16 length + UTF-8
 *  . payloadLength int32, payload
 *  . crc32c int32 of every byte before it
 * </pre>
 *
 * Stateless helpers.
 */
final class SnapshotFile {

    static final int MAGIC = 0x504E5343; // "CSNP" as little-endian bytes
    static final byte VERSION = 1;
    private static final String PREFIX = "snapshot-";
    static final String SUFFIX = ".snap";

    private SnapshotFile() {
    }

    /** A decoded snapshot file. */
    record Contents(long seqNr, long timestampMs, int serializerId, String serializerManifest, byte[] payload) {
    }

    /** Sequence number and timestamp parsed from a snapshot file name. */
    record Name(long seqNr, long timestampMs) {
        String fileName() {
            return PREFIX + seqNr + "-" + timestampMs + SUFFIX;
        }
    }

    /** The name's fields, or null when {@code fileName} is not a snapshot file name. */
    static Name parseName(String fileName) {
        if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)) {
            return null;
        }
        String mid = fileName.substring(PREFIX.length(), fileName.length() - SUFFIX.length());
        int dash = mid.indexOf('-');
        if (dash <= 0) {
            return null;
        }
        try {
            long seqNr = Long.parseLong(mid.substring(0, dash));
            long ts = Long.parseLong(mid.substring(dash + 1));
            return seqNr >= 0 && ts >= 0 ? new Name(seqNr, ts) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static byte[] encode(Contents c) {
        byte[] manifest = c.serializerManifest().getBytes(StandardCharsets.UTF_8);
        if (manifest.length > 0xFFFF) {
            throw new IllegalArgumentException("snapshot serializer manifest longer than 65535 bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(28 + 2 + manifest.length + 4 + c.payload().length + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).put(VERSION).put((byte) 0).put((byte) 0).put((byte) 0)
                .putLong(c.seqNr()).putLong(c.timestampMs()).putInt(c.serializerId())
                .putShort((short) manifest.length).put(manifest)
                .putInt(c.payload().length).put(c.payload());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Decodes and checks a snapshot file's bytes.
     *
     * @throws CorruptJournalException naming {@code file} and the offset of the first problem
     */
    static Contents decode(Path file, byte[] data) throws CorruptJournalException {
        if (data.length < 28 + 2 + 4 + 4) {
            throw new CorruptJournalException(file, 0, "snapshot file truncated (" + data.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length - 4);
        if (b.getInt(data.length - 4) != (int) crc.getValue()) {
            throw new CorruptJournalException(file, data.length - 4, "snapshot checksum mismatch");
        }
        if (b.getInt(0) != MAGIC) {
            throw new CorruptJournalException(file, 0, "not a snapshot file (bad magic)");
        }
        if (b.get(4) != VERSION) {
            throw new CorruptJournalException(file, 4, "unsupported snapshot version " + b.get(4));
        }
        long seqNr = b.getLong(8);
        long ts = b.getLong(16);
        int serializerId = b.getInt(24);
        int manifestLength = Short.toUnsignedInt(b.getShort(28));
        int payloadLengthAt = 30 + manifestLength;
        if (payloadLengthAt + 4 > data.length - 4) {
            throw new CorruptJournalException(file, 28, "manifest length " + manifestLength + " overruns the file");
        }
        String manifest = new String(data, 30, manifestLength, StandardCharsets.UTF_8);
        int payloadLength = b.getInt(payloadLengthAt);
        if (payloadLength != data.length - 4 - (payloadLengthAt + 4)) {
            throw new CorruptJournalException(file, payloadLengthAt, "payload length " + payloadLength
                    + " disagrees with the file size " + data.length);
        }
        byte[] payload = new byte[payloadLength];
        System.arraycopy(data, payloadLengthAt + 4, payload, 0, payloadLength);
        return new Contents(seqNr, ts, serializerId, manifest, payload);
    }
}
