package io.cairn.http.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromFloatTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // Expected strings are what Go's strconv.FormatFloat(v, 'f', -1, 64) prints.
        "1, 1",
        "0, 0",
        "-0.0, -0",
        "0.1, 0.1",
        "-2.5, -2.5",
        "123.456, 123.456",
        "1e21, 1000000000000000000000",
        "1e-7, 0.0000001",
        "1152921504606846976, 1152921504606847000",
        "9007199254740991, 9007199254740991",
        // Java 17's Double.toString is not shortest for these (JDK-4511638).
        "1e23, 100000000000000000000000",
        "2e23, 200000000000000000000000",
        "8.41e21, 8410000000000000000000",
        "2.82879384806159E17, 282879384806159000",
        "NaN, NaN",
        "Infinity, +Inf",
        "-Infinity, -Inf",
    })
    void formatsLikeGo(double v, String expected) {
        assertEquals(expected, PromFloat.format(v));
    }

    @Test
    void extremeMagnitudesAreWrittenWithoutExponent() {
        assertEquals("15" + "0".repeat(299), PromFloat.format(1.5e300));
        assertEquals("0." + "0".repeat(323) + "5", PromFloat.format(Double.MIN_VALUE));
        assertEquals("17976931348623157" + "0".repeat(292), PromFloat.format(Double.MAX_VALUE));
    }

    @Test
    void shortestRoundTrip_randomised() {
        Random rnd = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            double v = i % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong())
                    : Math.round(rnd.nextDouble() * 1e6) / Math.pow(10, rnd.nextInt(12));
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = PromFloat.format(v);
            assertEquals(v, Double.parseDouble(s), s);
            BigDecimal exact = new BigDecimal(Math.abs(v));
            int digits = new BigDecimal(s.replace("-", "")).stripTrailingZeros().precision();
            if (v != 0 && digits > 1) {
                // No rounding to one digit less parses back to v: the output is shortest.
                assertNull(roundTripping(exact, digits - 1, Math.abs(v)), s);
            }
            StringBuilder json = new StringBuilder();
            PromFloat.appendJsonNumber(json, v);
            assertEquals(v, Double.parseDouble(json.toString()), json.toString());
        }
    }

    private static BigDecimal roundTripping(BigDecimal exact, int precision, double v) {
        for (RoundingMode m : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal r = exact.round(new MathContext(precision, m));
            if (r.doubleValue() == v) {
                return r;
            }
        }
        return null;
    }

    @Test
    void closestAmongShortestIsChosen() {
        // 17 digits needed; both 17-digit roundings parse back, the closer one must win.
        double v = 1.9400994884341945E25;
        assertEquals(ShortestReference.fixed(v), PromFloat.format(v));
        assertEquals("19400994884341945000000000", PromFloat.format(v));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // Go prints one digit where Java 19+'s Double.toString prints two ("4.9E-324").
        "4.9e-324, 5e-324",
        "1e-323, 1e-323",
        "2.2250738585072014E-308, 2.2250738585072014e-308",
        "1.7976931348623157E308, 1.7976931348623157e+308",
        "0.3, 0.3",
        "123456789012345680000, 123456789012345680000",
        "1e22, 1e+22",
    })
    void jsonNumbersAtTheEdges(double v, String expected) {
        StringBuilder sb = new StringBuilder();
        PromFloat.appendJsonNumber(sb, v);
        assertEquals(expected, sb.toString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1700000000123, 1700000000.123",
        "1700000000100, 1700000000.1",
        "1700000000120, 1700000000.12",
        "1700000000000, 1700000000",
        "1700000000005, 1700000000.005",
        "0, 0",
        "-1500, -1.5",
        "999, 0.999",
    })
    void timestampsAsPrometheusSeconds(long ms, String expected) {
        assertEquals(expected, PromFloat.formatTimestamp(ms));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1, 1",
        "-0.0, -0",
        "0.0001, 0.0001",
        "0.00001, 1e-5",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "1.5e-300, 1.5e-300",
        "-2.5e100, -2.5e+100",
    })
    void jsonNumbers(double v, String expected) {
        StringBuilder sb = new StringBuilder();
        PromFloat.appendJsonNumber(sb, v);
        assertEquals(expected, sb.toString());
    }
}
