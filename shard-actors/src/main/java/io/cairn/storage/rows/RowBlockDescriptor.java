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
 *   | dictCount uvarint | dictCount x (len uvarint, UTF-8 bytes)        |
 *   | seriesCount uvarint | seriesCount x series                         |
 *   |     series = labelCount uvarint, labelCount x (nameIdx, valueIdx)  |
 *   |              uvarints into the dictionary, names strictly ascending |
 *   | rowCount uvarint | rowCount x row                                  |
 *   |     row = seriesIdx uvarint, zigzag varint (ts - previous ts),     |
 *   |           value: IEEE 754 bits, 8 bytes LE                          |
 *   +---------------------------------------------------------------------+
 * </pre>
 *
 * The first row's timestamp delta is taken against 0. Deltas are computed with wrapping long
 * arithmetic, so any sequence of timestamps round-trips. A block carries no checksum of its
 * own: in the WAL it is covered by the record's CRC32C, on the wire by the transport.
 */
public final class RowBlockDescriptor {
    /** The only version this build writes and reads. */
    public static final byte VERSION = 1;

    public static final int VERSION_OFFSET = 0;
    public static final int ACCOUNT_ID_OFFSET = 1;
    public static final int PROJECT_ID_OFFSET = 5;
    /** Length of the fixed header; the dictionary count starts here. */
    public static final int HEADER_LENGTH = 9;

    /** Bytes of the raw value at the end of each row. */
    public static final int VALUE_LENGTH = 8;

    private RowBlockDescriptor() {
    }
}
