package io.cairn.promql.parser;

import java.math.BigInteger;
import java.util.Locale;

/** Value of number and duration tokens, with Prometheus's rules. Stateless. */
final class Literals {
    /** Largest duration in seconds that fits an int64 of nanoseconds, as in Prometheus. */
    static final double MAX_DURATION_SECONDS = 9.223372036854775807e9;

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
     * A DURATION token in seconds ({@link PromDuration#parseMillis}).
     *
     * @throws IllegalArgumentException with Prometheus's message when malformed
     */
    static double durationSeconds(String text) {
        return PromDuration.parseMillis(text) / 1000.0;
    }
}
