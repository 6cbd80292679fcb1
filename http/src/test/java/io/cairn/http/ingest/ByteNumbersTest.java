package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteNumbersTest {
    private static double parse(String s) throws ByteNumbers.NotANumber {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return ByteNumbers.parseDouble(b, 0, b.length);
    }

    @Test
    void agreesWithJavaOnRandomDecimals() throws ByteNumbers.NotANumber {
        Random rnd = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            double v = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> rnd.nextInt(1_000_000) / Math.pow(10, rnd.nextInt(10));
                default -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(60) - 30);
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = i % 2 == 0 ? Double.toString(v) : new java.math.BigDecimal(v)
                    .round(new java.math.MathContext(1 + rnd.nextInt(20))).toPlainString();
            assertEquals(Double.parseDouble(s), parse(s), s);
        }
    }

    @Test
    void specialsAndSigns() throws ByteNumbers.NotANumber {
        assertEquals(Double.NaN, parse("NaN"));
        assertEquals(Double.NaN, parse("nan"));
        assertEquals(Double.POSITIVE_INFINITY, parse("+Inf"));
        assertEquals(Double.POSITIVE_INFINITY, parse("Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-inf"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-0")));
        assertEquals(0.5, parse(".5"));
        assertEquals(5.0, parse("5."));
        assertEquals(1e-5, parse("1E-5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "e5", "1e", "1e+", "1x", "0x10", "1d", "1f", "--1",
        "in", "nana", "1.2.3", " 1"})
    void rejectsNonNumbers(String s) {
        assertThrows(ByteNumbers.NotANumber.class, () -> parse(s));
    }

    @Test
    void longs() throws ByteNumbers.NotANumber {
        byte[] max = "9223372036854775807".getBytes(StandardCharsets.US_ASCII);
        byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
        byte[] over = "9223372036854775808".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Long.MAX_VALUE, ByteNumbers.parseLong(max, 0, max.length));
        assertEquals(Long.MIN_VALUE, ByteNumbers.parseLong(min, 0, min.length));
        assertThrows(ByteNumbers.NotANumber.class,
                () -> ByteNumbers.parseLong(over, 0, over.length));
    }
}
