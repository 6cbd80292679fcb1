package io.cairn.storage.rows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The byte layout is frozen by {@code golden/rows/block-v2.bin}; {@code block-v1.bin} stays to
 * prove that blocks of the first release (still in a WAL after an upgrade) decode. Regenerate
 * only for a new format version: {@code -Dcairn.golden.update=true}.
 */
class RowBlockGoldenTest {
    private static final Path GOLDEN_V2 = Path.of("src/test/resources/golden/rows/block-v2.bin");
    private static final Path GOLDEN_V1 = Path.of("src/test/resources/golden/rows/block-v1.bin");
    private static final Tenant TENANT = new Tenant(7, 3);
    private static final Labels UP = Labels.of("__name__", "up", "job", "node", "instance", "h:9100");
    private static final Labels LOAD =
            Labels.of("__name__", "node_load1", "job", "node", "instance", "h:9100");
    private static final long STALE = 0x7ff0000000000002L;
    private static final long[][] ROWS = {
        {0, 1_700_000_000_000L, Double.doubleToRawLongBits(1.0)},
        {1, 1_700_000_000_000L, Double.doubleToRawLongBits(0.25)},
        {0, 1_700_000_015_000L, STALE},
        {1, 1_700_000_014_999L, Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY)},
    };

    private static byte[] expectedBlock() {
        RowBlockWriter w = new RowBlockWriter().reset(TENANT);
        w.addRow(UP, 1_700_000_000_000L, 1.0);
        w.addRow(LOAD, 1_700_000_000_000L, 0.25);
        w.addRow(UP, 1_700_000_015_000L, Double.longBitsToDouble(STALE));
        w.addRow(LOAD, 1_700_000_014_999L, Double.NEGATIVE_INFINITY);
        return w.toBytes();
    }

    @Test
    void goldenBlockDecodesAndReEncodesByteForByte() throws IOException {
        if (Boolean.getBoolean("cairn.golden.update")) {
            Files.createDirectories(GOLDEN_V2.getParent());
            Files.write(GOLDEN_V2, expectedBlock());
        }
        byte[] golden = Files.readAllBytes(GOLDEN_V2);
        RowBlockReader r = new RowBlockReader().wrap(new UnsafeBuffer(golden), 0, golden.length);
        assertEquals(RowBlockDescriptor.VERSION, r.version());
        assertTrue(r.hasSeriesIds());
        assertDecodes(r);
        assertEquals(SeriesIds.of(TENANT, UP), r.seriesId(0));
        assertEquals(SeriesIds.of(TENANT, LOAD), r.seriesId(1));
        assertEquals(UP.fingerprintCheck(), r.seriesCheck(0));
        assertEquals(LOAD.fingerprintCheck(), r.seriesCheck(1));

        // Re-encode from what was decoded only.
        RowBlockWriter w = new RowBlockWriter().reset(r.tenant());
        for (int s = 0; s < r.seriesCount(); s++) {
            assertEquals(s, w.addSeries(r.labels(s), r.seriesId(s)));
        }
        RowBlockReader.RowCursor rows = r.rows();
        while (rows.next()) {
            w.addRow(rows.seriesIndex(), rows.timestamp(), rows.value());
        }
        assertArrayEquals(golden, w.toBytes());
        assertArrayEquals(golden, expectedBlock());
    }

    @Test
    void version1GoldenBlockStillDecodes() throws IOException {
        byte[] golden = Files.readAllBytes(GOLDEN_V1);
        RowBlockReader r = new RowBlockReader().wrap(new UnsafeBuffer(golden), 0, golden.length);
        assertEquals(RowBlockDescriptor.VERSION_1, r.version());
        assertFalse(r.hasSeriesIds());
        assertDecodes(r);
        // Re-encoding writes the current version with the same series and rows.
        RowBlockWriter w = new RowBlockWriter().reset(r.tenant());
        for (int s = 0; s < r.seriesCount(); s++) {
            w.addSeries(r.labels(s));
        }
        RowBlockReader.RowCursor rows = r.rows();
        while (rows.next()) {
            w.addRow(rows.seriesIndex(), rows.timestamp(), rows.value());
        }
        assertArrayEquals(Files.readAllBytes(GOLDEN_V2), w.toBytes());
    }

    private static void assertDecodes(RowBlockReader r) {
        assertEquals(TENANT, r.tenant());
        assertEquals(2, r.seriesCount());
        assertEquals(UP, r.labels(0));
        assertEquals(LOAD, r.labels(1));
        assertEquals(ROWS.length, r.rowCount());
        RowBlockReader.RowCursor rows = r.rows();
        for (long[] row : ROWS) {
            assertTrue(rows.next());
            assertEquals(row[0], rows.seriesIndex());
            assertEquals(row[1], rows.timestamp());
            assertEquals(row[2], Double.doubleToRawLongBits(rows.value()));
        }
        assertFalse(rows.next());
    }
}
