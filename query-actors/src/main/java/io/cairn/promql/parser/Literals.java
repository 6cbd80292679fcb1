package io.cairn.promql.parser;

import java.math.BigInteger;
import java.util.Locale;

/** Value of number and duration tokens, with Prometheus's rules. Stateless. */
final class Literals {
    /** Largest duration in seconds that fits an int64 of nanoseconds, as in Prometheus. */
    static final double MAX_DURATION_SECONDS = 9.223372036854775807e9;

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L};

    private Literals() {
    }

    /**
     * A NUMBER token's value. Integers follow Go's base-prefix rules ({@code 0x1f}, and a
     * leading zero means octal as in Prometheus); anything else is a decimal float.
     */
    static double number(String text) {
        String s = text.replace("_", "");
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (lower.startsWith("0x")) {
            return new BigInteger(s.substring(2), 16).doubleValue();
        }
        if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(c -> c >= '0' && c <= '7')) {
            return new BigInteger(s.substring(1), 8).doubleValue();
        }
        return Double.parseDouble(s);
    }

    /**
     * A DURATION token in seconds: unsigned integer groups with units in descending order,
     * each at most once ({@code 1h30m}, {@code 20s500ms}).
     *
     * @throws IllegalArgumentException with Prometheus's message when malformed
     */
    static double durationSeconds(String text) {
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
            if (totalMs / 1000.0 > MAX_DURATION_SECONDS) {
                throw new IllegalArgumentException("duration out of range");
            }
        }
        return totalMs / 1000.0;
    }

    private static IllegalArgumentException invalidDuration(String text) {
        return new IllegalArgumentException("not a valid duration string: " + GoStrings.quote(text));
    }
}
