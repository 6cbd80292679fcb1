package io.cairn.promql.parser;

import java.math.BigInteger;

/**
 * Prometheus' duration syntax: unsigned integer groups with units in descending order, each at
 * most once ({@code 1h30m}, {@code 20s500ms}, {@code 1111111s}); units y, w, d, h, m, s, ms.
 * The one implementation for PromQL literals, API parameters and test scripts. Stateless.
 */
public final class PromDuration {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L};

    private PromDuration() {}

    /**
     * The duration in milliseconds.
     *
     * @throws IllegalArgumentException with Prometheus's message ({@code not a valid duration
     *     string: "x"}, {@code duration out of range})
     */
    public static long parseMillis(String text) {
        long totalMs = 0;
        int i = 0;
        int nextUnit = 0;
        if (text.isEmpty()) {
            throw invalidDuration(text);
        }
        while (i < text.length()) {
            int digitsStart = i;
            while (i < text.length() && Lexer.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == digitsStart) {
                throw invalidDuration(text);
            }
            String digits = text.substring(digitsStart, i);
            String unit;
            if (text.startsWith("ms", i)) {
                unit = "ms";
            } else if (i < text.length()) {
                unit = text.substring(i, i + 1);
            } else {
                throw invalidDuration(text);
            }
            int u = nextUnit;
            while (u < UNITS.length && !UNITS[u].equals(unit)) {
                u++;
            }
            if (u == UNITS.length) {
                throw invalidDuration(text);
            }
            nextUnit = u + 1;
            i += unit.length();
            BigInteger ms = new BigInteger(digits).multiply(BigInteger.valueOf(UNIT_MS[u]));
            if (ms.bitLength() > 62) {
                throw new IllegalArgumentException("duration out of range");
            }
            totalMs += ms.longValue();
            if (totalMs / 1000.0 > Literals.MAX_DURATION_SECONDS) {
                throw new IllegalArgumentException("duration out of range");
            }
        }
        return totalMs;
    }

    private static IllegalArgumentException invalidDuration(String text) {
        return new IllegalArgumentException("not a valid duration string: " + GoStrings.quote(text));
    }
}
