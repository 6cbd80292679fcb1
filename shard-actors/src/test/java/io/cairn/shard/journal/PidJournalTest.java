package io.cairn.shard.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.journal.JournalRecord.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PidJournalTest {

    private static final String PID = "ShardReplica|s1-r0-g1";

    @TempDir
    Path root;

    private JournalSettings settings(long segmentSize) {
        return JournalTestData.settings(root, segmentSize);
    }

    /** Appends records of {@code perRecord} events until sequence number {@code upTo}. */
    private static void write(PidJournal j, long upTo, int perRecord) throws IOException {
        while (j.highestSeqNr() < upTo) {
            long first = j.highestSeqNr() + 1;
            Events e = JournalTestData.events(first, (int) Math.min(perRecord, upTo - first + 1));
            j.append(e, JournalRecordCodec.encode(e, JournalTestData.MAX_RECORD));
        }
        j.force();
    }

    private static List<Long> replay(PidJournal j, long from, long to, long max) throws IOException {
        List<Long> seqNrs = new ArrayList<>();
        j.replay(from, to, max, (seqNr, ts, uuid, ev) -> {
            assertArrayEquals(JournalTestData.event(seqNr).payload(), ev.payload());
            assertEquals("writer-uuid-1", uuid);
            seqNrs.add(seqNr);
        });
        return seqNrs;
    }

    private static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            l.add(s);
        }
        return l;
    }

    private Path pidDir() {
        return root.resolve(PersistenceIdEscaper.escape(PID));
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.list(pidDir())) {
            List<Path> segs = s.filter(p -> p.toString().endsWith(".cjs")).sorted().toList();
            return segs.get(segs.size() - 1);
        }
    }

    @Test
    void unknownPersistenceIdIsEmptyAndCreatesNothing() throws IOException {
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            assertEquals(0, j.highestSeqNr());
            assertEquals(List.of(), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
        }
        assertTrue(Files.notExists(pidDir()));
    }

    @Test
    void writesSurviveReopen() throws IOException {
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            write(j, 20, 3);
        }
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            assertEquals(20, j.highestSeqNr());
            assertEquals(range(1, 20), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
        }
    }

    static Stream<Arguments> replayRanges() {
        return Stream.of(
                Arguments.of(1L, Long.MAX_VALUE, Long.MAX_VALUE, range(1, 50)),
                Arguments.of(10L, 20L, Long.MAX_VALUE, range(10, 20)),
                Arguments.of(10L, 20L, 5L, range(10, 14)),
                Arguments.of(49L, 100L, 10L, range(49, 50)),
                Arguments.of(51L, 100L, 10L, List.of()),
                Arguments.of(30L, 20L, 10L, List.of()),
                Arguments.of(1L, 50L, 0L, List.of()));
    }

    @ParameterizedTest(name = "from {0} to {1} max {2}")
    @MethodSource("replayRanges")
    void replayHonoursFromToAndMaxAcrossSegments(long from, long to, long max, List<Long> expected)
            throws IOException {
        try (PidJournal j = PidJournal.open(PID, settings(300))) {
            write(j, 50, 3);
            assertTrue(j.segmentCount() > 3, "test wants several segments, has " + j.segmentCount());
            assertEquals(expected, replay(j, from, to, max));
        }
    }

    @Test
    void deletionKeepsTheHighestSequenceNumberAndDropsOldSegments() throws IOException {
        try (PidJournal j = PidJournal.open(PID, settings(300))) {
            write(j, 50, 3);
            int before = j.segmentCount();
            j.deleteTo(40);
            assertTrue(j.segmentCount() < before, "segments " + before + " -> " + j.segmentCount());
            assertEquals(range(41, 50), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
            j.deleteTo(Long.MAX_VALUE);
            assertEquals(List.of(), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
            assertEquals(50, j.highestSeqNr());
        }
        try (PidJournal j = PidJournal.open(PID, settings(300))) {
            assertEquals(50, j.highestSeqNr());
            assertEquals(50, j.deletedToSeqNr());
            assertEquals(List.of(), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
            write(j, 52, 1);
            assertEquals(range(51, 52), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
        }
    }

    @Test
    void appendBelowTheHighestIsABug() throws IOException {
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            write(j, 5, 1);
            Events stale = JournalTestData.events(5, 1);
            assertThrows(IllegalStateException.class,
                    () -> j.append(stale, JournalRecordCodec.encode(stale, JournalTestData.MAX_RECORD)));
        }
    }

    /** Damage to the end of the last segment, as a crash in the middle of an append leaves it. */
    static Stream<Arguments> tornTails() {
        return Stream.of(
                Arguments.of("last record cut short", false, (TailDamage) (file, size, lastRecord) ->
                        truncate(file, size - 5)),
                Arguments.of("only a frame header", false, (TailDamage) (file, size, lastRecord) ->
                        truncate(file, lastRecord + 6)),
                Arguments.of("zeros past the end", true, (TailDamage) (file, size, lastRecord) ->
                        Files.write(file, new byte[4096], StandardOpenOption.APPEND)),
                Arguments.of("garbage in the last record", false, (TailDamage) (file, size, lastRecord) ->
                        flipByte(file, size - 3)));
    }

    interface TailDamage {
        void apply(Path file, long size, long lastRecordOffset) throws IOException;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tornTails")
    void tornTailIsCutAndWritingContinues(String name, boolean lastRecordSurvives, TailDamage damage)
            throws IOException {
        long lastRecordOffset;
        long fullSize;
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            write(j, 9, 3);
            lastRecordOffset = Files.size(onlySegment());
            write(j, 12, 3);
            fullSize = Files.size(onlySegment());
        }
        Path seg = onlySegment();
        damage.apply(seg, fullSize, lastRecordOffset);
        long highest = lastRecordSurvives ? 12 : 9;
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            assertEquals(highest, j.highestSeqNr());
            assertEquals(lastRecordSurvives ? fullSize : lastRecordOffset, Files.size(seg),
                    "file cut after the last valid record");
            assertEquals(range(1, highest), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
            write(j, highest + 2, 1);
        }
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            assertEquals(range(1, highest + 2), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
        }
    }

    @Test
    void damageBeforeValidRecordsIsCorruptionNamingFileAndOffset() throws IOException {
        long secondRecord;
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            write(j, 3, 3);
            secondRecord = Files.size(onlySegment());
            write(j, 9, 3);
        }
        Path seg = onlySegment();
        byte[] before = Files.readAllBytes(seg);
        flipByte(seg, secondRecord + 20);
        CorruptJournalException e = assertThrows(CorruptJournalException.class,
                () -> PidJournal.open(PID, settings(1 << 20)));
        assertEquals(seg, e.file());
        assertEquals(secondRecord, e.offset());
        assertTrue(e.getMessage().contains(seg.toString()) && e.getMessage().contains("offset " + secondRecord),
                e.getMessage());
        assertEquals(before.length, Files.size(seg), "corrupt files are left as they are");
    }

    @Test
    void damageInASealedSegmentIsCorruption() throws IOException {
        try (PidJournal j = PidJournal.open(PID, settings(300))) {
            write(j, 30, 3);
        }
        Path first;
        try (Stream<Path> s = Files.list(pidDir())) {
            first = s.sorted().findFirst().orElseThrow();
        }
        truncate(first, Files.size(first) - 2);
        CorruptJournalException e = assertThrows(CorruptJournalException.class,
                () -> PidJournal.open(PID, settings(300)));
        assertEquals(first, e.file());
    }

    @Test
    void segmentWithIncompleteHeaderIsRemoved() throws IOException {
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            write(j, 4, 2);
        }
        Path stray = pidDir().resolve(JournalSegment.fileName(5));
        Files.write(stray, new byte[7]);
        try (PidJournal j = PidJournal.open(PID, settings(1 << 20))) {
            assertEquals(4, j.highestSeqNr());
            assertTrue(Files.notExists(stray));
            write(j, 6, 1);
            assertEquals(range(1, 6), replay(j, 1, Long.MAX_VALUE, Long.MAX_VALUE));
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        byte[] data = Files.readAllBytes(file);
        data[(int) offset] ^= 0x5A;
        Files.write(file, data);
    }
}
