package io.cairn.storage.wal;

import static io.cairn.storage.wal.WalTestSupport.await;
import static io.cairn.storage.wal.WalTestSupport.payload;
import static io.cairn.storage.wal.WalTestSupport.replayAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.wal.WalTestSupport.Replayed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaWalTest {
    @TempDir
    Path tmp;

    private final GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);

    @AfterEach
    void stop() {
        committer.close();
    }

    @Test
    void appendedRecordsReplayWithTheirPositionsAfterReopen() throws IOException {
        Path dir = tmp.resolve("wal");
        Random random = new Random(3);
        List<byte[]> payloads = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        try (ReplicaWal wal = ReplicaWal.open(dir, committer)) {
            assertEquals(0, wal.lastPosition());
            for (int i = 0; i < 200; i++) {
                byte[] p = payload(i, random.nextInt(i % 10 == 0 ? 5000 : 100));
                payloads.add(p);
                positions.add(await(wal.append(p)));
            }
            assertEquals(positions.get(positions.size() - 1), wal.lastPosition());
            assertEquals(wal.lastPosition(), wal.durablePosition());
            assertReplay(payloads, positions, replayAll(wal, 0));
        }
        long expectedNext = positions.get(positions.size() - 1);
        try (ReplicaWal wal = ReplicaWal.open(dir, committer)) {
            assertEquals(expectedNext, wal.lastPosition());
            assertReplay(payloads, positions, replayAll(wal, 0));
            long next = await(wal.append(new byte[] {1}));
            assertEquals(expectedNext + WalRecordDescriptor.HEADER_LENGTH + 1, next);
        }
    }

    @Test
    void positionIsTheEndOfTheRecord() throws IOException {
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer)) {
            long first = await(wal.append(new byte[10]));
            long second = await(wal.append(new byte[0]));
            assertEquals(WalSegmentDescriptor.HEADER_LENGTH + WalRecordDescriptor.HEADER_LENGTH + 10,
                    first);
            assertEquals(first + WalRecordDescriptor.HEADER_LENGTH, second);
            assertEquals(second, Files.size(tmp.resolve(WalSegmentDescriptor.fileName(0))));
        }
    }

    @Test
    void replayAfterAPositionStartsWithTheNextRecord() throws IOException {
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer, 512)) {
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                positions.add(await(wal.append(payload(i, 40))));
            }
            for (int k = 0; k < positions.size(); k++) {
                List<Replayed> replayed = replayAll(wal, positions.get(k));
                assertEquals(positions.size() - k - 1, replayed.size(), "after record " + k);
                if (!replayed.isEmpty()) {
                    assertEquals(positions.get(k + 1), replayed.get(0).position());
                    assertArrayEquals(payload(k + 1, 40), replayed.get(0).payload());
                }
            }
            ReplayResult all = wal.replay(0, (p, b, o, l) -> { });
            assertEquals(new ReplayResult(50, positions.get(49), 0), all);
        }
    }

    @Test
    void segmentsRollBeforeExceedingTheirMaximumAndAreNamedByBasePosition() throws IOException {
        long max = 1024;
        List<byte[]> payloads = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer, max)) {
            for (int i = 0; i < 100; i++) {
                byte[] p = payload(i, 100 + i % 50);
                payloads.add(p);
                positions.add(await(wal.append(p)));
            }
            long[] bases = wal.segmentBasePositions();
            assertTrue(bases.length > 10, "only " + bases.length + " segments");
            for (int i = 0; i < bases.length; i++) {
                Path file = tmp.resolve(WalSegmentDescriptor.fileName(bases[i]));
                long size = Files.size(file);
                assertTrue(size <= max, file + " has " + size + " bytes");
                if (i + 1 < bases.length) {
                    assertEquals(bases[i] + size, bases[i + 1], "next base is this segment's end");
                }
            }
            assertReplay(payloads, positions, replayAll(wal, 0));
        }
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer, max)) {
            assertReplay(payloads, positions, replayAll(wal, 0));
            assertTrue(await(wal.append(new byte[1])) > positions.get(positions.size() - 1));
        }
    }

    @Test
    void aRecordAsLargeAsTheLimitFillsOneSegment() throws IOException {
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer, 256)) {
            await(wal.append(new byte[3]));
            long position = await(wal.append(new byte[wal.maxPayloadLength()]));
            long[] bases = wal.segmentBasePositions();
            assertEquals(2, bases.length);
            assertEquals(bases[1] + 256, position);
            assertThrows(IllegalArgumentException.class,
                    () -> wal.append(new byte[wal.maxPayloadLength() + 1]));
        }
    }

    @Test
    void truncateBeforeDeletesOnlyWholeSegmentsAtOrBelowThePosition() throws IOException {
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer, 512)) {
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                positions.add(await(wal.append(payload(i, 100))));
            }
            long[] bases = wal.segmentBasePositions();
            assertTrue(bases.length >= 4);
            // A position inside segment 2 frees segments 0 and 1 only.
            long inThird = bases[2] + 1;
            assertEquals(0, wal.truncateBefore(bases[1] - 1));
            assertEquals(2, wal.truncateBefore(inThird));
            assertEquals(bases.length - 2, wal.segmentBasePositions().length);
            assertTrue(Files.notExists(tmp.resolve(WalSegmentDescriptor.fileName(bases[0]))));
            assertTrue(Files.notExists(tmp.resolve(WalSegmentDescriptor.fileName(bases[1]))));
            // Replay after a checkpoint in the surviving range still sees everything after it.
            int k = 30;
            assertEquals(39 - k, replayAll(wal, positions.get(k)).size());
            // The active segment survives any position.
            wal.truncateBefore(Long.MAX_VALUE);
            assertEquals(1, wal.segmentBasePositions().length);
            assertEquals(1, replayAll(wal, positions.get(38)).size());
        }
    }

    @Test
    void appendOfABufferSliceCopiesIt() throws IOException {
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer)) {
            byte[] bytes = {9, 8, 7, 6, 5};
            UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            var stage = wal.append(buffer, 1, 3);
            bytes[2] = 0;
            await(stage);
            assertArrayEquals(new byte[] {8, 7, 6}, replayAll(wal, 0).get(0).payload());
        }
    }

    @Test
    void aDirectoryIsOpenedOnceAndAppendsAfterCloseFail() throws IOException {
        ReplicaWal wal = ReplicaWal.open(tmp, committer);
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> ReplicaWal.open(tmp, committer));
        assertTrue(twice.getMessage().contains("already open"), twice.getMessage());
        wal.close();
        wal.close(); // idempotent
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> wal.append(new byte[1]).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IOException, e.toString());
        assertThrows(IllegalStateException.class, () -> wal.replay(0, (p, b, o, l) -> { }));
        ReplicaWal.open(tmp, committer).close(); // released
    }

    @Test
    void rejectsSegmentSizesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> ReplicaWal.open(tmp, committer, 10));
        assertThrows(IllegalArgumentException.class,
                () -> ReplicaWal.open(tmp, committer, 1L << 32));
    }

    static void assertReplay(List<byte[]> payloads, List<Long> positions, List<Replayed> replayed) {
        assertEquals(payloads.size(), replayed.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertEquals(positions.get(i), replayed.get(i).position(), "position of record " + i);
            assertArrayEquals(payloads.get(i), replayed.get(i).payload(), "payload of record " + i);
        }
    }
}
