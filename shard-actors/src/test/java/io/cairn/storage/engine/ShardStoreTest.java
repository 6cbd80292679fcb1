package io.cairn.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaManifest;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.memory.NativeMemory;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;
import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's contract with its owner: what the manifest lists is what is served after a
 * reopen, rows survive every crash point through the WAL, merges and retention keep answers
 * exact.
 */
class ShardStoreTest {
    private static final Tenant T = new Tenant(1, 2);
    private static final long DAY = Days.DAY_MS;
    private static final long T0 = 20_000 * DAY + 3_600_000;

    @TempDir
    Path dir;
    private GroupCommitter committer;
    private final AtomicLong now = new AtomicLong(T0 + 600_000);
    private final StoreOptions options = new StoreOptions(30 * DAY, 0, 1_000_000);

    @BeforeEach
    void setUp() {
        committer = new GroupCommitter(FsyncMode.BATCH);
    }

    @AfterEach
    void tearDown() {
        committer.close();
    }

    private ShardStore open(ReplicaManifest manifest) throws IOException {
        return ShardStore.open(dir, options, committer, manifest, now::get);
    }

    private static byte[] block(Tenant tenant, Labels labels, long from, int n, double base) {
        RowBlockWriter w = new RowBlockWriter().reset(tenant);
        int s = w.addSeries(labels);
        for (int i = 0; i < n; i++) {
            w.addRow(s, from + i * 15_000L, base + i);
        }
        return w.toBytes();
    }

