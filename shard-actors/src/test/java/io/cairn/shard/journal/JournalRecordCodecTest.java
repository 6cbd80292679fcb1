package io.cairn.shard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.journal.JournalRecord.DeletedTo;
import io.cairn.shard.journal.JournalRecordCodec.Frame;
import io.cairn.shard.journal.JournalRecordCodec.Problem;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JournalRecordCodecTest {

    @Test
    void randomRecordsRoundTrip() {
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            JournalRecord r = rnd.nextInt(5) == 0 ? new DeletedTo(rnd.nextLong() >>> 1)
                    : JournalTestData.randomEvents(rnd, 1 + (rnd.nextLong() >>> 2));
            byte[] frame = JournalRecordCodec.encode(r, JournalTestData.MAX_RECORD);
            Frame f = JournalRecordCodec.read(frame, 0, frame.length, JournalTestData.MAX_RECORD);
            assertTrue(f.valid(), f.detail());
            assertEquals(r, f.record());
            assertEquals(frame.length, f.nextOffset());
        }
    }

    @Test
    void everyTruncationIsIncomplete() {
        byte[] frame = JournalRecordCodec.encode(JournalTestData.events(5, 3), JournalTestData.MAX_RECORD);
        for (int len = 0; len < frame.length; len++) {
            Frame f = JournalRecordCodec.read(frame, 0, len, JournalTestData.MAX_RECORD);
            assertFalse(f.valid());
            assertEquals(Problem.INCOMPLETE, f.problem(), "cut at " + len);
        }
    }

    @Test
    void everyBitFlipIsDetected() {
        byte[] frame = JournalRecordCodec.encode(JournalTestData.events(5, 2), JournalTestData.MAX_RECORD);
        for (int i = 0; i < frame.length * 8; i++) {
            byte[] bad = frame.clone();
            bad[i / 8] ^= (byte) (1 << (i % 8));
            Frame f = JournalRecordCodec.read(bad, 0, bad.length, JournalTestData.MAX_RECORD);
            assertFalse(f.valid(), "flip of bit " + i);
        }
    }

    @Test
    void oversizedRecordsAreRejectedWhenEncoding() {
        JournalRecord big = new JournalRecord.Events(1, 0, "u",
                java.util.List.of(new JournalRecord.StoredEvent("", 1, "", new byte[2000])));
        assertThrows(IllegalArgumentException.class, () -> JournalRecordCodec.encode(big, 1000));
    }

    @Test
    void implausibleLengthIsBadLength() {
        byte[] zeros = new byte[64];
        assertEquals(Problem.BAD_LENGTH, JournalRecordCodec.read(zeros, 0, 64, 1000).problem());
        byte[] frame = JournalRecordCodec.encode(new DeletedTo(3), 1000);
        byte[] huge = Arrays.copyOf(frame, frame.length);
        huge[3] = 0x7F;
        assertEquals(Problem.BAD_LENGTH, JournalRecordCodec.read(huge, 0, huge.length, 1000).problem());
    }
}
