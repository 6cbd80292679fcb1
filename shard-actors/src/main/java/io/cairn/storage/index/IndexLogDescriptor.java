package io.cairn.storage.index;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Byte layout of the series index log (docs/format/index.md). The log is a sequence of
 * segment files {@code <replicaDir>/index/<20-digit sequence>.idx}; every segment starts with
 * a header, followed by records. All integers are little-endian.
 *
 * <pre>
 * Segment header (24 bytes)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     magic "CIDX" (4 bytes)                    |
 *  +---------------+---------------+-------------------------------+
 *  |   version=1   |     flags     |          reserved = 0         |
 *  +---------------+---------------+-------------------------------+
 *  |                 segment sequence (u64, = file name)           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 CRC32C of bytes [0, 16)                       |
 *  +---------------------------------------------------------------+
 *  |                         reserved = 0                          |
 *  +---------------------------------------------------------------+
 *  flags bit 0 (SNAPSHOT): the segment is a complete rewrite of the index; every segment with
 *  a lower sequence is obsolete.
 *
 * Record (8-byte frame, then body)
 *  +---------------------------------------------------------------+
 *  |          body length (u32): bytes from the type byte on       |
 *  +---------------------------------------------------------------+
 *  |                     CRC32C of the body                        |
 *  +---------------+-----------------------------------------------+
 *  |     type      |  payload (body length - 1 bytes) ...          |
 *  +---------------+-----------------------------------------------+
 *
 * Payloads
 *  1 SERIES_CREATED         series id i64, tenant (packed account:project) i64,
 *                           labels length u32, canonical label bytes
 *  2 SERIES_ACTIVE_ON_DAY   series id i64, day i32 (UTC days since 1970-01-01)
 *  3 SERIES_DELETED         series id i64
 *  4 DAYS_DROPPED           before day i32
 *  5 SERIES_ACTIVE_ON_DAYS  series id i64, first day i32, last day i32 (inclusive range)
 * </pre>
 */
final class IndexLogDescriptor {
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    static final int MAGIC = 0x58444943; // "CIDX" read little-endian
    static final byte VERSION = 1;
    static final byte FLAG_SNAPSHOT = 1;

    static final int HEADER_LENGTH = 24;
    static final int HEADER_MAGIC_OFFSET = 0;
    static final int HEADER_VERSION_OFFSET = 4;
    static final int HEADER_FLAGS_OFFSET = 5;
    static final int HEADER_SEQUENCE_OFFSET = 8;
    static final int HEADER_CRC_OFFSET = 16;

    static final int FRAME_LENGTH = 8;
    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int TYPE_OFFSET = 8;
    static final int PAYLOAD_OFFSET = 9;

    static final byte SERIES_CREATED = 1;
    static final byte SERIES_ACTIVE_ON_DAY = 2;
    static final byte SERIES_DELETED = 3;
    static final byte DAYS_DROPPED = 4;
    static final byte SERIES_ACTIVE_ON_DAYS = 5;

    /** Upper bound on a body; anything larger is treated as corruption. */
    static final int MAX_BODY_LENGTH = 16 << 20;

    static final String SEGMENT_SUFFIX = ".idx";

    private IndexLogDescriptor() {}

    static String segmentFileName(long sequence) {
        return String.format("%020d%s", sequence, SEGMENT_SUFFIX);
    }

    /** The sequence of a segment file name, or -1 when the name is not one. */
    static long parseSegmentFileName(String name) {
        if (name.length() != 20 + SEGMENT_SUFFIX.length() || !name.endsWith(SEGMENT_SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(name.substring(0, 20));
    }

    static void putHeader(MutableDirectBuffer buf, int offset, long sequence, boolean snapshot,
            CRC32C crc) {
        buf.setMemory(offset, HEADER_LENGTH, (byte) 0);
        buf.putInt(offset + HEADER_MAGIC_OFFSET, MAGIC, ORDER);
        buf.putByte(offset + HEADER_VERSION_OFFSET, VERSION);
        buf.putByte(offset + HEADER_FLAGS_OFFSET, snapshot ? FLAG_SNAPSHOT : 0);
        buf.putLong(offset + HEADER_SEQUENCE_OFFSET, sequence, ORDER);
        buf.putInt(offset + HEADER_CRC_OFFSET, crc32c(crc, buf, offset, HEADER_CRC_OFFSET), ORDER);
    }

    /** Body length in bytes (type byte included) of a fixed-size record type, or -1. */
    static int fixedBodyLength(byte type) {
        return switch (type) {
            case SERIES_ACTIVE_ON_DAY -> 1 + 8 + 4;
            case SERIES_DELETED -> 1 + 8;
            case DAYS_DROPPED -> 1 + 4;
            case SERIES_ACTIVE_ON_DAYS -> 1 + 8 + 4 + 4;
            default -> -1;
        };
    }

    /** Body length of a SERIES_CREATED record with {@code labelsLength} label bytes. */
    static int createdBodyLength(int labelsLength) {
        return 1 + 8 + 8 + 4 + labelsLength;
    }

    static int crc32c(CRC32C crc, DirectBuffer buf, int offset, int length) {
        crc.reset();
        if (buf.byteArray() != null) {
            crc.update(buf.byteArray(), buf.wrapAdjustment() + offset, length);
        } else {
            for (int i = 0; i < length; i++) {
                crc.update(buf.getByte(offset + i));
            }
        }
        return (int) crc.getValue();
    }
}
