package io.cairn.storage.rows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The byte layout is frozen by {@code golden/rows/block-v1.bin}. Regenerate only for a new
 * format version: {@code -Dcairn.golden.update=true}.
 */
class RowBlockGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/rows/block-v1.bin");
    private static final Labels UP = Labels.of("__name__", "up", "job", "node", "instance", "h:9100");
    private static final Labels LOAD =
            Labels.of("__name__", "node_load1", "job", "node", "instance", "h:9100");
    private static final long STALE = 0x7ff0000000000002L;

    private static byte[] expectedBlock() {
        RowBlockWriter w = new RowBlockWriter().reset(new Tenant(7, 3));
        w.addRow(UP, 1_700_000_000_000L, 1.0);
        w.addRow(LOAD, 1_700_000_000_000L, 0.25);
        w.addRow(UP, 1_700_000_015_000L, Double.longBitsToDouble(STALE));
        w.addRow(LOAD, 1_700_000_014_999L, Double.NEGATIVE_INFINITY);
        return w.toBytes();
    }

    @Test
    void goldenBlockDecodesAndReEncodesByteForByte() throws IOException {
        if (Boolean.getBoolean("cairn.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.write(GOLDEN, expectedBlock());
        }
        byte[] golden = Files.readAllBytes(GOLDEN);
        RowBlockReader r = new RowBlockReader().wrap(new UnsafeBuffer(golden), 0, golden.length);
        assertEquals(new Tenant(7, 3), r.tenant());
        assertEquals(2, r.seriesCount());
        assertEquals(UP, r.labels(0));
        assertEquals(LOAD, r.labels(1));
        assertEquals(4, r.rowCount());

        // Re-encode from what was decoded only.
        RowBlockWriter w = new RowBlockWriter().reset(r.tenant());
        for (int s = 0; s < r.seriesCount(); s++) {
            assertEquals(s, w.addSeries(r.labels(s)));
        }
        long[][] expectedRows = {
            {0, 1_700_000_000_000L, Double.doubleToRawLongBits(1.0)},
            {1, 1_700_000_000_000L, Double.doubleToRawLongBits(0.25)},
            {0, 1_700_000_015_000L, STALE},
            {1, 1_700_000_014_999L, Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY)},
        };
        RowBlockReader.RowCursor rows = r.rows();
        for (long[] row : expectedRows) {
            assertTrue(rows.next());
            assertEquals(row[0], rows.seriesIndex());
            assertEquals(row[1], rows.timestamp());
            assertEquals(row[2], Double.doubleToRawLongBits(rows.value()));
            w.addRow(rows.seriesIndex(), rows.timestamp(), rows.value());
        }
        assertFalse(rows.next());
        assertArrayEquals(golden, w.toBytes());
        assertArrayEquals(golden, expectedBlock());
    }
}
