package io.cairn.storage.index;

import static io.cairn.storage.index.IndexFixtures.T0;
import static io.cairn.storage.index.IndexFixtures.T1;
import static io.cairn.storage.index.IndexFixtures.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap bytes per series for node_exporter-like series (10 labels each: 7 per host, 3 per
 * metric). Prints the figure; fails if it regresses far beyond the measured one. Size with
 * {@code -Dcairn.index.memorySeries=1000000} (default 200k to keep the suite quick).
 */
class SeriesIndexMemoryTest {
    @TempDir
    Path dir;

    @Test
    void heapBytesPerSeries() throws Exception {
        int n = Integer.getInteger("cairn.index.memorySeries", 200_000);
        int perHost = 1000; // 100 metrics x 10 variants
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            long before = settledHeap(memory);
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int host = i / perHost;
                int metric = (i % perHost) / 10;
                idx.resolve(T1, IndexFixtures.nodeSeries(host, metric, i % 10), T0);
            }
            long resolveNanos = System.nanoTime() - started;
            idx.sync();
            long after = settledHeap(memory);
            assertEquals(n, idx.seriesCount());
            double perSeries = (double) (after - before) / n;
            long[] ids = null;
            long selectMicros = Long.MAX_VALUE;
            for (int round = 0; round < 20; round++) {
                long t = System.nanoTime();
                ids = idx.select(T1, List.of(eq("__name__", "node_metric_8_total"),
                        eq("cpu", "3")), T0, T0 + 3_600_000, n);
                selectMicros = Math.min(selectMicros, (System.nanoTime() - t) / 1000);
            }
            System.out.printf("series index memory: %d series, %.1f heap bytes/series "
                    + "(structures estimate %.1f), %.2f us/new series, selective select %d us "
                    + "(%d ids)%n", n, perSeries, (double) idx.approximateHeapBytes() / n,
                    resolveNanos / 1000.0 / n, selectMicros, ids.length);
            assertTrue(perSeries < 400, "heap bytes per series regressed: " + perSeries);
            assertEquals(n / 1000, ids.length); // one per host
            knownSeriesCost(idx, Math.min(n, 10_000));
        }
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            System.out.printf("series index reopen: %d series in %d ms%n", idx.seriesCount(),
                    idx.openReport().openMillis());
            assertEquals(n, idx.seriesCount());
        }
    }

    private static void knownSeriesCost(SeriesIndex idx, int m) {
        io.cairn.storage.model.Labels[] known = new io.cairn.storage.model.Labels[m];
        for (int i = 0; i < m; i++) {
            known[i] = IndexFixtures.nodeSeries(i / 1000, (i % 1000) / 10, i % 10);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 30; round++) {
            long t = System.nanoTime();
            for (io.cairn.storage.model.Labels l : known) {
                idx.resolve(T1, l, T0);
            }
            best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf("series index resolve of a known series: %.0f ns%n", (double) best / m);
    }

    /** Heap in use after GCs, polled until two readings agree (GC is only a request). */
    private static long settledHeap(MemoryMXBean memory) {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 256 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
