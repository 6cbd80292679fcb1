package io.cairn.storage.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.lang.management.ManagementFactory;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

/** The per-row paths allocate nothing once buffers have grown (measured, not assumed). */
class RowBlockAllocationTest {
    private static final int ROWS = 200_000;
    /** Slack for whatever the measurement itself costs; far below one byte per row. */
    private static final long SLACK_BYTES = 4096;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void addRowAndRowCursorAllocateNothingPerRow() {
        RowBlockWriter writer = new RowBlockWriter();
        Labels[] series = new Labels[100];
        for (int i = 0; i < series.length; i++) {
            series[i] = Labels.of("__name__", "m", "i", Integer.toString(i));
        }
        int[] ids = new int[series.length];
        ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
        RowBlockReader reader = new RowBlockReader();
        long sink = 0;
        long writeBytes = 0;
        long readBytes = 0;
        for (int round = 0; round < 3; round++) { // round 0 grows buffers and warms up
            writer.reset(Tenant.DEFAULT);
            for (int i = 0; i < series.length; i++) {
                ids[i] = writer.addSeries(series[i]);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int r = 0; r < ROWS; r++) {
                writer.addRow(ids[r % ids.length], 1_700_000_000_000L + r * 15L, r);
            }
            int length = writer.writeTo(out, 0);
            long mid = threads.getCurrentThreadAllocatedBytes();
            reader.wrap(out, 0, length);
            RowBlockReader.RowCursor rows = reader.rows();
            while (rows.next()) {
                sink += rows.seriesIndex() + rows.timestamp() + (long) rows.value();
            }
            long after = threads.getCurrentThreadAllocatedBytes();
            writeBytes = mid - before;
            readBytes = after - mid;
            assertEquals(ROWS, reader.rowCount());
        }
        assertTrue(sink != 0);
        assertTrue(writeBytes < SLACK_BYTES, "writer allocated " + writeBytes + " bytes");
        assertTrue(readBytes < SLACK_BYTES, "reader allocated " + readBytes + " bytes");
    }
}
