package io.cairn.storage.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.memory.NativeMemory;
import io.cairn.storage.model.SampleBuffer;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;

class HeadBufferTest {

    @Test
    void collectsOnlyWantedSeriesInRangeInArrivalOrder() {
        long before = NativeMemory.outstandingBytes();
        try (HeadBuffer head = new HeadBuffer()) {
            head.append(1, 100, 1.0);
            head.append(2, 100, 2.0);
            head.append(1, 200, 1.5);
            head.append(3, 150, 3.0);
            head.append(1, 50, 0.5);
            LongHashSet want = new LongHashSet();
            want.add(1);
            want.add(3);
            Long2ObjectHashMap<SampleBuffer> out = new Long2ObjectHashMap<>();
            head.collect(want, 60, 200, out);
            SampleBuffer s1 = out.get(1);
            assertEquals(2, s1.count());
            assertEquals(100, s1.timestamp(0));
            assertEquals(200, s1.timestamp(1));
            assertEquals(1.5, s1.value(1));
            assertEquals(1, out.get(3).count());
            assertNull(out.get(2));
            assertEquals(50, head.minTime());
            assertEquals(200, head.maxTime());
            assertTrue(NativeMemory.outstandingBytes() > before);
        }
        assertEquals(before, NativeMemory.outstandingBytes(), "head chunks freed on close");
    }

    @Test
    void sortedCopyOrdersBySeriesThenTimeAndKeepsLastDuplicate() {
        try (HeadBuffer head = new HeadBuffer()) {
            head.append(5, 30, 1);
            head.append(2, 20, 2);
            head.append(5, 10, 3);
            head.append(2, 20, 4);
            head.append(5, 30, 5);
            SortedRows r = head.sortedCopy();
            assertEquals(3, r.count());
            assertArrayEquals(new long[] {2, 5, 5}, java.util.Arrays.copyOf(r.seriesIds(), 3));
            assertArrayEquals(new long[] {20, 10, 30}, java.util.Arrays.copyOf(r.timestamps(), 3));
            assertArrayEquals(new double[] {4, 3, 5}, java.util.Arrays.copyOf(r.values(), 3));
        }
    }

    @Test
    void spansManyChunksAndMatchesAReferenceSort() {
        Random rnd = new Random(42);
        int n = HeadBuffer.ROWS_PER_CHUNK * 2 + 1234;
        long[] ids = new long[n];
        long[] ts = new long[n];
        double[] vs = new double[n];
        try (HeadBuffer head = new HeadBuffer()) {
            for (int i = 0; i < n; i++) {
                ids[i] = rnd.nextInt(500);
                ts[i] = rnd.nextInt(100_000);
                vs[i] = i;
                head.append(ids[i], ts[i], vs[i]);
            }
            SortedRows r = head.sortedCopy();
            // Reference: last write per (id, ts) wins.
            java.util.TreeMap<String, Double> ref = new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                ref.put(String.format("%05d-%07d", ids[i], ts[i]), vs[i]);
            }
            assertEquals(ref.size(), r.count());
            int k = 0;
            for (var e : ref.entrySet()) {
                String key = String.format("%05d-%07d", r.seriesIds()[k], r.timestamps()[k]);
                assertEquals(e.getKey(), key);
                assertEquals(e.getValue(), r.values()[k]);
                k++;
            }
        }
    }

    @Test
    void readerSeesPublishedRowsWhileWriterAppends() throws Exception {
        try (HeadBuffer head = new HeadBuffer()) {
            int total = HeadBuffer.ROWS_PER_CHUNK * 3;
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<String> problem = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                started.countDown();
                LongHashSet want = new LongHashSet();
                want.add(7);
                int lastSeen = 0;
                while (lastSeen < total && problem.get() == null) {
                    Long2ObjectHashMap<SampleBuffer> out = new Long2ObjectHashMap<>();
                    head.collect(want, Long.MIN_VALUE, Long.MAX_VALUE, out);
                    SampleBuffer b = out.get(7);
                    int seen = b == null ? 0 : b.count();
                    for (int i = 0; i < seen; i++) {
                        if (b.timestamp(i) != i || b.value(i) != i * 2.0) {
                            problem.set("row " + i + " torn: " + b.timestamp(i) + "/" + b.value(i));
                        }
                    }
                    if (seen < lastSeen) {
                        problem.set("rows disappeared: " + seen + " < " + lastSeen);
                    }
                    lastSeen = seen;
                }
            });
            reader.start();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < total; i++) {
                head.append(7, i, i * 2.0);
            }
            reader.join(60_000);
            assertNull(problem.get(), problem.get());
        }
    }
}
