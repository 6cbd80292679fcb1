package io.cairn.promql.eval;

import java.math.BigDecimal;

/**
 * Go's float and string formatting where PromQL exposes it in results and messages:
 * {@code strconv.FormatFloat(f, 'f', -1, 64)} (count_values labels), {@code %g} and {@code %v}
 * (annotation and error texts) and {@code strconv.Quote}.
 */
public final class GoFormat {
    private GoFormat() {}

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest round-trip digits, no exponent. */
    public static String formatFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Go's {@code %g}/{@code %v} of a float64: shortest digits, exponent when large or small. */
    public static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = d.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (v < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return sb.toString();
        }
        return d.toPlainString();
    }

    /** Go's {@code %v} of a float64 (same as {@code %g} with shortest digits). */
    public static String formatV(double v) {
        return formatG(v);
    }

    /** Go's {@code strconv.Quote}. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        LabelUtil.goQuote(sb, s);
        return sb.toString();
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "[+-]?(?:(?:\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(?:[eE][+-]?\\d[\\d_]*)?)");
    private static final java.util.regex.Pattern SPECIAL =
            java.util.regex.Pattern.compile("[+-]?(?i:inf|infinity|nan)");
    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile(
            "[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");

    /** Go's {@code strconv.ParseFloat(s, 64)}, or null when it would fail. */
    public static Double parseFloat(String s) {
        if (SPECIAL.matcher(s).matches()) {
            String l = s.toLowerCase(java.util.Locale.ROOT);
            if (l.contains("nan")) {
                return Double.NaN;
            }
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            if (HEX.matcher(s).matches()) {
                return Double.parseDouble(s);
            }
            if (DECIMAL.matcher(s).matches() && !s.contains("_")) {
                return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