    private static void append(ShardStore store, byte[] block) throws Exception {
        store.append(block).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<SeriesData> all(ShardStore store, Tenant tenant) {
        return store.reader().select(tenant, List.of(LabelMatcher.of(LabelMatcher.Type.RE,
                "__name__", ".+")), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 1000);
    }

    private static double[] values(SeriesData s) {
        return java.util.Arrays.copyOf(s.values(), s.count());
    }

    /** Flush as the actor does: freeze, write, record in the manifest, commit. */
    private static ReplicaManifest flush(ShardStore store, ReplicaManifest manifest)
            throws Exception {
        FlushTicket t = store.freezeHead();
        assertNotNull(t);
        List<PartRef> parts = store.writeParts(t);
        long pos = t.walPosition().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (PartRef p : parts) {
            manifest = manifest.apply(new ManifestEvent.PartAdded(p));
        }
        manifest = manifest.apply(new ManifestEvent.WalCheckpointed(pos));
        store.commitFlush(t, parts, pos);
        return manifest;
    }

    /**
     * The WAL keeps a series' labels once per epoch: a record after the checkpoint names it by
     * id only while its labels sit in a record at or below the checkpoint. A replay must still
     * restore every row with nothing but the WAL, even when the index lost the series; rows of
     * an id-only series that nothing resolves are skipped, not misattributed.
     */
    @Test
    void walRecordsNameKnownSeriesByIdAndReplayNeedsOnlyTheWal() throws Exception {
        Labels up = Labels.of("__name__", "up", "job", "a");
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        try (ShardStore store = open(manifest)) {
            append(store, block(T, up, T0, 2, 1.0)); // A: labels
            FlushTicket t = store.freezeHead();
            append(store, block(T, up, T0 + 30_000, 2, 3.0)); // B: after the freeze, id only
            List<PartRef> parts = store.writeParts(t);
            long pos = t.walPosition().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (PartRef p : parts) {
                manifest = manifest.apply(new ManifestEvent.PartAdded(p));
            }
            manifest = manifest.apply(new ManifestEvent.WalCheckpointed(pos));
            store.commitFlush(t, parts, pos);
            assertArrayEquals(new double[] {1, 2, 3, 4}, values(all(store, T).get(0)));
        }
        // What the WAL holds: A with labels, B without (version 3, the replica WAL form).
        List<Boolean> labelled = new ArrayList<>();
        try (io.cairn.storage.wal.ReplicaWal wal =
                io.cairn.storage.wal.ReplicaWal.open(dir.resolve("wal"), committer)) {
            wal.replay(0, (position, buffer, offset, length) -> {
                io.cairn.storage.rows.RowBlockReader r =
                        new io.cairn.storage.rows.RowBlockReader().wrap(buffer, offset, length);
                assertEquals(io.cairn.storage.rows.RowBlockDescriptor.VERSION_WAL, r.version());
                labelled.add(r.hasLabels(0));
            });
            // A series nobody ever labelled: its rows cannot be placed and must not be.
            Labels ghost = Labels.of("__name__", "ghost");
            byte[] v2 = block(T, ghost, T0, 1, 9.0);
            io.cairn.storage.rows.RowBlockReader src = new io.cairn.storage.rows.RowBlockReader()
                    .wrap(new org.agrona.concurrent.UnsafeBuffer(v2), 0, v2.length);
            wal.append(new io.cairn.storage.rows.RowBlockCompactor().compact(src, s -> false))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(true, false), labelled);

        // The index loses everything; the WAL alone restores the series and B's rows.
        deleteTree(dir.resolve("index"));
        try (ShardStore store = open(manifest)) {
            List<SeriesData> got = all(store, T);
            assertEquals(1, got.size());
            assertEquals(up, got.get(0).labels());
            assertArrayEquals(new double[] {1, 2, 3, 4}, values(got.get(0)));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Series are recognised by the id the block carries, but only with their check: a block
     * that names other labels by a known id (a collision, or a wrong sender) is stored under
     * its own labels; known series of v1 blocks (no ids) resolve by labels. All of it replays.
     */
    @Test
    void blocksNamingSeriesByIdNeverMixUpSeries() throws Exception {
        Labels up = Labels.of("__name__", "up", "job", "a");
        Labels other = Labels.of("__name__", "up", "job", "b");
        RowBlockWriter forged = new RowBlockWriter().reset(T);
        int s = forged.addSeries(other, io.cairn.storage.hash.SeriesIds.of(T, up));
        forged.addRow(s, T0 + 15_000, 7.0);
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        for (int pass = 0; pass < 2; pass++) { // live, then replayed from the WAL
            try (ShardStore store = open(manifest)) {
                if (pass == 0) {
                    append(store, block(T, up, T0, 2, 1.0));
                    append(store, block(T, up, T0 + 30_000, 1, 3.0));
                    append(store, forged.toBytes());
                }
                List<SeriesData> got = all(store, T);
                assertEquals(2, got.size());
                for (SeriesData d : got) {
                    if (d.labels().equals(up)) {
                        assertArrayEquals(new double[] {1.0, 2.0, 3.0}, values(d));
                    } else {
                        assertEquals(other, d.labels());
                        assertArrayEquals(new double[] {7.0}, values(d));
                    }
                }
            }
        }
    }

    /** A flush that covers the whole active WAL segment lets the store delete it when idle. */
    @Test
    void aFullyCheckpointedWalSegmentIsDeletedOnceIdle() throws Exception {
        Path walDir = dir.resolve("wal");
        try (ShardStore store = open(ReplicaManifest.EMPTY)) {
            for (int i = 0; i < 20; i++) { // well above ReplicaWal.ROLL_MIN_BYTES of records
                append(store, block(T, Labels.of("__name__", "m", "i", Integer.toString(i)),
                        T0, 400, i));
            }
            assertTrue(walBytes(walDir) > io.cairn.storage.wal.ReplicaWal.ROLL_MIN_BYTES);
            flush(store, ReplicaManifest.EMPTY);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (walBytes(walDir) > io.cairn.storage.wal.WalSegmentDescriptor.HEADER_LENGTH) {
                assertTrue(System.nanoTime() < deadline, "WAL not truncated: "
                        + walBytes(walDir) + " bytes");
                assertNull(store.freezeHead(), "idle: nothing to flush, old segments go");
                Thread.onSpinWait();
            }
            assertEquals(20, all(store, T).size());
        }
    }

    private static long walBytes(Path walDir) throws IOException {
        try (var files = Files.list(walDir)) {
            long total = 0;
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(
                        io.cairn.storage.wal.WalSegmentDescriptor.SUFFIX)) {
                    total += Files.size(f);
                }
            }
            return total;
        }
    }

    @Test
    void servesHeadThenPartsAndSurvivesReopen() throws Exception {
        Labels up = Labels.of("__name__", "up", "job", "a");
        long offHeapBefore = NativeMemory.outstandingBytes();
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        try (ShardStore store = open(manifest)) {
            append(store, block(T, up, T0, 10, 0));
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                    values(all(store, T).get(0)));
            manifest = flush(store, manifest);
            assertEquals(1, store.partCount());
            append(store, block(T, up, T0 + 150_000, 5, 10));
            assertEquals(15, all(store, T).get(0).count(), "part + head");
            assertTrue(all(store, new Tenant(9, 9)).isEmpty(), "tenants are isolated");
        }
        try (ShardStore store = open(manifest)) {
            SeriesData s = all(store, T).get(0);
            assertEquals(up, s.labels());
            assertEquals(15, s.count(), "unflushed rows replayed from the WAL");
            assertEquals(14.0, s.values()[14]);
        }
        assertEquals(offHeapBefore, NativeMemory.outstandingBytes(), "head memory freed on close");
    }

    @Test
    void crashBetweenWritingPartsAndRecordingThemLosesNothing() throws Exception {
        Labels m = Labels.of("__name__", "m");
        try (ShardStore store = open(ReplicaManifest.EMPTY)) {
            append(store, block(T, m, T0, 20, 100));
            FlushTicket t = store.freezeHead();
            List<PartRef> parts = store.writeParts(t);
            assertFalse(parts.isEmpty());
            // The process dies here: the manifest never heard of the parts.
        }
        try (ShardStore store = open(ReplicaManifest.EMPTY)) {
            try (var files = Files.list(dir.resolve("parts"))) {
                assertEquals(0, files.count(), "unrecorded part files are deleted at open");
            }
            SeriesData s = all(store, T).get(0);
            assertEquals(20, s.count());
            assertEquals(119.0, s.values()[19]);
        }
    }

