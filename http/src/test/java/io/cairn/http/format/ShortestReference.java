package io.cairn.http.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Slow, obviously-correct shortest round-trip digits with BigDecimal, the oracle of the tests:
 * the fewest significant digits whose rounding of the exact value parses back to {@code v}, and
 * of the (at most two) such roundings the closer one, an exact tie going to the even last digit.
 */
final class ShortestReference {
    private ShortestReference() {}

    /** The shortest decimal of finite {@code v > 0}, trailing zeros stripped. */
    static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        BigDecimal best = null;
        // 17 significant digits always round-trip; walk down while a shorter rounding does.
        for (int precision = 17; precision >= 1; precision--) {
            BigDecimal candidate = roundTripping(exact, precision, v);
            if (candidate == null) {
                break;
            }
            best = candidate;
        }
        if (best == null) {
            throw new IllegalStateException("no 17-digit decimal for " + v);
        }
        return best.stripTrailingZeros();
    }

    private static BigDecimal roundTripping(BigDecimal exact, int precision, double v) {
        BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
        boolean downOk = down.doubleValue() == v;
        boolean upOk = up.doubleValue() == v;
        if (downOk && upOk && down.compareTo(up) != 0) {
            int c = exact.subtract(down).compareTo(up.subtract(exact));
            if (c != 0) {
                return c < 0 ? down : up;
            }
            boolean downEven = !down.unscaledValue().testBit(0);
            return downEven ? down : up;
        }
        return downOk ? down : upOk ? up : null;
    }

    /** Go's 'f' -1 form of {@code v}, via {@link #shortest}. */
    static String fixed(double v) {
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        String s = shortest(Math.abs(v)).toPlainString();
        return v < 0 ? "-" + s : s;
    }

    /** {@link PromFloat#appendJsonNumber}'s form of {@code v}, via {@link #shortest}. */
    static String json(double v) {
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal d = shortest(Math.abs(v));
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - d.scale() - 1;
        String body;
        if (exp >= -4 && exp < 21) {
            body = d.toPlainString();
        } else {
            body = digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "")
                    + "e" + (exp < 0 ? "-" : "+") + Math.abs(exp);
        }
        return v < 0 ? "-" + body : body;
    }
}
