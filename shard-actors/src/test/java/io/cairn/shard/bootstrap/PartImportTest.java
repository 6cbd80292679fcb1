package io.cairn.shard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaManifest;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.engine.Days;
import io.cairn.storage.engine.FlushTicket;
import io.cairn.storage.engine.ImportTicket;
import io.cairn.storage.engine.MergeTicket;
import io.cairn.storage.engine.PartsSnapshot;
import io.cairn.storage.engine.ShardStore;
import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;
import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's side of a peer bootstrap without actors: a snapshot keeps parts alive through a
 * merge, copied parts are adopted under names that sort before the replica's own parts (so the
 * replica's newer rows win, also after a reopen), and series arrive through pages.
 */
class PartImportTest {
    private static final Tenant T = new Tenant(4, 1);
    private static final long T0 = 20_000 * Days.DAY_MS + 3_600_000;
    private static final Labels UP = Labels.of("__name__", "up", "job", "a");
    private static final Labels LOAD = Labels.of("__name__", "load", "job", "b", "x", "é");

    @TempDir
    Path dir;
    private GroupCommitter committer;
    private final StoreOptions options = new StoreOptions(30 * Days.DAY_MS, 0, 1_000_000);

    @BeforeEach
    void setUp() {
        committer = new GroupCommitter(FsyncMode.BATCH);
    }

    @AfterEach
    void tearDown() {
        committer.close();
    }

    private ShardStore open(String name, ReplicaManifest manifest) throws IOException {
        return ShardStore.open(dir.resolve(name), options, committer, manifest,
                () -> T0 + 86_400_000);
    }

