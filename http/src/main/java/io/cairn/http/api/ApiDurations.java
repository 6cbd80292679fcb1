package io.cairn.http.api;

import io.cairn.promql.parser.PromDuration;
import java.util.regex.Pattern;

/**
 * Duration parameters of the Prometheus HTTP API ({@code step}, {@code timeout},
 * {@code lookback_delta}), accepted in the two spellings Prometheus accepts: a decimal number of
 * seconds ({@code 15}, {@code 0.5}, {@code 1e3}, {@code -1}) or a Prometheus duration
 * ({@code 1h30m}, {@code 500ms}, {@code 2d}: units y, w, d, h, m, s, ms, each at most once and
 * in that order).
 *
 * <p>Seconds are converted as Prometheus does: to whole nanoseconds first (truncating), then to
 * milliseconds (truncating), so {@code 0.0005} is a positive duration of 0 ms. Errors read like
 * Prometheus': {@code invalid parameter "step": cannot parse "x" to a valid duration}.
 * Stateless and thread-safe.
 */
public final class ApiDurations {
    /**
     * Decimal numbers only: Java's own number parser would also take {@code 5d} (5.0, a double
     * literal suffix) where Prometheus reads five days, and hexadecimal floats.
     */
    private static final Pattern SECONDS =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private ApiDurations() {}

    /**
     * The duration {@code text} in milliseconds (possibly zero or negative for seconds).
     *
     * @param name the parameter name, for the error message
     * @throws IllegalArgumentException {@code invalid parameter "<name>": cannot parse ...}
     */
    public static long millis(String name, String text) {
        String s = text == null ? "" : text;
        if (SECONDS.matcher(s).matches()) {
            double nanos = Double.parseDouble(s) * 1e9;
            if (nanos >= 0x1p63 || nanos < -0x1p63) {
                throw new IllegalArgumentException("invalid parameter \"" + name + "\": cannot parse \""
                        + s + "\" to a valid duration. It overflows int64");
            }
            return (long) nanos / 1_000_000;
        }
        long ms = units(s);
        if (ms < 0) {
            throw new IllegalArgumentException("invalid parameter \"" + name + "\": cannot parse \""
                    + s + "\" to a valid duration");
        }
        return ms;
    }

    /** Milliseconds of a unit duration, or -1 when {@code s} is not one (or overflows). */
    private static long units(String s) {
        if (s.equals("0")) {
            return 0;
        }
        try {
            return PromDuration.parseMillis(s);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
