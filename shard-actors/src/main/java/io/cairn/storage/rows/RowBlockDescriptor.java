package io.cairn.storage.rows;

/**
 * Byte layout of a row block: a batch of rows of one tenant, the payload of {@code InsertBatch}
 * messages between nodes and of WAL records, so that a WAL replay re-applies exactly what was
 * inserted. The full specification is {@code docs/format/rowblock.md}.
 *
 * <pre>
 *   0        1                 5                 9
 *   +--------+-----------------+-----------------+
 *   | version| accountId u32 LE| projectId u32 LE|
 *   +--------+-----------------+-----------------+
 *   version 2 (written):
 *   | seriesCount uvarint | seriesCount x series                               |
 *   |     series = seriesId u64 LE, check u32 LE,                             |
 *   |              labelsLength uvarint, labelsLength canonical label bytes   |
 *   version 3 (replica WAL form): as version 2, but the length field is
 *              0 (labels left out) or labelsLength + 1 (labels follow)
 *   version 1 (read only):
 *   | dictCount uvarint | dictCount x (len uvarint, UTF-8 bytes)              |
 *   | seriesCount uvarint | seriesCount x series                               |
 *   |     series = labelCount uvarint, labelCount x (nameIdx, valueIdx)       |
 *   both:
 *   | rowCount uvarint | rowCount x row                                        |
 *   |     row = seriesIdx uvarint, zigzag varint (ts - previous ts),           |
 *   |           value: IEEE 754 bits, 8 bytes LE                                |
 *   +--------------------------------------------------------------------------+
 * </pre>
 *
 * In version 2 every series carries its series id and the independent 32-bit check
 * ({@code Labels#fingerprintCheck()}), so a replica recognises known series without decoding
 * their labels; the labels are there for the series it does not know yet. The first row's
 * timestamp delta is taken against 0. Deltas are computed with wrapping long arithmetic, so any
 * sequence of timestamps round-trips. A block carries no checksum of its own: in the WAL it is
 * covered by the record's CRC32C, on the wire by the transport.
 */
public final class RowBlockDescriptor {
    /** The version this build writes. */
    public static final byte VERSION = 2;
    /**
     * The replica WAL form of a version 2 block: a series' labels may be left out (length
     * field 0, else labels length + 1) when the replica's WAL already holds them; see
     * {@code docs/format/rowblock.md}. Written by {@link RowBlockCompactor} only, never sent.
     */
    public static final byte VERSION_WAL = 3;
    /** The dictionary layout of the first release; still read (WAL replay after an upgrade). */
    public static final byte VERSION_1 = 1;

    public static final int VERSION_OFFSET = 0;
    public static final int ACCOUNT_ID_OFFSET = 1;
    public static final int PROJECT_ID_OFFSET = 5;
    /** Length of the fixed header; the series (v2) or dictionary (v1) count starts here. */
    public static final int HEADER_LENGTH = 9;

    /** Version 2: bytes of a series' id and check, before its labels length. */
    public static final int SERIES_KEY_LENGTH = 12;
    /** Version 2: offset of the check within a series entry. */
    public static final int SERIES_CHECK_OFFSET = 8;

    /** Bytes of the raw value at the end of each row. */
    public static final int VALUE_LENGTH = 8;

    private RowBlockDescriptor() {
    }
}
