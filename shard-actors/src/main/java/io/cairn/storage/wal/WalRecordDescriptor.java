package io.cairn.storage.wal;

import java.util.zip.CRC32C;

/**
 * Layout of one WAL record inside a segment (see {@code docs/format/wal.md}). Records follow
 * each other without padding from offset {@link WalSegmentDescriptor#HEADER_LENGTH}.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Payload Length (u32 LE)                      |
 *  +---------------------------------------------------------------+
 *  |          CRC32C of Type and Payload (u32 LE)                  |
 *  +---------------+-----------------------------------------------+
 *  |     Type      |  Payload (Payload Length bytes)             ...
 *  +---------------+-----------------------------------------------+
 * </pre>
 *
 * The record's log position is the position of its first byte after the payload, i.e. the
 * segment's base position plus the file offset just past the record.
 */
public final class WalRecordDescriptor {
    public static final int LENGTH_OFFSET = 0;
    public static final int CRC_OFFSET = 4;
    public static final int TYPE_OFFSET = 8;
    public static final int HEADER_LENGTH = 9;

    /** An opaque payload for the owner of the WAL (a row block, for shard replicas). */
    public static final byte TYPE_DATA = 1;

    private WalRecordDescriptor() {
    }

    /** CRC32C over the type byte followed by the payload. */
    public static int checksum(byte type, byte[] payload, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(type);
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }
}
