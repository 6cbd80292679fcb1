package io.cairn.storage.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Layout and naming of a WAL segment file (see {@code docs/format/wal.md}).
 *
 * <p>A segment is named after its base position, {@code <20-digit decimal base>.seg}; a byte at
 * file offset {@code o} has log position {@code base + o}. The next segment's base is the
 * position just past this segment's last record, so positions increase across segments.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Magic "CWAL" (4 ASCII bytes)                 |
 *  +---------------+-----------------------------------------------+
 *  |    Version    |               Reserved (zero)                 |
 *  +---------------+-----------------------------------------------+
 *  |                                                               |
 *  +                   Base Position (u64 LE)                      +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            CRC32C of bytes 0..15 (u32 LE)                     |
 *  +---------------------------------------------------------------+
 *  |                       Reserved (zero)                         |
 *  +---------------------------------------------------------------+
 *  |  Records ...                                                ...
 * </pre>
 */
public final class WalSegmentDescriptor {
    /** "CWAL" read as a little-endian int. */
    public static final int MAGIC = 'C' | 'W' << 8 | 'A' << 16 | 'L' << 24;
    public static final byte VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int BASE_POSITION_OFFSET = 8;
    public static final int HEADER_CRC_OFFSET = 16;
    /** Bytes covered by the header checksum. */
    public static final int HEADER_CRC_COVERED = 16;
    public static final int HEADER_LENGTH = 24;

    public static final String SUFFIX = ".seg";
    private static final int NAME_DIGITS = 20;

    private WalSegmentDescriptor() {
    }

    public static String fileName(long basePosition) {
        if (basePosition < 0) {
            throw new IllegalArgumentException("negative base position " + basePosition);
        }
        return String.format("%020d%s", basePosition, SUFFIX);
    }

    /** The base position encoded in a segment file name, or -1 when it is not one. */
    public static long parseFileName(String name) {
        if (name.length() != NAME_DIGITS + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < NAME_DIGITS; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return -1;
            }
        }
        return value;
    }

    /** A new header for a segment at {@code basePosition}, ready to write (position 0). */
    public static ByteBuffer header(long basePosition) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC_OFFSET, MAGIC);
        b.put(VERSION_OFFSET, VERSION);
        b.putLong(BASE_POSITION_OFFSET, basePosition);
        b.putInt(HEADER_CRC_OFFSET, headerChecksum(b.array(), 0));
        return b;
    }

    /** CRC32C of the {@link #HEADER_CRC_COVERED} header bytes starting at {@code offset}. */
    public static int headerChecksum(byte[] header, int offset) {
        CRC32C crc = new CRC32C();
        crc.update(header, offset, HEADER_CRC_COVERED);
        return (int) crc.getValue();
    }
}
