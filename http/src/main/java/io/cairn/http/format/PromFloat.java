package io.cairn.http.format;

/**
 * Number formatting as the Prometheus HTTP API writes it.
 *
 * <ul>
 *   <li>{@link #format(double)}: sample values, as Go's {@code strconv.FormatFloat(v, 'f', -1,
 *       64)}: the shortest decimal that parses back to the same double, never in exponent
 *       notation ({@code 1e21} is {@code "1000000000000000000000"}), and {@code "NaN"},
 *       {@code "+Inf"}, {@code "-Inf"}.
 *   <li>{@link #formatTimestamp(long)}: timestamps, as seconds with up to three decimals and no
 *       trailing zeros ({@code 1700000000.123}, {@code 1700000000.1}, {@code 1700000000}).
 *   <li>{@link #appendJsonNumber}: shortest round-trip digits with an exponent for very large or
 *       small magnitudes, for JSON export where length matters more than Go parity.
 * </ul>
 *
 * <p>Shortest digits come from {@link ShortestDecimal} (exact, allocation-free; the same digits
 * as Go's shortest formatting on every JDK, where Java 17's {@code Double.toString} is not always
 * shortest, JDK-4511638, and Java 19+'s writes at least two digits). Stateless and thread-safe.
 */
public final class PromFloat {
    private PromFloat() {}

    public static String format(double v) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, v);
        return sb.toString();
    }

    /** Appends {@link #format(double)} of {@code v}. */
    public static void append(StringBuilder sb, double v) {
        if (appendSpecial(sb, v)) {
            return;
        }
        appendFinite(sb, v, true);
    }

    /**
     * Appends {@code v} (finite) as a JSON number with shortest round-trip digits, in exponent
     * form when the decimal exponent is below -4 or at least 21.
     */
    public static void appendJsonNumber(StringBuilder sb, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite JSON number: " + v);
        }
        appendFinite(sb, v, false);
    }

    private static void appendFinite(StringBuilder sb, double v, boolean fixed) {
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            sb.append('-');
        }
        if (v == 0) {
            sb.append('0');
        } else {
            ShortestDecimal.append(sb, Math.abs(v), fixed);
        }
    }

    /** Appends NaN / +Inf / -Inf; false for finite values. */
    static boolean appendSpecial(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
        } else if (v == Double.POSITIVE_INFINITY) {
            sb.append("+Inf");
        } else if (v == Double.NEGATIVE_INFINITY) {
            sb.append("-Inf");
        } else {
            return false;
        }
        return true;
    }

    /** Milliseconds as Prometheus API seconds: {@code 1700000000.123}. */
    public static String formatTimestamp(long ms) {
        StringBuilder sb = new StringBuilder(16);
        appendTimestamp(sb, ms);
        return sb.toString();
    }

    public static void appendTimestamp(StringBuilder sb, long ms) {
        if (ms < 0) {
            sb.append('-');
            if (ms == Long.MIN_VALUE) {
                sb.append("9223372036854775.808");
                return;
            }
            ms = -ms;
        }
        sb.append(ms / 1000);
        int frac = (int) (ms % 1000);
        if (frac != 0) {
            sb.append('.');
            sb.append((char) ('0' + frac / 100));
            frac %= 100;
            if (frac != 0) {
                sb.append((char) ('0' + frac / 10));
                frac %= 10;
                if (frac != 0) {
                    sb.append((char) ('0' + frac));
                }
            }
        }
    }
}
