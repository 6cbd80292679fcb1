package io.cairn.storage.wal;

import static io.cairn.storage.wal.WalTestSupport.await;
import static io.cairn.storage.wal.WalTestSupport.payload;
import static io.cairn.storage.wal.WalTestSupport.replayAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.cairn.storage.wal.WalTestSupport.CapturedLog;
import io.cairn.storage.wal.WalTestSupport.Replayed;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What open and replay do with files a crash or a bad disk left behind. */
class WalCrashRecoveryTest {
    @TempDir
    Path tmp;

    private final GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);

    @AfterEach
    void stop() {
        committer.close();
    }

    private List<Long> writeRecords(Path dir, long maxSegmentBytes, int count, int size)
            throws IOException {
        List<Long> positions = new ArrayList<>();
        try (ReplicaWal wal = ReplicaWal.open(dir, committer, maxSegmentBytes)) {
            for (int i = 0; i < count; i++) {
                positions.add(await(wal.append(payload(i, size))));
            }
        }
        return positions;
    }

    private static Path segment(Path dir, long base) {
        return dir.resolve(WalSegmentDescriptor.fileName(base));
    }

    @Test
    void aTailTornAtAnyByteOfTheLastRecordIsCutAtTheLastWholeRecord() throws IOException {
        Path original = tmp.resolve("original");
        List<Long> positions = writeRecords(original, ReplicaWal.DEFAULT_MAX_SEGMENT_BYTES, 3, 50);
        byte[] whole = Files.readAllBytes(segment(original, 0));
        int lastStart = (int) (long) positions.get(1);
        assertEquals(positions.get(2), (long) whole.length);
        for (int cut = lastStart + 1; cut < whole.length; cut++) {
            Path dir = tmp.resolve("cut-" + cut);
            Files.createDirectories(dir);
            Files.write(segment(dir, 0), Arrays.copyOf(whole, cut));
            try (CapturedLog log = new CapturedLog(); ReplicaWal wal = ReplicaWal.open(dir, committer)) {
                List<String> warnings = log.lines(Level.WARN);
                assertEquals(1, warnings.size(), "cut " + cut + ": " + warnings);
                assertTrue(warnings.get(0).contains(segment(dir, 0) + ": torn tail cut at offset "
                        + lastStart + ": " + (cut - lastStart) + " bytes cut"), warnings.get(0));
                assertEquals(lastStart, Files.size(segment(dir, 0)));
                assertEquals(positions.get(1), wal.lastPosition());
                List<Replayed> replayed = replayAll(wal, 0);
                assertEquals(2, replayed.size());
                assertArrayEquals(payload(1, 50), replayed.get(1).payload());
                // Appending continues right after the last whole record.
                assertEquals(positions.get(2), await(wal.append(payload(2, 50))));
                assertEquals(3, replayAll(wal, 0).size());
            }
        }
    }

    @Test
    void garbageAndZeroFilledTailsAreCut() throws IOException {
        List<Long> positions = writeRecords(tmp, ReplicaWal.DEFAULT_MAX_SEGMENT_BYTES, 5, 64);
        long end = positions.get(4);
        byte[] garbage = new byte[777];
        new Random(5).nextBytes(garbage);
        Files.write(segment(tmp, 0), garbage, StandardOpenOption.APPEND);
        try (CapturedLog log = new CapturedLog(); ReplicaWal wal = ReplicaWal.open(tmp, committer)) {
            assertTrue(log.lines(Level.WARN).get(0).contains("777 bytes cut"));
            assertEquals(5, replayAll(wal, 0).size());
            assertEquals(end, Files.size(segment(tmp, 0)));
        }
        Files.write(segment(tmp, 0), new byte[4096], StandardOpenOption.APPEND);
        try (CapturedLog log = new CapturedLog(); ReplicaWal wal = ReplicaWal.open(tmp, committer)) {
            String warning = log.lines(Level.WARN).get(0);
            assertTrue(warning.contains("4096 bytes cut (zero-filled tail"), warning);
            assertEquals(5, replayAll(wal, 0).size());
        }
    }

    @Test
    void aCleanWalOpensWithoutWarnings() throws IOException {
        writeRecords(tmp, 1024, 30, 100);
        try (CapturedLog log = new CapturedLog(); ReplicaWal wal = ReplicaWal.open(tmp, committer)) {
            assertEquals(30, wal.replay(0, (p, b, o, l) -> { }).records());
            assertEquals(List.of(), log.lines(Level.WARN));
            assertEquals(List.of(), log.lines(Level.ERROR));
        }
    }

    @Test
    void aCorruptRecordInAnEarlierSegmentStopsOnlyThatSegmentsReplay() throws IOException {
        List<Long> positions = writeRecords(tmp, 1024, 40, 100);
        long[] bases;
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer, 1024)) {
            bases = wal.segmentBasePositions();
        }
        assertTrue(bases.length >= 3);
        // Flip one payload byte of the second record of the first segment.
        int secondRecordStart = (int) (long) positions.get(0);
        int flipAt = secondRecordStart + WalRecordDescriptor.HEADER_LENGTH + 10;
        flipByte(segment(tmp, 0), flipAt);
        int inFirstSegment = 0;
        while (positions.get(inFirstSegment) <= bases[1]) {
            inFirstSegment++;
        }
        try (CapturedLog log = new CapturedLog(); ReplicaWal wal = ReplicaWal.open(tmp, committer, 1024)) {
            assertEquals(List.of(), log.lines(Level.WARN), "not the last segment: nothing is cut");
            List<Replayed> replayed = new ArrayList<>();
            ReplayResult result = wal.replay(0, (p, b, o, l) -> {
                byte[] copy = new byte[l];
                b.getBytes(o, copy);
                replayed.add(new Replayed(p, copy));
            });
            assertEquals(1, result.corruptSegments());
            List<String> errors = log.lines(Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).startsWith(segment(tmp, 0) + ": corrupt record at offset "
                    + secondRecordStart + " (record CRC32C mismatch"), errors.get(0));
            // Record 0 survives, records 1..end of segment 0 are skipped, the rest replays.
            int skipped = inFirstSegment - 1;
            assertEquals(40 - skipped, replayed.size());
            assertEquals(positions.get(0), replayed.get(0).position());
            assertEquals(positions.get(inFirstSegment), replayed.get(1).position());
            assertEquals(positions.get(39), replayed.get(replayed.size() - 1).position());
            // The file itself is left untouched for inspection.
            assertEquals(bases[1], Files.size(segment(tmp, 0)));
        }
    }

    @Test
    void aCorruptRecordInTheMiddleOfTheLastSegmentIsTreatedAsATornTail() throws IOException {
        List<Long> positions = writeRecords(tmp, ReplicaWal.DEFAULT_MAX_SEGMENT_BYTES, 10, 30);
        flipByte(segment(tmp, 0), (int) (long) positions.get(4) + 12);
        try (CapturedLog log = new CapturedLog(); ReplicaWal wal = ReplicaWal.open(tmp, committer)) {
            String warning = log.lines(Level.WARN).get(0);
            assertTrue(warning.contains("torn tail cut at offset " + positions.get(4)), warning);
            assertEquals(5, replayAll(wal, 0).size());
            assertEquals(positions.get(4), wal.lastPosition());
        }
    }

    @Test
    void aSegmentWhoseCreationWasTornGetsAFreshHeader() throws IOException {
        List<Long> positions = writeRecords(tmp, 1024, 20, 100);
        long[] bases;
        try (ReplicaWal wal = ReplicaWal.open(tmp, committer, 1024)) {
            bases = wal.segmentBasePositions();
        }
        long last = bases[bases.length - 1];
        // Simulate a crash right after creating the next segment: 10 bytes of its header.
        long nextBase = positions.get(19);
        Path torn = segment(tmp, nextBase);
        Files.write(torn, Arrays.copyOf(Files.readAllBytes(segment(tmp, last)), 10));
        try (CapturedLog log = new CapturedLog(); ReplicaWal wal = ReplicaWal.open(tmp, committer, 1024)) {
            String warning = log.lines(Level.WARN).get(0);
            assertTrue(warning.contains("torn segment header"), warning);
            assertEquals(WalSegmentDescriptor.HEADER_LENGTH, Files.size(torn));
            assertEquals(nextBase, wal.lastPosition());
            assertEquals(20, replayAll(wal, 0).size());
            long p = await(wal.append(new byte[5]));
            assertEquals(nextBase + WalSegmentDescriptor.HEADER_LENGTH
                    + WalRecordDescriptor.HEADER_LENGTH + 5, p);
        }
    }

    @Test
    void aCorruptHeaderOfTheLastSegmentIsKeptAndAppendsMoveToANewSegment() throws IOException {
        List<Long> positions = writeRecords(tmp, ReplicaWal.DEFAULT_MAX_SEGMENT_BYTES, 4, 30);
        flipByte(segment(tmp, 0), WalSegmentDescriptor.BASE_POSITION_OFFSET);
        long size = Files.size(segment(tmp, 0));
        try (CapturedLog log = new CapturedLog(); ReplicaWal wal = ReplicaWal.open(tmp, committer)) {
            String error = log.lines(Level.ERROR).get(0);
            assertTrue(error.contains("corrupt segment header at offset 0"), error);
            assertEquals(size, Files.size(segment(tmp, 0)), "kept as is");
            long p = await(wal.append(new byte[1]));
            assertTrue(p > positions.get(3));
            ReplayResult result = wal.replay(0, (pos, b, o, l) -> { });
            assertEquals(1, result.records());
            assertEquals(1, result.corruptSegments());
        }
    }

    @Test
    void aSegmentOfAnUnknownVersionIsRefused() throws IOException {
        writeRecords(tmp, ReplicaWal.DEFAULT_MAX_SEGMENT_BYTES, 1, 10);
        Path file = segment(tmp, 0);
        byte[] bytes = Files.readAllBytes(file);
        bytes[WalSegmentDescriptor.VERSION_OFFSET] = 9;
        int crc = WalSegmentDescriptor.headerChecksum(bytes, 0);
        for (int i = 0; i < 4; i++) {
            bytes[WalSegmentDescriptor.HEADER_CRC_OFFSET + i] = (byte) (crc >>> (8 * i));
        }
        Files.write(file, bytes);
        WalFormatException e = assertThrows(WalFormatException.class,
                () -> ReplicaWal.open(tmp, committer));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("unsupported segment version 9"), e.getMessage());
        assertEquals(bytes.length, Files.size(file), "left untouched");
    }

    private static void flipByte(Path file, int offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x40);
        }
    }
}
