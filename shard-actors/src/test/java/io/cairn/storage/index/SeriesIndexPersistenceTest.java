package io.cairn.storage.index;

import static io.cairn.storage.index.IndexFixtures.DAY;
import static io.cairn.storage.index.IndexFixtures.DAY0;
import static io.cairn.storage.index.IndexFixtures.T0;
import static io.cairn.storage.index.IndexFixtures.T1;
import static io.cairn.storage.index.IndexFixtures.T2;
import static io.cairn.storage.index.IndexFixtures.eq;
import static io.cairn.storage.index.IndexFixtures.re;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart, crash and corruption behaviour, deletion and retention. */
class SeriesIndexPersistenceTest {
    @TempDir
    Path dir;

    private static final List<List<LabelMatcher>> PROBES = List.of(
            List.of(re("__name__", ".+")),
            List.of(eq("job", "node")),
            List.of(re("cpu", "1|2|3"), eq("mode", "idle")),
            List.of(eq("env", "staging")),
            List.of(re("instance", "host-1.*")));

    /** Everything a reader can see, as text, to compare two index instances. */
    private static String snapshotOf(SeriesIndex idx) {
        StringBuilder sb = new StringBuilder();
        sb.append(idx.seriesCount()).append(' ').append(idx.tenants()).append('\n');
        for (Tenant t : idx.tenants()) {
            for (List<LabelMatcher> ms : PROBES) {
                for (long[] range : new long[][] {{T0, T0 + DAY - 1}, {T0 + DAY, T0 + 3 * DAY},
                        {0, Long.MAX_VALUE}}) {
                    long[] ids = idx.select(t, ms, range[0], range[1], 1_000_000);
                    sb.append(t).append(ms).append(range[0]).append(':').append(ids.length);
                    for (long id : ids) {
                        sb.append(' ').append(Long.toHexString(id)).append(idx.labels(id));
                    }
                    sb.append('\n');
                }
            }
            sb.append(idx.labelNames(t, List.of(), T0, T0 + DAY, 0)).append('\n');
            sb.append(idx.labelValues(t, "instance", List.of(), T0 + DAY, T0 + 2 * DAY, 0));
            sb.append(idx.status(t, 0, Long.MAX_VALUE, 5)).append('\n');
        }
        return sb.toString();
    }

