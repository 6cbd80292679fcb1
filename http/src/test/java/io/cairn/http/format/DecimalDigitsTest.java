package io.cairn.http.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalDigitsTest {
    @Test
    void countMatchesTheDecimalLengthAtEveryPowerOfTen() {
        assertEquals(1, DecimalDigits.count(0));
        long p = 1;
        for (int digits = 1; digits <= 19; digits++) {
            assertEquals(digits, DecimalDigits.count(p), "10^" + (digits - 1));
            if (p > 1) {
                assertEquals(digits - 1, DecimalDigits.count(p - 1), "10^" + (digits - 1) + " - 1");
            }
            p = digits < 19 ? p * 10 : p;
        }
        assertEquals(19, DecimalDigits.count(Long.MAX_VALUE));
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long d = rnd.nextLong(0, Long.MAX_VALUE) >>> rnd.nextInt(63);
            assertEquals(Long.toString(d).length(), DecimalDigits.count(d), Long.toString(d));
        }
    }

    @Test
    void writesExactlyTheGivenWidthWithLeadingZeros() {
        byte[] dst = new byte[24];
        assertEquals("007", written(dst, 7, 3));
        assertEquals("0", written(dst, 0, 1));
        assertEquals("120", written(dst, 120, 3));
        assertEquals("9223372036854775807", written(dst, Long.MAX_VALUE, 19));
        assertEquals("0000000000000000000001", written(new byte[24], 1, 22));
        SplittableRandom rnd = new SplittableRandom(12);
        for (int i = 0; i < 100_000; i++) {
            long d = rnd.nextLong(0, Long.MAX_VALUE) >>> rnd.nextInt(63);
            assertEquals(Long.toString(d), written(dst, d, DecimalDigits.count(d)));
        }
    }

    @Test
    void everyWidthAroundTheEightDigitChunksKeepsTheLowDigits() {
        byte[] dst = new byte[24];
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < 100_000; i++) {
            long d = rnd.nextLong(0, Long.MAX_VALUE) >>> rnd.nextInt(63);
            int len = 1 + rnd.nextInt(22);
            String full = String.format("%022d", d);
            // A narrower width than the number keeps its lowest digits (the documented drop).
            assertEquals(full.substring(22 - len), written(dst, d, len), d + " in " + len);
        }
    }

    @Test
    void everyEightDigitGroupComesOutInAsciiInMemoryOrder() {
        // All 10^8 values: the lane arithmetic has no case left untried.
        for (int v = 0; v < 100_000_000; v++) {
            long ascii = DecimalDigits.eightAscii(v);
            int rest = v;
            for (int digit = 7; digit >= 0; digit--) {
                long expected = '0' + rest % 10;
                rest /= 10;
                long actual = (ascii >>> (8 * digit)) & 0xFF;
                if (actual != expected) {
                    assertEquals(expected, actual, "digit " + digit + " of " + v);
                }
            }
        }
    }

    /** Writes at offset 1 and checks the bytes around are untouched. */
    private static String written(byte[] dst, long d, int len) {
        java.util.Arrays.fill(dst, (byte) '#');
        assertEquals(1 + len, DecimalDigits.write(dst, 1, d, len));
        assertEquals('#', dst[0]);
        if (1 + len < dst.length) {
            assertEquals('#', dst[1 + len]);
        }
        return new String(dst, 1, len, StandardCharsets.US_ASCII);
    }
}
