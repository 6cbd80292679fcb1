package io.cairn.promql.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MillisToSecondsTest {
    @Test
    void equalsTheDivisionForEveryMillisecondCountBelowTheLimit() {
        // The proof of MillisToSeconds' claim: all 2^31 inputs (about 5 s on two cores). Math.fma
        // in software would take hours, so this runs only where the JVM uses the instruction.
        assumeTrue(MillisToSeconds.FAST, "Math.fma is not intrinsic on this JVM");
        int chunks = 256;
        long perChunk = MillisToSeconds.EXACT_LIMIT / chunks;
        long mismatches = LongStream.range(0, chunks).parallel().map(c -> {
            long bad = 0;
            for (long ms = c * perChunk, end = ms + perChunk; ms < end; ms++) {
                if (Double.doubleToRawLongBits(MillisToSeconds.seconds(ms))
                        != Double.doubleToRawLongBits(ms / 1000.0)) {
                    bad++;
                }
            }
            return bad;
        }).sum();
        assertEquals(0, mismatches);
    }

    @Test
    void negativeCountsMirrorThePositiveOnes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            long ms = -random.nextLong(MillisToSeconds.EXACT_LIMIT);
            assertEquals(ms / 1000.0, MillisToSeconds.seconds(ms), () -> "ms=" + ms);
        }
    }

    @Test
    void theProductAloneWouldNotBeExact() {
        // Guards the correction step: without it, 9 ms already comes out one ulp off.
        assertEquals(0.009, MillisToSeconds.seconds(9));
        assertNotEquals(9 / 1000.0, 9 * 0.001);
    }
}
