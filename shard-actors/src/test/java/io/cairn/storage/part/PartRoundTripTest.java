package io.cairn.storage.part;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.model.StaleMarker;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartRoundTripTest {
    @TempDir
    Path dir;

    /** Random series: ids, timestamps and values of assorted shapes, some longer than a block. */
    static TreeMap<Long, SampleBuffer> randomSeries(SplittableRandom r, int seriesCount, int maxSamples) {
        TreeMap<Long, SampleBuffer> series = new TreeMap<>();
        while (series.size() < seriesCount) {
            long id = r.nextLong();
            int n = 1 + r.nextInt(maxSamples);
            SampleBuffer b = new SampleBuffer();
            long t = r.nextLong(1_600_000_000_000L, 1_700_000_000_000L);
            int shape = r.nextInt(4);
            double x = r.nextInt(1000);
            for (int i = 0; i < n; i++) {
                t += r.nextInt(5) == 0 ? 1 + r.nextInt(60_000) : 15_000;
                switch (shape) {
                    case 0: x += r.nextInt(100) / 100.0; break;
                    case 1: x = Double.longBitsToDouble(r.nextLong()); break;
                    case 2: x = r.nextInt(30) == 0 ? StaleMarker.VALUE : 42; break;
                    default: x += r.nextGaussian(); break;
                }
                b.append(t, x);
            }
            series.put(id, b);
        }
        return series;
    }

    static PartInfo write(Path path, TreeMap<Long, SampleBuffer> series) throws IOException {
        try (PartWriter w = PartWriter.create(path)) {
            for (var e : series.entrySet()) {
                SampleBuffer b = e.getValue();
                w.addSeries(e.getKey(), b.timestamps(), b.values(), 0, b.count());
            }
            return w.finish();
        }
    }

    static void assertSameSamples(SampleBuffer expected, int from, int to, SampleBuffer actual, String what) {
        assertEquals(to - from, actual.count(), what + ": count");
        for (int i = from; i < to; i++) {
            assertEquals(expected.timestamps()[i], actual.timestamps()[i - from], what + ": ts " + i);
            assertEquals(Double.doubleToRawLongBits(expected.values()[i]),
                    Double.doubleToRawLongBits(actual.values()[i - from]), what + ": value " + i);
        }
    }

    @Test
    void randomPartsRoundTripWithRangeQueries() throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        for (int round = 0; round < 4; round++) {
            TreeMap<Long, SampleBuffer> series = randomSeries(r, 1 + r.nextInt(60), round == 0 ? 20_000 : 3000);
            Path path = dir.resolve("p" + round + ".part");
            PartInfo info = write(path, series);
            assertEquals(series.size(), info.seriesCount());
            assertEquals(Files.size(path), info.sizeBytes());
            assertFalse(Files.exists(dir.resolve("p" + round + ".part.tmp")));
            long rows = series.values().stream().mapToLong(SampleBuffer::count).sum();
            assertEquals(rows, info.rowCount());
            // Small mapping segments exercise reads that cross segment boundaries.
            try (PartReader reader = round % 2 == 0 ? PartReader.open(path) : PartReader.open(path, 4096)) {
                assertEquals(info, reader.info());
                SampleBuffer out = new SampleBuffer();
                int s = 0;
                for (var e : series.entrySet()) {
                    assertEquals(e.getKey(), reader.seriesIdAt(s++));
                    SampleBuffer b = e.getValue();
                    out.clear();
                    reader.read(e.getKey(), Long.MIN_VALUE, Long.MAX_VALUE, out);
                    assertSameSamples(b, 0, b.count(), out, "full series " + e.getKey());
                    int lo = r.nextInt(b.count());
                    int hi = lo + r.nextInt(b.count() - lo);
                    out.clear();
                    int n = reader.read(e.getKey(), b.timestamps()[lo], b.timestamps()[hi], out);
                    assertEquals(hi - lo + 1, n);
                    assertSameSamples(b, lo, hi + 1, out, "range of " + e.getKey());
                }
                out.clear();
                long missing = r.nextLong();
                if (!series.containsKey(missing)) {
                    assertEquals(0, reader.read(missing, Long.MIN_VALUE, Long.MAX_VALUE, out));
                }
            }
        }
    }

    @Test
    void seriesMayArriveInSeveralCallsAndIsCutIntoFullBlocks() throws IOException {
        int n = 20_000;
        long[] ts = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1000L * i;
            v[i] = i;
        }
        Path path = dir.resolve("chunks.part");
        try (PartWriter w = PartWriter.create(path)) {
            for (int off = 0; off < n; off += 777) {
                w.addSeries(5, ts, v, off, Math.min(777, n - off));
            }
            PartInfo info = w.finish();
            assertEquals(20, info.blockCount()); // 19 x 1024 + 544
            assertEquals(1, info.seriesCount());
            assertEquals(0, info.minTimeMs());
            assertEquals(1000L * (n - 1), info.maxTimeMs());
        }
        try (PartReader reader = PartReader.open(path)) {
            for (int b = 0; b < 19; b++) {
                assertEquals(PartWriter.BLOCK_SAMPLES, reader.blockSampleCount(b));
            }
            assertEquals(n - 19 * PartWriter.BLOCK_SAMPLES, reader.blockSampleCount(19));
            SampleBuffer out = new SampleBuffer();
            assertEquals(n, reader.read(5, 0, Long.MAX_VALUE, out));
            assertEquals(19_999.0, out.value(n - 1));
            out.clear();
            // A range inside one block only.
            assertEquals(11, reader.read(5, 10_000_000, 10_010_000, out));
            assertEquals(10_000_000, out.timestamp(0));
        }
    }

    @Test
    void emptyPartIsValid() throws IOException {
        Path path = dir.resolve("empty.part");
        PartInfo info;
        try (PartWriter w = PartWriter.create(path)) {
            info = w.finish();
        }
        assertTrue(info.isEmpty());
        assertEquals(PartDescriptor.MIN_FILE_LENGTH, info.sizeBytes());
        try (PartReader reader = PartReader.open(path)) {
            assertEquals(0, reader.seriesCount());
            assertEquals(PartDescriptor.EMPTY_MIN_TIME, reader.minTime());
            assertEquals(0, reader.read(1, Long.MIN_VALUE, Long.MAX_VALUE, new SampleBuffer()));
        }
    }

    @Test
    void writerRejectsOutOfOrderInputAndStaysUsable() throws IOException {
        Path path = dir.resolve("order.part");
        try (PartWriter w = PartWriter.create(path)) {
            w.addSeries(10, new long[] {1, 2}, new double[] {1, 2}, 0, 2);
            assertThrows(IllegalArgumentException.class, () -> w.addSeries(9, new long[] {5}, new double[] {1}, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> w.addSeries(10, new long[] {2}, new double[] {1}, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> w.addSeries(11, new long[] {3, 3}, new double[] {1, 1}, 0, 2));
            assertThrows(IllegalArgumentException.class, () -> w.addSeries(11, new long[] {3}, new double[] {1}, 1, 1));
            w.addSeries(10, new long[] {3}, new double[] {3}, 0, 1);
            w.addSeries(11, new long[] {1}, new double[] {4}, 0, 1);
            PartInfo info = w.finish();
            assertEquals(4, info.rowCount());
            assertEquals(2, info.seriesCount());
            assertThrows(IllegalStateException.class, () -> w.addSeries(12, new long[] {1}, new double[] {1}, 0, 1));
        }
        assertThrows(FileAlreadyExistsException.class, () -> PartWriter.create(path));
    }

    @Test
    void abandonedWriterLeavesNothingBehind() throws IOException {
        Path path = dir.resolve("abandoned.part");
        try (PartWriter w = PartWriter.create(path)) {
            w.addSeries(1, new long[] {1}, new double[] {1}, 0, 1);
            assertTrue(Files.exists(dir.resolve("abandoned.part.tmp")));
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void concurrentReadersSeeTheSameData() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        TreeMap<Long, SampleBuffer> series = randomSeries(r, 200, 2000);
        Path path = dir.resolve("concurrent.part");
        write(path, series);
        List<Long> ids = new ArrayList<>(series.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PartReader reader = PartReader.open(path)) {
            List<Future<Long>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int seed = thread;
                results.add(pool.submit(() -> {
                    SplittableRandom tr = new SplittableRandom(seed);
                    SampleBuffer out = new SampleBuffer();
                    long checked = 0;
                    for (int i = 0; i < 2000; i++) {
                        long id = ids.get(tr.nextInt(ids.size()));
                        out.clear();
                        reader.read(id, Long.MIN_VALUE, Long.MAX_VALUE, out);
                        SampleBuffer expected = series.get(id);
                        assertSameSamples(expected, 0, expected.count(), out, "series " + id);
                        checked += out.count();
                    }
                    return checked;
                }));
            }
            for (Future<Long> f : results) {
                assertTrue(f.get(60, TimeUnit.SECONDS) > 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void referencesKeepThePartMappedUntilTheLastRelease() throws IOException {
        Path path = dir.resolve("refs.part");
        TreeMap<Long, SampleBuffer> series = randomSeries(new SplittableRandom(3), 3, 100);
        write(path, series);
        PartReader reader = PartReader.open(path);
        assertTrue(reader.tryRetain()); // a query takes a reference
        reader.close(); // the owner drops the part (e.g. merged away)
        reader.close(); // idempotent
        assertEquals(1, reader.referenceCount());
        long id = series.firstKey();
        SampleBuffer out = new SampleBuffer();
        assertEquals(series.get(id).count(), reader.read(id, Long.MIN_VALUE, Long.MAX_VALUE, out));
        reader.release(); // the query is done: unmapped now
        assertEquals(0, reader.referenceCount());
        assertFalse(reader.tryRetain());
        assertThrows(IllegalStateException.class, reader::retain);
        assertThrows(IllegalStateException.class, () -> reader.read(id, 0, 1, out));
        assertThrows(IllegalStateException.class, reader::release);
    }
}
