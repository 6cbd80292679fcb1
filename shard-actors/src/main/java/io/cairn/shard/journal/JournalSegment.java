package io.cairn.shard.journal;

import io.cairn.shard.journal.JournalRecordCodec.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Layout of one journal segment file {@code segment-<baseSeqNr, 20 digits>.cjs}: a header, then
 * frames of {@link JournalRecordCodec} back to back (docs/format/journal.md).
 *
 * <pre>
 *  0       4       5         8              16          20
 * +-------+-------+---------+--------------+-----------+------ frames ...
 * | magic | vers. | 0 0 0   | baseSeqNr    | crc32c    |
 * | CJSG  | 1     | reserved| int64        | of 0..15  |
 * +-------+-------+---------+--------------+-----------+------
 * </pre>
 *
 * {@code baseSeqNr} is the journal's highest sequence number plus one when the segment was
 * created: every event in the segment has a sequence number at least that, and it keeps the
 * highest sequence number known after older segments are deleted. Stateless helpers.
 */
final class JournalSegment {

    static final int MAGIC = 0x47534A43; // "CJSG" as little-endian bytes
    static final byte VERSION = 1;
    static final int HEADER_LENGTH = 20;
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".cjs";

    private JournalSegment() {
    }

    /** How a scan treats an invalid frame. */
    enum Mode {
        /** Any invalid frame is corruption. */
        STRICT,
        /** An invalid frame that looks like an interrupted append ends the data instead. */
        TOLERATE_TORN_TAIL
    }

    /** Receives the valid records of a segment in order. */
    interface RecordVisitor {
        void visit(JournalRecord record, int offset) throws IOException;
    }

    static String fileName(long baseSeqNr) {
        return PREFIX + String.format("%020d", baseSeqNr) + SUFFIX;
    }

    /** The base sequence number named by {@code fileName}, or -1 if it names no segment. */
    static long parseBaseSeqNr(String fileName) {
        if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)
                || fileName.length() != PREFIX.length() + 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(PREFIX.length(), PREFIX.length() + 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static byte[] header(long baseSeqNr) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).put(VERSION).put((byte) 0).put((byte) 0).put((byte) 0).putLong(baseSeqNr);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 16);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Checks the header of {@code data} and returns its base sequence number.
     *
     * @throws CorruptJournalException naming {@code file} when the header is short or invalid or
     *     disagrees with the file name
     */
    static long checkHeader(Path file, byte[] data, long expectedBase) throws CorruptJournalException {
        if (data.length < HEADER_LENGTH) {
            throw new CorruptJournalException(file, 0, "segment header truncated (" + data.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(data, 0, 16);
        if (b.getInt(16) != (int) crc.getValue()) {
            throw new CorruptJournalException(file, 16, "segment header checksum mismatch");
        }
        if (b.getInt(0) != MAGIC) {
            throw new CorruptJournalException(file, 0, "not a journal segment (bad magic)");
        }
        if (b.get(4) != VERSION) {
            throw new CorruptJournalException(file, 4, "unsupported segment version " + b.get(4));
        }
        long base = b.getLong(8);
        if (base != expectedBase) {
            throw new CorruptJournalException(file, 8, "header base sequence number " + base
                    + " disagrees with file name " + expectedBase);
        }
        return base;
    }

    /**
     * Visits the valid records of a segment's {@code data} after its header.
     *
     * @return the offset where valid data ends: {@code data.length}, or in
     *     {@link Mode#TOLERATE_TORN_TAIL} the start of a torn tail to cut
     * @throws CorruptJournalException naming the file and offset of an invalid frame that is not a
     *     torn tail (or of any invalid frame in {@link Mode#STRICT})
     */
    static int scan(Path file, byte[] data, int maxBodyLength, Mode mode, RecordVisitor visitor)
            throws IOException {
        int offset = HEADER_LENGTH;
        while (offset < data.length) {
            Frame f = JournalRecordCodec.read(data, offset, data.length, maxBodyLength);
            if (!f.valid()) {
                if (mode == Mode.TOLERATE_TORN_TAIL && looksTorn(data, f, maxBodyLength)) {
                    return offset;
                }
                throw new CorruptJournalException(file, offset, f.detail());
            }
            visitor.visit(f.record(), offset);
            offset = f.nextOffset();
        }
        return offset;
    }

    /**
     * Whether an invalid frame is what an interrupted append leaves: nothing valid follows it.
     * A valid frame anywhere after it means the damage is in the middle of acknowledged data (a
     * bit flip in a length field, say), which must be reported, not cut off silently. The search
     * stops at the first valid frame, so it costs about one frame when the damage is in the
     * middle and the size of the torn tail otherwise.
     */
    private static boolean looksTorn(byte[] data, Frame f, int maxBodyLength) {
        if (f.problem() == JournalRecordCodec.Problem.MALFORMED) {
            return false; // checksum valid: written like this, not torn
        }
        for (int o = f.offset() + 1; o + JournalRecordCodec.FRAME_HEADER_LENGTH < data.length; o++) {
            if (JournalRecordCodec.read(data, o, data.length, maxBodyLength).valid()) {
                return false;
            }
        }
        return true;
    }
}