    private static void workload(SeriesIndex idx, Random rnd, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Tenant t = rnd.nextInt(4) == 0 ? T2 : T1;
            int day = rnd.nextInt(3);
            idx.resolve(t, IndexFixtures.nodeSeries(rnd.nextInt(30), rnd.nextInt(8),
                    rnd.nextInt(20)), T0 + day * DAY + rnd.nextInt(1000));
        }
    }

    @Test
    void reopenGivesSameAnswers() throws Exception {
        String before;
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            workload(idx, new Random(1), 3000);
            idx.deleteSeries(T1, List.of(eq("env", "staging")));
            workload(idx, new Random(2), 500);
            before = snapshotOf(idx);
        }
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertTrue(idx.openReport().damage().isEmpty(), idx.openReport().toString());
            assertFalse(idx.openReport().corrupted());
            assertEquals(before, snapshotOf(idx));
        }
    }

    @Test
    void resolveIsIdempotentAndStableAcrossRestarts() throws Exception {
        Labels l = IndexFixtures.nodeSeries(1, 2, 3);
        long id;
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            id = idx.resolve(T1, l, T0);
            assertEquals(id, idx.resolve(T1, l, T0 + 5));
            assertEquals(1, idx.seriesCount());
            assertEquals(id, io.cairn.storage.hash.SeriesIds.of(T1, l));
        }
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertEquals(l, idx.labels(id));
            assertEquals(T1, idx.tenantOf(id));
            assertEquals(id, idx.resolve(T1, l, T0));
            assertEquals(1, idx.seriesCount());
        }
    }

    @Test
    void unsyncedRecordsAreRecoveredByReResolving() throws Exception {
        // Simulates a crash: the second series is only staged, never synced, and the process
        // dies without close(). The store replays its WAL and resolves the row again.
        Labels a = Labels.of("__name__", "a");
        Labels b = Labels.of("__name__", "b");
        SeriesIndex crashed = SeriesIndex.open(dir);
        long idA = crashed.resolve(T1, a, T0);
        crashed.sync();
        long idB = crashed.resolve(T1, b, T0);
        // no sync, no close: the staged record never reaches the file
        try (SeriesIndex idx = SeriesIndex.open(dir.resolve("..").resolve(dir.getFileName()))) {
            assertEquals(a, idx.labels(idA));
            assertNull(idx.labels(idB));
            assertEquals(idB, idx.resolve(T1, b, T0)); // WAL replay re-registers it
            assertEquals(b, idx.labels(idB));
        }
    }

    @Test
    void tornTailIsCutWithAReport() throws Exception {
        long keep;
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            keep = idx.resolve(T1, Labels.of("__name__", "kept"), T0);
        }
        Path segment = onlySegment();
        long validLength = Files.size(segment);
        // A record frame claiming 100 bytes of body, of which only 5 made it to disk.
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(validLength);
            f.write(new byte[] {100, 0, 0, 0, 1, 2, 3, 4, 1, 9, 9, 9, 9});
        }
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            IndexOpenReport r = idx.openReport();
            assertEquals(1, r.damage().size());
            LogDamage d = r.damage().get(0);
            assertTrue(d.tornTail());
            assertEquals(segment, d.file());
            assertEquals(validLength, d.offset());
            assertFalse(r.corrupted());
            assertEquals(Labels.of("__name__", "kept"), idx.labels(keep));
            idx.resolve(T1, Labels.of("__name__", "after"), T0);
        }
        int created = IndexLogDescriptor.FRAME_LENGTH + IndexLogDescriptor.createdBodyLength(
                Labels.of("__name__", "after").canonicalBytes().length);
        int day = IndexLogDescriptor.FRAME_LENGTH
                + IndexLogDescriptor.fixedBodyLength(IndexLogDescriptor.SERIES_ACTIVE_ON_DAY);
        assertEquals(validLength + created + day, Files.size(segment),
                "the torn bytes were cut and the new records appended in their place");
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertTrue(idx.openReport().damage().isEmpty());
            assertEquals(2, idx.seriesCount());
        }
    }

    @Test
    void checksumMismatchInLastRecordIsATornTail() throws Exception {
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            idx.resolve(T1, Labels.of("__name__", "a"), T0);
            idx.resolve(T1, Labels.of("__name__", "b"), T0);
        }
        Path segment = onlySegment();
        flipByte(segment, Files.size(segment) - 2); // inside the last record's body
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertTrue(idx.openReport().damage().get(0).tornTail());
            // The last record was b's day; b itself survives, without a day.
            assertEquals(2, idx.seriesCount());
            assertEquals(1, idx.select(T1, List.of(re("__name__", ".+")), T0, T0, 10).length);
        }
    }

    @Test
    void corruptionIsReportedWithFileAndOffsetAndSkipped() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (SeriesIndex idx = SeriesIndex.open(dir,
                SeriesIndexOptions.DEFAULTS.withSegmentBytes(4096))) {
            for (int i = 0; i < 200; i++) {
                ids.add(idx.resolve(T1, Labels.of("__name__", "m", "i", Integer.toString(i)), T0));
            }
        }
        List<Path> segments = segments();
        assertTrue(segments.size() >= 3, "want several segments, got " + segments);
        Path victim = segments.get(1);
        long offset = IndexLogDescriptor.HEADER_LENGTH + 8 + 2; // inside the first record body
        flipByte(victim, offset);
        for (int attempt = 0; attempt < 2; attempt++) { // reopening never turns into a crash loop
            try (SeriesIndex idx = SeriesIndex.open(dir,
                    SeriesIndexOptions.DEFAULTS.withSegmentBytes(4096))) {
                IndexOpenReport r = idx.openReport();
                assertTrue(r.corrupted());
                LogDamage d = r.damage().stream().filter(x -> !x.tornTail()).findFirst().get();
                assertEquals(victim, d.file());
                assertEquals(IndexLogDescriptor.HEADER_LENGTH, d.offset());
                assertTrue(d.toString().contains(victim.toString()) && d.toString()
                        .contains("offset " + IndexLogDescriptor.HEADER_LENGTH), d.toString());
                // Series of the first and last segments survive, those of the victim are gone.
                assertEquals(Labels.of("__name__", "m", "i", "0"), idx.labels(ids.get(0)));
                assertEquals(Labels.of("__name__", "m", "i", "199"), idx.labels(ids.get(199)));
                assertTrue(idx.seriesCount() < 200);
                assertTrue(r.orphanRecords() >= 0);
            }
        }
    }

    @Test
    void unknownVersionIsRefused() throws Exception {
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            idx.resolve(T1, Labels.of("__name__", "a"), T0);
        }
        Path segment = onlySegment();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[IndexLogDescriptor.HEADER_VERSION_OFFSET] = 9;
        org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(bytes);
        b.putInt(IndexLogDescriptor.HEADER_CRC_OFFSET, IndexLogDescriptor.crc32c(
                new java.util.zip.CRC32C(), b, 0, IndexLogDescriptor.HEADER_CRC_OFFSET),
                IndexLogDescriptor.ORDER);
        Files.write(segment, bytes);
        IOException e = assertThrows(IOException.class, () -> SeriesIndex.open(dir));
        assertTrue(e.getMessage().contains("version 9") && e.getMessage().contains(
                segment.toString()), e.getMessage());
    }

    @Test
    void deleteSeriesIsPersistedUntilRecreated() throws Exception {
        Labels a = Labels.of("__name__", "up", "job", "a");
        Labels b = Labels.of("__name__", "up", "job", "b");
        long idA;
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            idA = idx.resolve(T1, a, T0);
            idx.resolve(T1, b, T0);
            idx.resolve(T2, a, T0);
            assertEquals(1, idx.deleteSeries(T1, List.of(eq("job", "a"))));
            assertEquals(0, idx.deleteSeries(T1, List.of(eq("job", "a"))));
            assertNull(idx.labels(idA));
            assertEquals(1, idx.select(T1, List.of(eq("__name__", "up")), T0, T0, 10).length);
            assertEquals(1, idx.select(T2, List.of(eq("__name__", "up")), T0, T0, 10).length);
            assertEquals(List.of("b"), idx.labelValues(T1, "job", List.of(), T0, T0, 0));
            assertThrows(IllegalArgumentException.class, () -> idx.deleteSeries(T1, List.of()));
        }
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertNull(idx.labels(idA));
            assertEquals(2, idx.seriesCount());
            assertEquals(idA, idx.resolve(T1, a, T0 + DAY)); // a new write re-creates it
            assertArrayEquals(new long[] {idA},
                    idx.select(T1, List.of(eq("job", "a")), T0 + DAY, T0 + DAY, 10));
            // It was re-created on the new day only.
            assertEquals(0, idx.select(T1, List.of(eq("job", "a")), T0, T0, 10).length);
        }
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertEquals(a, idx.labels(idA));
        }
    }

    @Test
    void dropDaysBeforeExpiresSeriesAndDays() throws Exception {
        Labels old = Labels.of("__name__", "old");
        Labels both = Labels.of("__name__", "both");
        Labels fresh = Labels.of("__name__", "fresh");
        long idOld;
        long idBoth;
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            idOld = idx.resolve(T1, old, T0);
            idBoth = idx.resolve(T1, both, T0);
            idx.resolve(T1, both, T0 + DAY);
            idx.resolve(T1, fresh, T0 + 2 * DAY);
            idx.dropDaysBefore(DAY0 + 1);
            assertNull(idx.labels(idOld));
            assertEquals(2, idx.seriesCount());
            assertEquals(0, idx.select(T1, List.of(re("__name__", ".+")), T0, T0 + 10, 10).length);
            assertArrayEquals(new long[] {idBoth}, idx.select(T1, List.of(re("__name__", ".+")),
                    T0 + DAY, T0 + DAY + 10, 10));
            assertEquals(List.of("both", "fresh"),
                    idx.labelValues(T1, "__name__", List.of(), 0, Long.MAX_VALUE, 0));
        }
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertNull(idx.labels(idOld));
            assertEquals(2, idx.seriesCount());
            assertEquals(List.of("both", "fresh"),
                    idx.labelValues(T1, "__name__", List.of(), 0, Long.MAX_VALUE, 0));
        }
    }

    @Test
    void compactionRewritesTheLogAndKeepsAnswers() throws Exception {
        SeriesIndexOptions opts = SeriesIndexOptions.DEFAULTS.withSegmentBytes(8192)
                .withCompaction(1.5, 100);
        String before;
        try (SeriesIndex idx = SeriesIndex.open(dir, opts)) {
            workload(idx, new Random(5), 2000);
            int segmentsBefore = segments().size();
            assertTrue(segmentsBefore > 3);
            idx.deleteSeries(T1, List.of(re("cluster", "cluster-[012]")));
            assertTrue(segments().size() < segmentsBefore, "compaction after a big delete");
            workload(idx, new Random(6), 200);
            before = snapshotOf(idx);
        }
        try (SeriesIndex idx = SeriesIndex.open(dir, opts)) {
            assertTrue(idx.openReport().damage().isEmpty());
            assertEquals(before, snapshotOf(idx));
            idx.compact();
            assertEquals(before, snapshotOf(idx));
        }
        try (SeriesIndex idx = SeriesIndex.open(dir, opts)) {
            assertEquals(before, snapshotOf(idx));
        }
    }

    @Test
    void unfinishedSnapshotIsIgnored() throws Exception {
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            idx.resolve(T1, Labels.of("__name__", "a"), T0);
        }
        Path tmp = dir.resolve("index").resolve(IndexLogDescriptor.segmentFileName(5) + ".tmp");
        Files.write(tmp, new byte[] {1, 2, 3});
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertEquals(1, idx.seriesCount());
            assertFalse(Files.exists(tmp));
        }
    }

    @Test
    void closedIndexRefusesCalls() throws Exception {
        SeriesIndex idx = SeriesIndex.open(dir);
        idx.close();
        idx.close();
        assertThrows(IllegalStateException.class, () -> idx.resolve(T1, Labels.of("a", "b"), T0));
        assertThrows(IllegalStateException.class, () -> idx.labels(1));
    }

    private Path onlySegment() throws IOException {
        List<Path> s = segments();
        assertEquals(1, s.size(), s.toString());
        return s.get(0);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            return files.filter(p -> p.toString().endsWith(".idx")).sorted().toList();
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5A);
        }
    }
}
