package io.cairn.storage.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LabelEpochsTest {
    private static CompletableFuture<Long> at(long position) {
        return CompletableFuture.completedFuture(position);
    }

    @Test
    void labelsOncePerEpochUnlessTheIndexCouldNotVouch() {
        LabelEpochs e = new LabelEpochs(1000);
        assertTrue(e.keepLabels(1, 7, false));
        assertFalse(e.keepLabels(1, 7, false));
        assertTrue(e.keepLabels(1, 7, true), "resolved by labels: always labelled");
        assertTrue(e.keepLabels(1, 8, false), "same id, other check: another label set");
        assertTrue(e.keepLabels(2, 7, false));
        assertEquals(2, e.labelledSeries());
    }

    @Test
    void truncationNeverPassesTheOldestEpochStillNeeded() {
        LabelEpochs e = new LabelEpochs(100);
        // First epoch starts at 0: nothing may go while records after the checkpoint remain.
        e.keepLabels(1, 1, false);
        e.appended(150);
        CompletableFuture<Long> last = new CompletableFuture<>();
        assertEquals(0, e.truncationFloor(50));
        // Due (150 >= 100 bytes, checkpoint 50 >= start 0): new epoch, its start pending.
        e.maybeStartEpoch(50, last);
        assertEquals(0, e.labelledSeries());
        assertEquals(0, e.truncationFloor(50), "start unknown: keep the previous epoch");
        last.complete(160L);
        assertEquals(0, e.truncationFloor(150), "checkpoint below the new start");
        assertEquals(160, e.truncationFloor(170), "checkpoint past the new start");
        // Not due again until the checkpoint passed the current start and bytes accrued.
        e.keepLabels(1, 1, false);
        e.appended(500);
        e.maybeStartEpoch(150, at(400));
        assertEquals(1, e.labelledSeries(), "checkpoint 150 < start 160: same epoch");
        e.maybeStartEpoch(170, at(400));
        assertEquals(0, e.labelledSeries());
        assertEquals(160, e.truncationFloor(170));
        assertEquals(400, e.truncationFloor(450));
    }

    @Test
    void aCheckpointCoveringEverythingStartsAFreshEpochThere() {
        LabelEpochs e = new LabelEpochs(1L << 40);
        e.keepLabels(3, 3, false);
        e.appended(10);
        assertEquals(0, e.truncationFloor(500));
        e.checkpointed(500, at(480));
        assertEquals(0, e.labelledSeries());
        assertEquals(500, e.truncationFloor(500));
        assertEquals(500, e.truncationFloor(900));
        e.keepLabels(3, 3, false);
        e.checkpointed(900, at(950)); // a record after the checkpoint: keep the epoch
        assertEquals(1, e.labelledSeries());
    }
}
