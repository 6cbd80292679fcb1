package io.cairn.storage.index;

import static io.cairn.storage.index.IndexFixtures.DAY;
import static io.cairn.storage.index.IndexFixtures.T0;
import static io.cairn.storage.index.IndexFixtures.T1;
import static io.cairn.storage.index.IndexFixtures.eq;
import static io.cairn.storage.index.IndexFixtures.re;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyAndAllocationTest {
    @TempDir
    Path dir;

    /**
     * One writer registers series while readers query. Every answer must be internally
     * consistent: each returned id resolves to labels that satisfy the selector, and the
     * number of series of a metric never shrinks (nothing is deleted in this test).
     */
    @Test
    void readersSeeConsistentStateWhileTheOwnerWrites() throws Exception {
        int hosts = 200;
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong queries = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int lastCount = 0;
                    while (!done.get()) {
                        long[] ids = idx.select(T1, List.of(eq("__name__", "node_metric_0_total"),
                                re("cpu", "1.*")), T0, T0 + DAY, 1_000_000);
                        assertTrue(ids.length >= lastCount, "a series disappeared");
                        lastCount = ids.length;
                        for (long id : ids) {
                            Labels l = idx.labels(id);
                            assertNotNull(l);
                            assertTrue(l.get("cpu").startsWith("1"), l.toString());
                        }
                        List<String> values = idx.labelValues(T1, "instance", List.of(), T0,
                                T0 + DAY, 0);
                        assertTrue(values.size() <= hosts);
                        idx.status(T1, T0, T0 + DAY, 3);
                        queries.incrementAndGet();
                    }
                    return null;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int h = 0; h < hosts; h++) {
                    for (int m = 0; m < 4; m++) {
                        for (int v = 0; v < 20; v++) {
                            idx.resolve(T1, IndexFixtures.nodeSeries(h, m, v), T0 + h);
                        }
                    }
                }
                done.set(true);
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(queries.get() > 0);
            assertEquals(hosts * 4 * 20, idx.seriesCount());
            assertEquals(hosts * 11, idx.select(T1, List.of(eq("__name__", "node_metric_0_total"),
                    re("cpu", "1.*")), T0, T0 + DAY, 1_000_000).length);
        }
    }

    /** The write path's common case: known series, known day. It must allocate nothing. */
    @Test
    void knownSeriesResolveAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            Labels[] series = new Labels[1000];
            for (int i = 0; i < series.length; i++) {
                series[i] = IndexFixtures.nodeSeries(i / 40, i % 4, i % 40);
                idx.resolve(T1, series[i], T0);
            }
            long sink = 0;
            for (int warm = 0; warm < 50; warm++) { // let the JIT settle
                for (Labels l : series) {
                    sink += idx.resolve(T1, l, T0 + 1000);
                }
            }
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            for (int round = 0; round < 100; round++) {
                for (Labels l : series) {
                    sink += idx.resolve(T1, l, T0 + 2000);
                }
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            // 100k resolves; allow for the measurement's own few objects, not one per call.
            assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 100k resolves");
            assertTrue(sink != 1);
        }
    }
}
