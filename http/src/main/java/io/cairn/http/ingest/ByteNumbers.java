package io.cairn.http.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Number parsing straight from request bytes, without a String for the common cases. Accepts
 * what Go's {@code strconv.ParseFloat} accepts for decimal input: an optional sign, digits with an
 * optional fraction and exponent, and (case-insensitively) {@code NaN}, {@code Inf},
 * {@code Infinity} with an optional sign. Hexadecimal floats and Java's {@code d}/{@code f}
 * suffixes are rejected.
 */
final class ByteNumbers {
    /** Exact powers of ten as doubles: 10^0 .. 10^22 are all exactly representable. */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private ByteNumbers() {}

    /** Thrown for text that is no number; carries no stack trace since it is a client error. */
    static final class NotANumber extends Exception {
        private static final long serialVersionUID = 1L;

        NotANumber() {
            super(null, null, false, false);
        }
    }

    private static final NotANumber NOT_A_NUMBER = new NotANumber();

    static double parseDouble(byte[] b, int off, int len) throws NotANumber {
        if (len <= 0) {
            throw NOT_A_NUMBER;
        }
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        if (i < end && isLetter(b[i])) {
            return special(b, i, end, negative);
        }
        // Clinger's fast path: up to 15 significant digits and a small power of ten are exact.
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        boolean sawDigit = false;
        for (; i < end && isDigit(b[i]); i++) {
            sawDigit = true;
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                exp10++;
                digits++;
            }
        }
        if (i < end && b[i] == '.') {
            i++;
            for (; i < end && isDigit(b[i]); i++) {
                sawDigit = true;
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    exp10--;
                    if (mantissa != 0) {
                        digits++;
                    }
                } else {
                    digits++;
                }
            }
        }
        if (!sawDigit) {
            throw NOT_A_NUMBER;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            if (i == end || !isDigit(b[i])) {
                throw NOT_A_NUMBER;
            }
            int e = 0;
            for (; i < end && isDigit(b[i]); i++) {
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
            }
            exp10 += expNegative ? -e : e;
        }
        if (i != end) {
            throw NOT_A_NUMBER;
        }
        double v;
        if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
            v = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
        } else {
            // Syntax is checked above, so Java's parser (correctly rounded) sees plain decimals.
            v = Double.parseDouble(new String(b, off, len, StandardCharsets.US_ASCII));
            return v;
        }
        return negative ? -v : v;
    }

    private static double special(byte[] b, int i, int end, boolean negative) throws NotANumber {
        int n = end - i;
        if (n == 3 && lower(b[i]) == 'n' && lower(b[i + 1]) == 'a' && lower(b[i + 2]) == 'n') {
            return Double.NaN;
        }
        if ((n == 3 && matches(b, i, "inf")) || (n == 8 && matches(b, i, "infinity"))) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw NOT_A_NUMBER;
    }

    private static boolean matches(byte[] b, int i, String lowerWord) {
        for (int k = 0; k < lowerWord.length(); k++) {
            if (lower(b[i + k]) != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A signed decimal long; overflow is an error. */
    static long parseLong(byte[] b, int off, int len) throws NotANumber {
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) {
            throw NOT_A_NUMBER;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw NOT_A_NUMBER;
            }
            // Accumulate negatively so that Long.MIN_VALUE parses.
            if (v < (Long.MIN_VALUE + d) / 10) {
                throw NOT_A_NUMBER;
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw NOT_A_NUMBER;
            }
            return -v;
        }
        return v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(byte c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static int lower(byte c) {
        return c | 0x20;
    }
}
