package io.cairn.shard.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.storage.hash.JumpHash;
import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockReader;
import io.cairn.storage.rows.SeriesRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ShardedRowsTest {
    private static final int SHARDS = 8;

    private static List<Labels> series(Random rnd, int n) {
        List<Labels> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Labels.of("__name__", "m" + rnd.nextInt(50), "instance", "h" + i));
        }
        return out;
    }

    private static byte[] record(Labels labels, long hintTenant, int hintShards) {
        byte[] b = new byte[SeriesRecord.length(labels.canonicalLength())];
        SeriesRecord.write(b, 0, labels, hintTenant, hintShards);
        return b;
    }

    /** Same blocks whether series come as Labels or as records, with or without a hint. */
    @Test
    void recordsAndLabelsGiveTheSameBlocks() {
        Random rnd = new Random(5);
        Tenant tenant = new Tenant(3, 9);
        for (int hintCase = 0; hintCase < 3; hintCase++) {
            List<Labels> pool = series(rnd, 60);
            ShardedRows byLabels = new ShardedRows(tenant, SHARDS);
            ShardedRows byRecords = new ShardedRows(tenant, SHARDS);
            long[] ts = new long[4];
            double[] values = new double[4];
            for (Labels l : pool) {
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    ts[i] = 1_700_000_000_000L + rnd.nextInt(100_000);
                    values[i] = rnd.nextDouble();
                    byLabels.add(l, ts[i], values[i]);
                }
                // 0: hint for this tenant; 1: none; 2: for another tenant (must be ignored).
                byte[] rec = switch (hintCase) {
                    case 0 -> record(l, tenant.packed(), SHARDS);
                    case 1 -> record(l, 0, 0);
                    default -> record(l, new Tenant(1, 1).packed(), SHARDS);
                };
                byRecords.addSeriesRows(rec, 0, ts, values, 0, n);
            }
            assertEquals(byLabels.rowCount(), byRecords.rowCount());
            for (int s = 0; s < SHARDS; s++) {
                assertArrayEquals(byLabels.blockFor(s), byRecords.blockFor(s), "shard " + s);
            }
        }
    }

    @Test
    void rowsGoToTheShardOfTheirSeriesId() {
        Tenant tenant = new Tenant(0, 0);
        ShardedRows rows = new ShardedRows(tenant, SHARDS);
        Labels l = Labels.of("__name__", "up", "job", "x");
        rows.addSeriesRows(record(l, 0, 0), 0, new long[] {5}, new double[] {1}, 0, 1);
        int shard = JumpHash.shard(SeriesIds.of(tenant, l), SHARDS);
        for (int s = 0; s < SHARDS; s++) {
            if (s == shard) {
                RowBlockReader r = new RowBlockReader();
                byte[] b = rows.blockFor(s);
                r.wrap(new UnsafeBuffer(b), 0, b.length);
                assertEquals(l, r.labels(0));
                assertEquals(SeriesIds.of(tenant, l), r.seriesId(0));
            } else {
                assertNull(rows.blockFor(s));
            }
        }
    }

    @Test
    void reusedInstancesForgetEverythingOfThePreviousRequest() {
        Random rnd = new Random(8);
        ShardedRowsPool pool = new ShardedRowsPool(SHARDS, 2);
        ShardedRows first = pool.acquire(new Tenant(1, 2));
        for (Labels l : series(rnd, 40)) {
            first.add(l, 1000, 1);
        }
        pool.release(first);

        Tenant tenant = new Tenant(4, 4);
        ShardedRows reused = pool.acquire(tenant);
        assertSame(first, reused);
        ShardedRows fresh = new ShardedRows(tenant, SHARDS);
        for (Labels l : series(rnd, 10)) {
            reused.add(l, 2000, 2);
            fresh.add(l, 2000, 2);
        }
        assertEquals(tenant, reused.tenant());
        assertEquals(10, reused.rowCount());
        for (int s = 0; s < SHARDS; s++) {
            assertArrayEquals(fresh.blockFor(s), reused.blockFor(s), "shard " + s);
        }
        assertThrows(IllegalArgumentException.class,
                () -> pool.release(new ShardedRows(tenant, SHARDS + 1)));
    }
}
