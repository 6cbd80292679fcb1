package io.cairn.storage.rows;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Turns a row block with series ids (version 2 or 3) into its replica WAL form, version 3
 * ({@link RowBlockDescriptor#VERSION_WAL}): the same tenant, series ids, checks and rows, with
 * the canonical labels kept only for the series the caller asks for. A replica's WAL then holds
 * each series' labels about once per log epoch instead of in every record (for
 * node_exporter-like series about 25 instead of 110 bytes per sample).
 *
 * <p>The rows section is copied byte for byte, so row order, timestamps and value bits are
 * exactly those of the source. Reusable (the staging buffer is kept); not thread-safe.
 */
public final class RowBlockCompactor {
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(4096);

    /** Says, per series of the source block, whether its labels go into the WAL record. */
    @FunctionalInterface
    public interface LabelsChoice {
        boolean keepLabels(int seriesIndex);
    }

    /**
     * The version 3 form of the block {@code source} is wrapped around.
     *
     * @throws IllegalArgumentException when the source has no series ids (version 1), or
     *     when a series asked to keep its labels has none in the source
     */
    public byte[] compact(RowBlockReader source, LabelsChoice choice) {
        if (!source.hasSeriesIds()) {
            throw new IllegalArgumentException("a version 1 row block has no series ids");
        }
        DirectBuffer src = source.buffer();
        int n = source.seriesCount();
        out.putByte(RowBlockDescriptor.VERSION_OFFSET, RowBlockDescriptor.VERSION_WAL);
        out.putInt(RowBlockDescriptor.ACCOUNT_ID_OFFSET, source.accountId(),
                ByteOrder.LITTLE_ENDIAN);
        out.putInt(RowBlockDescriptor.PROJECT_ID_OFFSET, source.projectId(),
                ByteOrder.LITTLE_ENDIAN);
        int pos = Varints.put(out, RowBlockDescriptor.HEADER_LENGTH, n);
        for (int i = 0; i < n; i++) {
            out.putLong(pos, source.seriesId(i), ByteOrder.LITTLE_ENDIAN);
            out.putInt(pos + RowBlockDescriptor.SERIES_CHECK_OFFSET, source.seriesCheck(i),
                    ByteOrder.LITTLE_ENDIAN);
            pos += RowBlockDescriptor.SERIES_KEY_LENGTH;
            if (choice.keepLabels(i)) {
                if (!source.hasLabels(i)) {
                    throw new IllegalArgumentException("series " + i
                            + " has no labels in the source block to keep");
                }
                int length = source.labelsLength(i);
                pos = Varints.put(out, pos, length + 1L);
                out.putBytes(pos, src, source.labelsOffset(i), length);
                pos += length;
            } else {
                out.putByte(pos++, (byte) 0);
            }
        }
        int rows = source.rowsSectionOffset();
        int rowsLength = source.blockEnd() - rows;
        out.putBytes(pos, src, rows, rowsLength);
        pos += rowsLength;
        byte[] block = new byte[pos];
        out.getBytes(0, block);
        return block;
    }
}