    private static void append(ShardStore store, Labels labels, long from, int n, double base)
            throws Exception {
        RowBlockWriter w = new RowBlockWriter().reset(T);
        int s = w.addSeries(labels);
        for (int i = 0; i < n; i++) {
            w.addRow(s, from + i * 15_000L, base + i);
        }
        store.append(w.toBytes()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ReplicaManifest flush(ShardStore store, ReplicaManifest manifest)
            throws Exception {
        FlushTicket t = store.freezeHead();
        List<PartRef> parts = store.writeParts(t);
        long pos = t.walPosition().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (PartRef p : parts) {
            manifest = manifest.apply(new ManifestEvent.PartAdded(p));
        }
        manifest = manifest.apply(new ManifestEvent.WalCheckpointed(pos));
        store.commitFlush(t, parts, pos);
        return manifest;
    }

    private static SeriesData read(ShardStore store, Labels labels) {
        List<SeriesData> found = store.reader().select(T, List.of(LabelMatcher.eq("__name__",
                labels.metricName())), 0, Long.MAX_VALUE / 2, 10);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Copies every part of the snapshot into {@code target} as the runner does. */
    private ReplicaManifest importAll(PartsSnapshot snapshot, ShardStore target,
            ReplicaManifest manifest) throws IOException {
        for (PartRef part : snapshot.parts()) {
            Path copy = dir.resolve("copy-" + part.fileName());
            Files.copy(snapshot.file(part.fileName()), copy);
            CopyIo.verifyCopy(copy, part, CopyIo.crc32c(snapshot.file(part.fileName())));
            int from = 0;
            do {
                CopySource.SeriesPage page = SeriesPages.read(snapshot, part.fileName(), from, 1);
                OwnerRequest.SeriesRegistered r = SeriesPages.register(page, part.day(), target);
                assertNull(r.error());
                assertEquals(0, r.differentIds());
                from = page.nextSeries();
            } while (from >= 0);
            ImportTicket ticket = target.prepareImport(part);
            PartRef adopted = ShardStore.writeImport(ticket, copy);
            manifest = manifest.apply(new ManifestEvent.PartAdded(adopted));
            target.commitImport(ticket);
            assertFalse(Files.exists(copy), "the copy was moved into parts/");
        }
        return manifest;
    }

    private static long sequence(String partName) {
        return Long.parseLong(partName.split("-")[1]);
    }

    @Test
    void adoptedPartsSortBeforeOwnPartsAndNewerRowsWin() throws Exception {
        ReplicaManifest sourceManifest = ReplicaManifest.EMPTY;
        ReplicaManifest targetManifest = ReplicaManifest.EMPTY;
        try (ShardStore source = open("source", sourceManifest);
                ShardStore target = open("target", targetManifest)) {
            append(source, UP, T0, 100, 0);
            append(source, LOAD, T0, 50, 1000);
            sourceManifest = flush(source, sourceManifest);
            append(source, UP, T0 + 100 * 15_000L, 20, 100);
            sourceManifest = flush(source, sourceManifest);
            // The target received a rewrite of the first sample of "up" after it was created.
            append(target, UP, T0, 1, -1);
            targetManifest = flush(target, targetManifest);
            String own = target.partRefs().get(0).fileName();
            assertTrue(sequence(own) >= 1_000_000_000L, own);

            try (PartsSnapshot snapshot = source.retainParts()) {
                targetManifest = importAll(snapshot, target, targetManifest);
            }
            List<PartRef> parts = target.partRefs();
            assertEquals(3, parts.size());
            assertEquals(own, parts.get(2).fileName(), "the own part is read last: " + parts);
            assertTrue(sequence(parts.get(0).fileName()) < sequence(parts.get(1).fileName()));

            SeriesData up = read(target, UP);
            assertEquals(120, up.count());
            assertEquals(-1, up.values()[0], "the target's own newer row wins");
            assertArrayEquals(java.util.Arrays.copyOfRange(read(source, UP).values(), 1, 120),
                    java.util.Arrays.copyOfRange(up.values(), 1, 120));
            assertEquals(LOAD, read(target, LOAD).labels());
            assertEquals(50, read(target, LOAD).count());
        }
        try (ShardStore target = open("target", targetManifest)) {
            assertEquals(3, target.partCount(), "the manifest lists the adopted parts");
            assertEquals(-1, read(target, UP).values()[0], "name order keeps the read order");
            append(target, UP, T0 + 1_000_000_000L, 1, 7);
            targetManifest = flush(target, targetManifest);
            List<PartRef> parts = target.partRefs();
            long newest = sequence(parts.get(parts.size() - 1).fileName());
            for (PartRef p : parts.subList(0, parts.size() - 1)) {
                assertTrue(sequence(p.fileName()) < newest, parts.toString());
            }
            ImportTicket more = target.prepareImport(parts.get(0));
            assertTrue(sequence(more.ref().fileName()) < 1_000_000_000L);
            assertFalse(new HashSet<>(parts.stream().map(PartRef::fileName).toList())
                    .contains(more.ref().fileName()), "import names never repeat");
        }
    }

    @Test
    void snapshotKeepsMergedAwayPartsUntilClosed() throws Exception {
        ReplicaManifest manifest = ReplicaManifest.EMPTY;
        try (ShardStore source = open("source", manifest)) {
            for (int i = 0; i < 4; i++) {
                append(source, UP, T0 + i * 1_000_000L, 10, i * 10);
                manifest = flush(source, manifest);
            }
            PartsSnapshot snapshot = source.retainParts();
            MergeTicket merge = source.planMerge();
            assertNotNull(merge, "four small parts of a day are worth merging");
            PartRef merged = source.writeMerge(merge);
            source.commitMerge(merge, merged);
            for (PartRef p : merge.inputs()) {
                assertTrue(Files.exists(snapshot.file(p.fileName())),
                        "a retained part outlives its merge: " + p.fileName());
            }
            snapshot.close();
            for (PartRef p : merge.inputs()) {
                assertFalse(Files.exists(source.partFile(p.fileName())),
                        "released, the merged-away part is deleted: " + p.fileName());
            }
            assertThrows(IllegalStateException.class, () -> snapshot.file(
                    merge.inputs().get(0).fileName()));
        }
    }

    @Test
    void damagedCopyIsRejectedNamingTheFile() throws Exception {
        try (ShardStore source = open("source", ReplicaManifest.EMPTY)) {
            append(source, UP, T0, 100, 0);
            flush(source, ReplicaManifest.EMPTY);
            try (PartsSnapshot snapshot = source.retainParts()) {
                PartRef part = snapshot.parts().get(0);
                Path original = snapshot.file(part.fileName());
                int crc = CopyIo.crc32c(original);
                byte[] bytes = Files.readAllBytes(original);
                bytes[bytes.length - 3] ^= 1; // in the footer
                Path copy = dir.resolve("damaged.copy");
                Files.write(copy, bytes);
                IOException e = assertThrows(IOException.class,
                        () -> CopyIo.verifyCopy(copy, part, crc));
                assertTrue(e.getMessage().contains("damaged.copy"), e.getMessage());
                assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
                // The right checksum of wrong bytes: the part's own validation catches it.
                IOException invalid = assertThrows(IOException.class,
                        () -> CopyIo.verifyCopy(copy, part, CopyIo.crc32c(copy)));
                assertTrue(invalid.getMessage().contains("not a valid part"),
                        invalid.getMessage());
            }
        }
    }
}