    @Test
    void walReplayOverlappingPartsGivesEachSampleOnce() throws Exception {
        Labels m = Labels.of("__name__", "m");
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        try (ShardStore store = open(manifest)) {
            append(store, block(T, m, T0, 8, 0));
            FlushTicket t = store.freezeHead();
            List<PartRef> parts = store.writeParts(t);
            for (PartRef p : parts) {
                manifest = manifest.apply(new ManifestEvent.PartAdded(p));
            }
            // Crash after the parts were recorded but before the checkpoint: the WAL replays
            // rows that are also in the part.
        }
        try (ShardStore store = open(manifest)) {
            SeriesData s = all(store, T).get(0);
            assertEquals(8, s.count());
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, values(s));
        }
    }

    @Test
    void mergesKeepEverySampleAndDeleteInputsWhenUnused() throws Exception {
        Labels m = Labels.of("__name__", "m", "i", "1");
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        try (ShardStore store = open(manifest)) {
            for (int k = 0; k < 6; k++) {
                append(store, block(T, m, T0 + k * 100 * 15_000L, 100, k * 100));
                manifest = flush(store, manifest);
            }
            assertEquals(6, store.partCount());
            MergeTicket ticket = store.planMerge();
            assertNotNull(ticket, "six small parts of one day are worth merging");
            PartRef out = store.writeMerge(ticket);
            manifest = manifest.apply(new ManifestEvent.PartsMerged(ticket.inputFileNames(), out));
            store.commitMerge(ticket, out);
            assertTrue(store.partCount() < 6);
            SeriesData s = all(store, T).get(0);
            assertEquals(600, s.count());
            for (int i = 0; i < 600; i++) {
                assertEquals(i, s.values()[i]);
            }
            try (var files = Files.list(dir.resolve("parts"))) {
                assertEquals(store.partCount(), files.count(), "merged inputs deleted");
            }
        }
        try (ShardStore store = open(manifest)) {
            assertEquals(600, all(store, T).get(0).count());
        }
    }

    @Test
    void retentionDropsWholeDaysAndRefusesOldRows() throws Exception {
        Labels m = Labels.of("__name__", "m");
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        try (ShardStore store = open(manifest)) {
            append(store, block(T, m, T0, 4, 0));
            manifest = flush(store, manifest);
            now.addAndGet(40 * DAY);
            long refusedBefore = StorageStats.ROWS_OUTSIDE_RETENTION.sum();
            append(store, block(T, m, T0, 4, 0));
            assertEquals(4, StorageStats.ROWS_OUTSIDE_RETENTION.sum() - refusedBefore);
            List<PartRef> expired = store.expiredParts();
            assertEquals(1, expired.size());
            List<String> names = new ArrayList<>();
            for (PartRef p : expired) {
                names.add(p.fileName());
            }
            store.commitDrop(names);
            assertTrue(all(store, T).isEmpty());
        }
    }

    @Test
    void corruptPartIsReportedAndNotServed() throws Exception {
        Labels a = Labels.of("__name__", "a");
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        String damaged;
        try (ShardStore store = open(manifest)) {
            append(store, block(T, a, T0, 50, 0));
            manifest = flush(store, manifest);
            damaged = manifest.partsByFileName().firstKey();
        }
        Path file = dir.resolve("parts").resolve(damaged);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        try (ShardStore store = open(manifest)) {
            assertEquals(1, store.corruptParts().size());
            assertEquals(damaged, store.corruptParts().get(0).fileName());
            assertEquals(0, store.partCount());
            assertTrue(Files.exists(dir.resolve("corrupt").resolve(damaged)), "moved aside");
            assertNull(all(store, T).stream().findFirst().orElse(null));
        }
    }

    @Test
    void partDamagedWhileServedIsSkippedReportedAndMovedAside() throws Exception {
        Labels a = Labels.of("__name__", "a");
        Labels b = Labels.of("__name__", "b");
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        try (ShardStore store = open(manifest)) {
            append(store, block(T, a, T0, 50, 0));
            manifest = flush(store, manifest);
            append(store, block(T, b, T0, 5, 0));
            String name = manifest.partsByFileName().firstKey();
            Path file = dir.resolve("parts").resolve(name);
            // Bit rot under a mapped part: flip a byte of the first block's payload.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
                ch.read(one, 20);
                one.put(0, (byte) (one.get(0) ^ 0x01));
                one.rewind();
                ch.write(one, 20);
            }
            List<SeriesData> got = all(store, T);
            assertEquals(1, got.size(), "the damaged part is left out, the head still served");
            assertEquals(b, got.get(0).labels());
            List<ShardStore.CorruptPart> damaged = store.takeDamagedParts();
            assertEquals(1, damaged.size());
            assertEquals(name, damaged.get(0).fileName());
            assertTrue(store.takeDamagedParts().isEmpty(), "reported once");
            store.commitDrop(List.of(name));
            assertEquals(0, store.partCount());
            assertTrue(Files.exists(dir.resolve("corrupt").resolve(name)), "moved aside");
        }
    }
}
