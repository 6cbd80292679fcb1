package io.cairn.http.format;

import java.nio.charset.StandardCharsets;

/**
 * One point of a vector or matrix query answer, byte for byte as Prometheus writes it:
 * {@code [1700000000.123,"1.5"]}.
 *
 * <ul>
 *   <li>The timestamp (epoch milliseconds) is whole seconds plus, when the milliseconds are not
 *       zero, exactly three decimals: {@code 1700000000.100}, {@code -1.500}.
 *   <li>The value is Go's shortest {@code 'f'} formatting, switching to {@code 'e'} with at
 *       least two exponent digits below 1e-6 and from 1e21 on in magnitude ({@code "1e-07"},
 *       {@code "1e+21"}), and {@code NaN}, {@code +Inf}, {@code -Inf}; negative zero is
 *       {@code "-0"}.
 * </ul>
 *
 * <p>A point is at most {@link #MAX_BYTES} long, so room is reserved once per point and the
 * bytes written straight into the {@link JsonBytes} array: nothing is allocated. Stateless and
 * thread-safe.
 */
public final class PointJson {
    /** Below this magnitude (and from {@link #E_FORMAT_ABOVE} on) values use exponent form. */
    private static final double E_FORMAT_BELOW = 1e-6;
    private static final double E_FORMAT_ABOVE = 1e21;
    /** Long.MIN_VALUE ms, the one timestamp whose magnitude has no positive long. */
    private static final byte[] MIN_TIMESTAMP =
            "-9223372036854775.808".getBytes(StandardCharsets.US_ASCII);
    /**
     * A leading comma, '[', the longest timestamp (21 bytes), ',"', a sign and the longest
     * value, '"]'.
     */
    static final int MAX_BYTES = 1 + 1 + MIN_TIMESTAMP.length + 2 + 1
            + ShortestDecimal.MAX_SHORT_LENGTH + 2;

    private PointJson() {}

    /** Appends {@code [ts,"value"]}. */
    public static void append(JsonBytes out, long timeMs, double value) {
        out.ensure(MAX_BYTES);
        out.position(write(out.array(), out.position(), timeMs, value));
    }

    /**
     * Appends points {@code [0, count)} of {@code timesMs} and {@code values}, comma-separated
     * (the content of a matrix series' {@code "values"} array).
     */
    public static void appendAll(JsonBytes out, long[] timesMs, double[] values, int count) {
        for (int i = 0; i < count; i++) {
            out.ensure(MAX_BYTES);
            byte[] b = out.array();
            int p = out.position();
            if (i > 0) {
                b[p++] = ',';
            }
            out.position(write(b, p, timesMs[i], values[i]));
        }
    }

    private static int write(byte[] b, int p, long timeMs, double value) {
        b[p++] = '[';
        p = writeTimestamp(b, p, timeMs);
        b[p++] = ',';
        b[p++] = '"';
        p = writeValue(b, p, value);
        b[p++] = '"';
        b[p++] = ']';
        return p;
    }

    /** The timestamp form of the class comment; returns the end position. */
    static int writeTimestamp(byte[] b, int p, long ms) {
        if (ms < 0) {
            if (ms == Long.MIN_VALUE) {
                System.arraycopy(MIN_TIMESTAMP, 0, b, p, MIN_TIMESTAMP.length);
                return p + MIN_TIMESTAMP.length;
            }
            b[p++] = '-';
            ms = -ms;
        }
        long seconds = ms / 1000;
        int frac = (int) (ms - seconds * 1000);
        p = DecimalDigits.write(b, p, seconds, DecimalDigits.count(seconds));
        if (frac != 0) {
            b[p++] = '.';
            p = DecimalDigits.write(b, p, frac, 3);
        }
        return p;
    }

    /** The value form of the class comment, without quotes; returns the end position. */
    static int writeValue(byte[] b, int p, double v) {
        double abs = Math.abs(v);
        // Written so that NaN, infinities and zero fall through to PromFloat's 'f' form.
        if (abs >= E_FORMAT_ABOVE && abs <= Double.MAX_VALUE || abs < E_FORMAT_BELOW && abs != 0) {
            return PromFloat.writeGoExponent(b, p, v);
        }
        return PromFloat.write(b, p, v, ShortestDecimal.FIXED);
    }
}
