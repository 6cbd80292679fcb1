package io.cairn.http.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

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
 * <p>Shortest digits: Java 19+ {@link Double#toString(double)} is specified to return the
 * shortest (and among those the closest) decimal and is used directly. Java 17's is not always
 * shortest (JDK-4511638), so there the digits are found with {@link BigDecimal}: starting from
 * {@code Double.toString}'s digits, shorter roundings are tried while one still parses back to
 * the same double, and among the two roundings of the final length the closer one is kept.
 * Integers below 2^53 take a fast path. Stateless and thread-safe.
 */
public final class PromFloat {
    private static final boolean JDK_TO_STRING_IS_SHORTEST = Runtime.version().feature() >= 19;
    private static final double FAST_INTEGER_LIMIT = 0x1p53;

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
        Decimal d = shortest(Math.abs(v));
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            sb.append('-');
        }
        d.appendFixed(sb);
    }

    /**
     * Appends {@code v} (finite) as a JSON number with shortest round-trip digits, in exponent
     * form when the decimal exponent is below -4 or at least 21.
     */
    public static void appendJsonNumber(StringBuilder sb, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite JSON number: " + v);
        }
        Decimal d = shortest(Math.abs(v));
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            sb.append('-');
        }
        int exp = d.point - 1;
        if (d.digits.equals("0") || (exp >= -4 && exp < 21)) {
            d.appendFixed(sb);
        } else {
            sb.append(d.digits.charAt(0));
            if (d.digits.length() > 1) {
                sb.append('.').append(d.digits, 1, d.digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
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

    /** A positive decimal {@code 0.digits × 10^point}, digits without leading/trailing zeros. */
    record Decimal(String digits, int point) {
        void appendFixed(StringBuilder sb) {
            int n = digits.length();
            if (point <= 0) {
                sb.append("0.");
                for (int i = point; i < 0; i++) {
                    sb.append('0');
                }
                sb.append(digits);
            } else if (point >= n) {
                sb.append(digits);
                for (int i = n; i < point; i++) {
                    sb.append('0');
                }
            } else {
                sb.append(digits, 0, point).append('.').append(digits, point, n);
            }
        }
    }

    /** The shortest round-trip decimal of finite {@code v >= 0}. */
    static Decimal shortest(double v) {
        if (v == 0) {
            return new Decimal("0", 1);
        }
        if (v < FAST_INTEGER_LIMIT && v == Math.rint(v)) {
            return normalise(Long.toString((long) v), Long.toString((long) v).length());
        }
        Decimal candidate = parseJavaToString(Double.toString(v));
        if (JDK_TO_STRING_IS_SHORTEST) {
            return candidate;
        }
        return shortestWithBigDecimal(v, candidate.digits.length());
    }

    /** Exact search (see class comment), given that {@code knownDigits} digits suffice. */
    static Decimal shortestWithBigDecimal(double v, int knownDigits) {
        BigDecimal exact = new BigDecimal(v);
        int length = knownDigits;
        while (length > 1 && roundTrips(exact, length - 1, v) != null) {
            length--;
        }
        BigDecimal best = roundTrips(exact, length, v);
        if (best == null) {
            throw new IllegalStateException("BUG: no " + length + "-digit decimal for " + v);
        }
        return fromBigDecimal(best);
    }

    /**
     * The closer of the two {@code precision}-digit roundings of {@code exact} that parses back to
     * {@code v}, or null if neither does.
     */
    private static BigDecimal roundTrips(BigDecimal exact, int precision, double v) {
        BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
        boolean downOk = down.doubleValue() == v;
        boolean upOk = up.doubleValue() == v;
        if (downOk && upOk) {
            int c = exact.subtract(down).compareTo(up.subtract(exact));
            return c <= 0 ? down : up;
        }
        return downOk ? down : upOk ? up : null;
    }

    private static Decimal fromBigDecimal(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        return new Decimal(digits, digits.length() - s.scale());
    }

    /** Digits and point of Java's "123.45" or "1.2345E-7" renderings of a positive double. */
    static Decimal parseJavaToString(String s) {
        int e = s.indexOf('E');
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        String mantissa = e < 0 ? s : s.substring(0, e);
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        return normalise(digits, dot + exp);
    }

    private static Decimal normalise(String digits, int point) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
            point--;
        }
        int end = digits.length();
        while (end > start + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return new Decimal(digits.substring(start, end), point);
    }
}
