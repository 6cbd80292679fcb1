package io.cairn.storage.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.model.StaleMarker;
import io.cairn.storage.part.CorruptPartException;
import io.cairn.storage.part.PartInfo;
import io.cairn.storage.part.PartReader;
import io.cairn.storage.part.PartWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartMergerTest {
    @TempDir
    Path dir;

    private final List<PartReader> open = new ArrayList<>();
    private int partNumber;

    @AfterEach
    void closeAll() {
        open.forEach(PartReader::close);
    }

    /** series id -> (timestamp -> value), the model of one part. */
    private static final class Content extends TreeMap<Long, TreeMap<Long, Double>> {
        private static final long serialVersionUID = 1L;

        Content add(long id, long t, double v) {
            computeIfAbsent(id, k -> new TreeMap<>()).put(t, v);
            return this;
        }
    }

    private PartReader part(Content content) throws IOException {
        Path path = dir.resolve("in-" + (partNumber++) + ".part");
        try (PartWriter w = PartWriter.create(path)) {
            for (var series : content.entrySet()) {
                long[] ts = series.getValue().keySet().stream().mapToLong(Long::longValue).toArray();
                double[] v = series.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
                w.addSeries(series.getKey(), ts, v, 0, ts.length);
            }
            w.finish();
        }
        PartReader reader = PartReader.open(path);
        open.add(reader);
        return reader;
    }

    private PartReader merge(List<PartReader> inputs, MergeOptions options) throws IOException {
        Path out = dir.resolve("out-" + (partNumber++) + ".part");
        PartInfo info = PartMerger.merge(inputs, out, options);
        PartReader reader = PartReader.open(out);
        open.add(reader);
        assertEquals(info, reader.info());
        return reader;
    }

    private static Content contentOf(PartReader reader) {
        Content c = new Content();
        SampleBuffer b = new SampleBuffer();
        for (int s = 0; s < reader.seriesCount(); s++) {
            long id = reader.seriesIdAt(s);
            b.clear();
            reader.read(id, Long.MIN_VALUE, Long.MAX_VALUE, b);
            assertTrue(b.count() > 0, "empty series " + id + " written");
            for (int i = 0; i < b.count(); i++) {
                c.add(id, b.timestamps()[i], b.values()[i]);
            }
        }
        return c;
    }

    /** Bit-exact comparison (Double.equals compares bits, so NaN payloads count). */
    private static void assertContent(Content expected, Content actual) {
        assertEquals(expected.keySet(), actual.keySet(), "series ids");
        for (var e : expected.entrySet()) {
            TreeMap<Long, Double> a = actual.get(e.getKey());
            assertEquals(e.getValue().keySet(), a.keySet(), "timestamps of " + e.getKey());
            for (var s : e.getValue().entrySet()) {
                assertEquals(Double.doubleToRawLongBits(s.getValue()), Double.doubleToRawLongBits(a.get(s.getKey())),
                        "series " + e.getKey() + " t=" + s.getKey());
            }
        }
    }

    @Test
    void overlappingPartsInterleaveAndNewestWinsOnEqualTimestamps() throws IOException {
        PartReader old = part(new Content().add(1, 10, 1.0).add(1, 20, 2.0).add(1, 30, 3.0).add(2, 5, 5.0));
        PartReader mid = part(new Content().add(1, 15, 15.0).add(1, 20, 20.0).add(3, 1, StaleMarker.VALUE));
        PartReader newest = part(new Content().add(1, 20, 200.0).add(1, 40, 4.0).add(2, 5, -0.0));
        Content expected = new Content().add(1, 10, 1.0).add(1, 15, 15.0).add(1, 20, 200.0).add(1, 30, 3.0)
                .add(1, 40, 4.0).add(2, 5, -0.0).add(3, 1, StaleMarker.VALUE);
        PartReader merged = merge(List.of(old, mid, newest), MergeOptions.keepAll());
        assertContent(expected, contentOf(merged));
        assertEquals(7, merged.rowCount());
        // Order matters: with the inputs reversed the old values win.
        Content reversed = contentOf(merge(List.of(newest, mid, old), MergeOptions.keepAll()));
        assertEquals(2.0, reversed.get(1L).get(20L));
        assertEquals(5.0, reversed.get(2L).get(5L));
    }

    @Test
    void dedupKeepsTheLatestSampleOfEachIntervalAcrossInputs() throws IOException {
        // Two HA replicas scraping every 15s, 3ms apart.
        Content a = new Content();
        Content b = new Content();
        for (int i = 1; i <= 100; i++) {
            a.add(7, i * 15_000L + 1, i);
            b.add(7, i * 15_000L + 4, i + 0.5);
        }
        PartReader merged = merge(List.of(part(a), part(b)), new MergeOptions(15_000, Long.MIN_VALUE, null));
        Content expected = new Content();
        for (int i = 1; i <= 100; i++) {
            expected.add(7, i * 15_000L + 4, i + 0.5);
        }
        assertContent(expected, contentOf(merged));
    }

    @Test
    void retentionDropsOldSamplesAndWhollyExpiredSeries() throws IOException {
        PartReader in = part(new Content().add(1, 100, 1).add(1, 200, 2).add(1, 300, 3).add(2, 50, 9).add(3, 250, 7));
        PartReader merged = merge(List.of(in), new MergeOptions(0, 200, null));
        assertContent(new Content().add(1, 200, 2).add(1, 300, 3).add(3, 250, 7), contentOf(merged));
        assertEquals(2, merged.seriesCount());
    }

    @Test
    void droppedSeriesAndEverythingExpiredGiveAnEmptyPart() throws IOException {
        PartReader a = part(new Content().add(1, 100, 1).add(2, 100, 2));
        PartReader b = part(new Content().add(2, 150, 3).add(4, 100, 4));
        assertContent(new Content().add(1, 100, 1).add(4, 100, 4),
                contentOf(merge(List.of(a, b), new MergeOptions(0, Long.MIN_VALUE, id -> id == 2))));
        PartReader empty = merge(List.of(a, b), new MergeOptions(0, 1_000, null));
        assertTrue(empty.info().isEmpty());
        assertEquals(0, empty.seriesCount());
    }

    @Test
    void manyRandomInputsMatchTheReferenceModel() throws IOException {
        SplittableRandom r = new SplittableRandom(2024);
        int inputs = 25;
        List<PartReader> readers = new ArrayList<>();
        Content model = new Content(); // newest wins: later puts overwrite
        for (int p = 0; p < inputs; p++) {
            Content c = new Content();
            int seriesCount = 1 + r.nextInt(30);
            for (int s = 0; s < seriesCount; s++) {
                long id = r.nextInt(60) - 30; // overlapping ids across parts, negative ones too
                long t = r.nextLong(0, 100_000);
                int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 12_000 : 300);
                for (int i = 0; i < n; i++) {
                    t += 1 + r.nextInt(30);
                    double v = r.nextInt(20) == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextInt(1000) / 8.0;
                    c.add(id, t, v);
                }
            }
            readers.add(part(c));
            c.forEach((id, samples) -> samples.forEach((t, v) -> model.add(id, t, v)));
        }
        assertContent(model, contentOf(merge(readers, MergeOptions.keepAll())));

        long dedup = 50;
        long minTime = 50_000;
        Content expected = new Content();
        for (Map.Entry<Long, TreeMap<Long, Double>> e : model.entrySet()) {
            if (e.getKey() % 7 == 0) {
                continue;
            }
            TreeMap<Long, Double> kept = new TreeMap<>(e.getValue().tailMap(minTime, true));
            long[] ts = kept.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] v = kept.values().stream().mapToDouble(Double::doubleValue).toArray();
            int n = Deduplicator.dedup(ts, v, ts.length, dedup);
            for (int i = 0; i < n; i++) {
                expected.add(e.getKey(), ts[i], v[i]);
            }
        }
        PartReader filtered = merge(readers, new MergeOptions(dedup, minTime, id -> id % 7 == 0));
        assertContent(expected, contentOf(filtered));
        assertFalse(filtered.info().isEmpty());
    }

    @Test
    void mergedOutputIsCutIntoFullBlocks() throws IOException {
        Content a = new Content();
        Content b = new Content();
        for (int i = 0; i < 10_000; i++) {
            (i % 2 == 0 ? a : b).add(1, i, i);
        }
        PartReader merged = merge(List.of(part(a), part(b)), MergeOptions.keepAll());
        assertEquals(10, merged.blockCount());
        for (int block = 0; block < 9; block++) {
            assertEquals(PartWriter.BLOCK_SAMPLES, merged.blockSampleCount(block));
        }
        assertEquals(10_000 - 9 * PartWriter.BLOCK_SAMPLES, merged.blockSampleCount(9));
    }

    @Test
    void corruptInputFailsTheMergeWithoutOutput() throws IOException {
        Content c = new Content();
        for (int i = 0; i < 100; i++) {
            c.add(1, i, i * 1.5);
        }
        PartReader good = part(c);
        Path damagedPath = dir.resolve("damaged.part");
        byte[] bytes = Files.readAllBytes(good.path());
        bytes[(int) good.blockOffset(0) + 3] ^= 0x40;
        Files.write(damagedPath, bytes);
        PartReader damaged = PartReader.open(damagedPath);
        open.add(damaged);
        Path out = dir.resolve("never.part");
        CorruptPartException e = assertThrows(CorruptPartException.class,
                () -> PartMerger.merge(List.of(damaged), out, MergeOptions.keepAll()));
        assertEquals(damagedPath, e.file());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("never.part.tmp")));
    }
}
