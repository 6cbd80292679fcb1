package io.cairn.http.format;

import java.nio.charset.StandardCharsets;

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
 * <p>Shortest digits come from {@link ShortestDecimal} (exact; the same digits as Go's shortest
 * formatting on every JDK, where Java 17's {@code Double.toString} is not always shortest,
 * JDK-4511638, and Java 19+'s writes at least two digits). The {@link JsonBytes} variants write
 * straight into the body and allocate nothing; the {@code String} and {@code StringBuilder}
 * ones go through a scratch array per call, which is fine where a value is written once per
 * series or response. Stateless and thread-safe.
 */
public final class PromFloat {
    private static final byte[] NAN = {'N', 'a', 'N'};
    private static final byte[] POSITIVE_INF = {'+', 'I', 'n', 'f'};
    private static final byte[] NEGATIVE_INF = {'-', 'I', 'n', 'f'};
    /** Room {@link #write} needs: a sign and {@link ShortestDecimal#MAX_FIXED_LENGTH}. */
    private static final int MAX_LENGTH = 1 + ShortestDecimal.MAX_FIXED_LENGTH;

    private PromFloat() {}

    public static String format(double v) {
        byte[] scratch = new byte[MAX_LENGTH];
        int n = write(scratch, 0, v, ShortestDecimal.FIXED);
        return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Appends {@link #format(double)} of {@code v}. */
    public static void append(StringBuilder sb, double v) {
        appendAscii(sb, v, ShortestDecimal.FIXED);
    }

    /** Appends {@link #format(double)} of {@code v}, reserving room once. */
    public static void append(JsonBytes out, double v) {
        out.ensure(MAX_LENGTH);
        out.position(write(out.array(), out.position(), v, ShortestDecimal.FIXED));
    }

    /**
     * Appends {@code v} (finite) as a JSON number with shortest round-trip digits, in exponent
     * form when the decimal exponent is below -4 or at least 21.
     */
    public static void appendJsonNumber(StringBuilder sb, double v) {
        appendAscii(sb, finite(v), ShortestDecimal.JSON);
    }

    /** {@link #appendJsonNumber(StringBuilder, double)} into {@code out}. */
    public static void appendJsonNumber(JsonBytes out, double v) {
        out.ensure(MAX_LENGTH);
        out.position(write(out.array(), out.position(), finite(v), ShortestDecimal.JSON));
    }

    /**
     * Writes finite {@code v} (which may be zero) as Go's {@code strconv.FormatFloat(v, 'e', -1,
     * 64)}: shortest digits as {@code d.ddde±xx}, at least two exponent digits, into
     * {@code dst} from {@code pos} with room for 1 + {@link ShortestDecimal#MAX_SHORT_LENGTH}
     * bytes; returns the end position.
     */
    static int writeGoExponent(byte[] dst, int pos, double v) {
        return write(dst, pos, v, ShortestDecimal.GO_EXPONENT);
    }

    /**
     * Writes {@code v} in {@code form}: a sign (also for -0), then NaN / Inf for non-finite
     * values, otherwise the shortest digits; returns the end position. The room needed is that
     * of {@link ShortestDecimal#write} plus one.
     */
    static int write(byte[] dst, int pos, double v, int form) {
        double abs = Math.abs(v);
        if (!(abs <= Double.MAX_VALUE)) {
            byte[] special = Double.isNaN(v) ? NAN : v > 0 ? POSITIVE_INF : NEGATIVE_INF;
            System.arraycopy(special, 0, dst, pos, special.length);
            return pos + special.length;
        }
        if (Double.doubleToRawLongBits(v) < 0) {
            dst[pos++] = '-';
        }
        if (abs == 0) {
            dst[pos] = '0';
            return pos + 1;
        }
        return ShortestDecimal.write(dst, pos, abs, form);
    }

    /** The StringBuilder sink: formats into a scratch array (no hot path uses it). */
    private static void appendAscii(StringBuilder sb, double v, int form) {
        byte[] scratch = new byte[MAX_LENGTH];
        int n = write(scratch, 0, v, form);
        for (int i = 0; i < n; i++) {
            sb.append((char) scratch[i]);
        }
    }

    private static double finite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite JSON number: " + v);
        }
        return v;
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
