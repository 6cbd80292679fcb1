package io.cairn.storage.wal;

import static io.cairn.storage.wal.WalTestSupport.await;
import static io.cairn.storage.wal.WalTestSupport.payload;
import static io.cairn.storage.wal.WalTestSupport.replayAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReplicaWal#rollIfCoveredBy}: a fully checkpointed active segment can be deleted. */
class WalRollTest {
    /** Big enough that one record passes the roll threshold. */
    private static final int BIG = (int) ReplicaWal.ROLL_MIN_BYTES;

    @TempDir
    Path dir;

    private final GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);

    @AfterEach
    void stop() {
        committer.close();
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(WalSegmentDescriptor.SUFFIX)).count();
        }
    }

    @Test
    void aCoveredActiveSegmentRollsAndIsThenTruncated() throws IOException {
        try (ReplicaWal wal = ReplicaWal.open(dir, committer)) {
            await(wal.append(payload(1, 100)));
            long checkpoint = await(wal.append(payload(2, BIG)));
            assertEquals(1, segmentFiles());
            assertEquals(0, wal.truncateBefore(checkpoint), "the active segment is never deleted");

            long base = await(wal.rollIfCoveredBy(checkpoint));
            assertEquals(checkpoint, base, "the new segment starts where the old one ended");
            assertArrayEquals(new long[] {0, checkpoint}, wal.segmentBasePositions());
            assertEquals(1, wal.truncateBefore(checkpoint));
            assertEquals(1, segmentFiles());
            assertArrayEquals(new long[] {checkpoint}, wal.segmentBasePositions());

            // Positions continue, and what follows the checkpoint replays.
            byte[] after = payload(3, 10);
            long next = await(wal.append(after));
            assertEquals(checkpoint + WalSegmentDescriptor.HEADER_LENGTH
                    + WalRecordDescriptor.HEADER_LENGTH + after.length, next);
            List<WalTestSupport.Replayed> replayed = replayAll(wal, checkpoint);
            assertEquals(1, replayed.size());
            assertEquals(next, replayed.get(0).position());
        }
        try (ReplicaWal wal = ReplicaWal.open(dir, committer)) {
            assertEquals(1, replayAll(wal, 0).size(), "only the record after the roll is left");
        }
    }

    @Test
    void doesNotRollWhatTheCheckpointDoesNotCoverOrWhatIsTooSmall() throws IOException {
        try (ReplicaWal wal = ReplicaWal.open(dir, committer)) {
            record Case(String what, long coveredBy, int extraPayload) {}
            long checkpoint = await(wal.append(payload(1, BIG)));
            for (Case c : List.of(
                    new Case("a later record is not covered", checkpoint, 10),
                    new Case("a checkpoint before the end", checkpoint - 1, 0))) {
                if (c.extraPayload() > 0) {
                    await(wal.append(payload(2, c.extraPayload())));
                }
                long base = await(wal.rollIfCoveredBy(c.coveredBy()));
                assertEquals(0, base, c.what());
                assertEquals(1, segmentFiles(), c.what());
            }
        }
        Path small = dir.resolve("small");
        try (ReplicaWal wal = ReplicaWal.open(small, committer)) {
            long checkpoint = await(wal.append(payload(1, 100)));
            assertEquals(0, await(wal.rollIfCoveredBy(checkpoint)),
                    "fewer than ROLL_MIN_BYTES of records: no file per flush for a trickle");
            assertEquals(0, await(wal.rollIfCoveredBy(Long.MAX_VALUE)));
        }
    }

    @Test
    void anEmptyWalNeverRolls() throws IOException {
        try (ReplicaWal wal = ReplicaWal.open(dir, committer)) {
            assertEquals(0, await(wal.rollIfCoveredBy(Long.MAX_VALUE)));
            assertEquals(1, segmentFiles());
        }
    }
}
