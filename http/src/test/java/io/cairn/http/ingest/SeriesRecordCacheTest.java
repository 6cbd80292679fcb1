package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import io.cairn.storage.rows.SeriesRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SeriesRecordCacheTest {
    private static byte[] record(Labels labels) {
        byte[] b = new byte[SeriesRecord.length(labels.canonicalLength()) + 3];
        SeriesRecord.write(b, 3, labels, 0, 0);
        return b;
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsWhatWasPutForTheSameBytesAndContextOnly() {
        SeriesRecordCache cache = new SeriesRecordCache(1 << 20);
        Labels labels = Labels.of("__name__", "up", "job", "node");
        byte[] key = key("xxsome raw label bytesyy");
        long h = SeriesRecordCache.hash(key, 2, key.length - 4);
        cache.put(0, key, 2, key.length - 4, h, record(labels), 3);

        byte[] same = key("some raw label bytes");
        long hs = SeriesRecordCache.hash(same, 0, same.length);
        assertEquals(h, hs);
        SeriesRecordCache.Hit hit = new SeriesRecordCache.Hit();
        assertTrue(cache.find(0, same, 0, same.length, hs, hit));
        assertEquals(labels, SeriesRecord.labels(hit.bytes, hit.offset));
        assertEquals(labels.fingerprint(), SeriesRecord.fingerprint(hit.bytes, hit.offset));
        assertEquals(labels.fingerprintCheck(), SeriesRecord.check(hit.bytes, hit.offset));

        assertFalse(cache.find(1, same, 0, same.length, hs, hit), "other context");
        byte[] other = key("some raw label byteZ");
        assertFalse(cache.find(0, other, 0, other.length,
                SeriesRecordCache.hash(other, 0, other.length), hit));
        // Same hash, different bytes (forced): never a wrong answer.
        assertFalse(cache.find(0, other, 0, other.length, hs, hit));
    }

    @Test
    void contextIdsAreStablePerEqualContextAndNoneIsZero() {
        SeriesRecordCache cache = new SeriesRecordCache(1 << 20);
        assertEquals(0, cache.contextId(ExtraLabels.NONE));
        ExtraLabels a = ExtraLabels.parse(List.of("env=prod"));
        ExtraLabels a2 = ExtraLabels.parse(List.of("env=prod"));
        ExtraLabels b = ExtraLabels.parse(List.of("env=dev"));
        int ia = cache.contextId(a);
        assertTrue(ia > 0);
        assertEquals(ia, cache.contextId(a2));
        assertNotEquals(ia, cache.contextId(b));
    }

    private static byte[] bigKey(int i) {
        return key("key-" + i + "-" + "p".repeat(200)); // ~300-byte entries, as node_exporter's
    }

    private static boolean findKey(SeriesRecordCache cache, byte[] k) {
        return cache.find(0, k, 0, k.length, SeriesRecordCache.hash(k, 0, k.length),
                new SeriesRecordCache.Hit());
    }

    private static void putKey(SeriesRecordCache cache, byte[] k, int i) {
        cache.put(0, k, 0, k.length, SeriesRecordCache.hash(k, 0, k.length),
                record(Labels.of("__name__", "m" + i)), 3);
    }

    @Test
    void boundedByBytesAndDropsOldestChunkFirst() {
        long size = 256 << 10; // 4 chunks of 64 KiB, at most about 960 entries of 270 bytes
        SeriesRecordCache cache = new SeriesRecordCache(size);
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            putKey(cache, bigKey(i), i);
        }
        assertTrue(cache.droppedChunks() > 0);
        assertTrue(cache.capacityBytes() <= size + 8L * 4096, "capacity " + cache.capacityBytes());
        int found = 0;
        for (int i = 0; i < n; i++) {
            if (findKey(cache, bigKey(i))) {
                found++;
                assertTrue(i >= 500, "the oldest entries are dropped first: found " + i);
            }
        }
        assertTrue(found > 400 && found <= (256 << 10) / 260, "found " + found);
        assertEquals(found, cache.entries());
    }

    @Test
    void aWorkingSetLargerThanTheCacheStillHitsInProportion() {
        SeriesRecordCache cache = new SeriesRecordCache(256 << 10);
        int n = 1700; // twice what fits
        int hits = 0;
        for (int round = 0; round < 6; round++) {
            hits = 0;
            for (int i = 0; i < n; i++) { // the same order every round: FIFO's worst case
                byte[] k = bigKey(i);
                if (findKey(cache, k)) {
                    hits++;
                } else {
                    putKey(cache, k, i);
                }
            }
        }
        assertTrue(hits > n / 4, "hits in the last round: " + hits + " of " + n);
    }

    @Test
    void refusesOversizedKeysAndBadSizes() {
        SeriesRecordCache cache = new SeriesRecordCache(1 << 20);
        byte[] big = new byte[SeriesRecordCache.MAX_KEY_BYTES + 1];
        long h = SeriesRecordCache.hash(big, 0, big.length);
        cache.put(0, big, 0, big.length, h, record(Labels.of("__name__", "x")), 3);
        assertFalse(cache.find(0, big, 0, big.length, h, new SeriesRecordCache.Hit()));
        cache.put(-1, big, 0, 10, h, record(Labels.of("__name__", "x")), 3);
        assertFalse(cache.find(-1, big, 0, 10, h, new SeriesRecordCache.Hit()));
        assertThrows(IllegalArgumentException.class, () -> new SeriesRecordCache(1000));
        assertThrows(IllegalArgumentException.class, () -> new SeriesRecordCache(3L << 30));
    }

    @Test
    void concurrentReadersNeverSeeAnotherKeysRecord() throws Exception {
        SeriesRecordCache cache = new SeriesRecordCache(256 << 10);
        int keys = 5000;
        Labels[] labels = new Labels[keys];
        byte[][] raw = new byte[keys][];
        byte[][] records = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            labels[i] = Labels.of("__name__", "metric_" + i, "job", "j" + (i % 7));
            raw[i] = key("raw:" + i);
            records[i] = record(labels[i]);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            long seed = t;
            threads[t] = new Thread(() -> {
                Random rnd = new Random(seed);
                SeriesRecordCache.Hit hit = new SeriesRecordCache.Hit();
                try {
                    for (int n = 0; n < 100_000; n++) {
                        int i = rnd.nextInt(keys);
                        long h = SeriesRecordCache.hash(raw[i], 0, raw[i].length);
                        if (cache.find(0, raw[i], 0, raw[i].length, h, hit)) {
                            assertEquals(labels[i].fingerprint(),
                                    SeriesRecord.fingerprint(hit.bytes, hit.offset));
                            assertArrayEquals(labels[i].canonicalBytes(), java.util.Arrays
                                    .copyOfRange(hit.bytes, SeriesRecord.canonicalOffset(
                                            hit.offset), SeriesRecord.end(hit.bytes,
                                            hit.offset)));
                        } else {
                            cache.put(0, raw[i], 0, raw[i].length, h, records[i], 3);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(cache.droppedChunks() > 0, "the test should cover chunk drops");
    }
}
