package io.cairn.http.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PointJson} against independent references: timestamps against BigDecimal, values
 * against the BigDecimal shortest-digits oracle {@link ShortestReference} laid out in Go's
 * 'f' and 'e' forms.
 */
class PointJsonTest {
    private static String point(long ms, double v) {
        JsonBytes out = new JsonBytes(0);
        PointJson.append(out, ms, v);
        return new String(out.toByteArray(), StandardCharsets.US_ASCII);
    }

    /** Seconds with exactly three decimals unless the milliseconds are zero. */
    private static String expectedTimestamp(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000)
                : BigDecimal.valueOf(ms, 3).toPlainString();
    }

    /** Go's 'f' -1 form, or its 'e' -1 form below 1e-6 and from 1e21 on in magnitude. */
    private static String expectedValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        double abs = Math.abs(v);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21)) {
            return ShortestReference.fixed(v);
        }
        BigDecimal d = ShortestReference.shortest(abs);
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - d.scale() - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 0.001",
        "10, 0.010",
        "100, 0.100",
        "1700000000000, 1700000000",
        "1700000000001, 1700000000.001",
        "1700000000120, 1700000000.120",
        "-1, -0.001",
        "-1500, -1.500",
        "-9223372036854775808, -9223372036854775.808",
        "9223372036854775807, 9223372036854775.807",
    })
    void timestamps(long ms, String expected) {
        assertEquals("[" + expected + ",\"1\"]", point(ms, 1));
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1",
        "-1.5, -1.5",
        "0.1, 0.1",
        "1e-6, 0.000001",
        "9.99e-7, 9.99e-07",
        "1e-7, 1e-07",
        "-1.25e-10, -1.25e-10",
        "4.9e-324, 5e-324",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "-1.5e300, -1.5e+300",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "123456789.125, 123456789.125",
        "3669416.053220679, 3669416.053220679",
        "NaN, NaN",
        "Infinity, +Inf",
        "-Infinity, -Inf",
        "-0.0, -0",
        "0, 0",
    })
    void values(double v, String expected) {
        assertEquals("[0,\"" + expected + "\"]", point(0, v));
    }

    @Test
    void randomPointsMatchTheReferences() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 200_000; i++) {
            long ms = RandomValues.nextTimestamp(r);
            double v = RandomValues.nextDouble(r);
            assertEquals("[" + expectedTimestamp(ms) + ",\"" + expectedValue(v) + "\"]",
                    point(ms, v), () -> ms + " " + v);
        }
    }

    @Test
    void appendAllSeparatesPointsWithCommasAndWritesOnlyCount() {
        JsonBytes out = new JsonBytes(0);
        PointJson.appendAll(out, new long[] {1000, 2500, 3000}, new double[] {1, 1e-7, 7}, 2);
        assertEquals("[1,\"1\"],[2.500,\"1e-07\"]",
                new String(out.toByteArray(), StandardCharsets.US_ASCII));
        JsonBytes none = new JsonBytes(0);
        PointJson.appendAll(none, new long[0], new double[0], 0);
        assertEquals(0, none.length());
    }

    /**
     * The longest points (timestamp and value in both forms) fit the reservation: written into
     * a buffer of exactly {@link PointJson#MAX_BYTES}, an overrun would throw.
     */
    @ParameterizedTest
    @CsvSource({"-1.2345678901234567e-7", "-0.0000012345678901234567", "-1.2345678901234567e-300",
        "-123456789012345670000", "-1.2345678901234567e+300", "-2.2250738585072014E-308"})
    void longestPointsFitMaxBytes(double v) {
        JsonBytes out = new JsonBytes(PointJson.MAX_BYTES);
        PointJson.appendAll(out, new long[] {Long.MIN_VALUE}, new double[] {v}, 1);
        assertTrue(out.length() + 1 <= PointJson.MAX_BYTES, out.length() + " + a comma");
        assertEquals(PointJson.MAX_BYTES, out.array().length, "grew");
    }
}
