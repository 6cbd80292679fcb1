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

    /**
     * The router's pattern: a fresh block per request, every series added again (with the id
     * it already computed), one row each; the replica's pattern: ids and checks read per series.
     */
    @Test
    void addSeriesAndSeriesKeysAllocateNothingOnceGrown() {
        RowBlockWriter writer = new RowBlockWriter();
        Labels[] series = new Labels[2000];
        long[] ids = new long[series.length];
        for (int i = 0; i < series.length; i++) {
            series[i] = Labels.of("__name__", "node_cpu_seconds_total", "cpu",
                    Integer.toString(i % 8), "mode", "idle", "instance", "host-" + i + ":9100");
            ids[i] = io.cairn.storage.hash.SeriesIds.of(Tenant.DEFAULT, series[i]);
        }
        ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
        RowBlockReader reader = new RowBlockReader();
        long sink = 0;
        long allocated = 0;
        for (int round = 0; round < 5; round++) { // the first rounds grow buffers and maps
            long before = threads.getCurrentThreadAllocatedBytes();
            writer.reset(Tenant.DEFAULT);
            for (int i = 0; i < series.length; i++) {
                writer.addRow(writer.addSeries(series[i], ids[i]), 1_700_000_000_000L, i);
            }
            int length = writer.writeTo(out, 0);
            reader.wrap(out, 0, length);
            for (int s = 0; s < reader.seriesCount(); s++) {
                sink += reader.seriesId(s) + reader.seriesCheck(s);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(sink != 0);
        assertTrue(allocated < SLACK_BYTES, "a block of " + series.length
                + " series allocated " + allocated + " bytes");
    }

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
