package io.cairn.promql.functions;

/**
 * Element-wise math functions of PromQL with Go's float64 semantics where Java differs
 * (log2 exact on powers of two, inverse hyperbolic functions, sgn of NaN and zero).
 */
public final class MathKernels {
    private MathKernels() {}

    /** A double-to-double function without boxing. */
    @FunctionalInterface
    public interface Unary {
        double apply(double x);
    }

    /** The kernel for a function name, or null when the name is not an element-wise function. */
    public static Unary forName(String name) {
        return switch (name) {
            case "abs" -> Math::abs;
            case "ceil" -> Math::ceil;
            case "floor" -> Math::floor;
            case "exp" -> Math::exp;
            case "sqrt" -> Math::sqrt;
            case "ln" -> Math::log;
            case "log2" -> MathKernels::log2;
            case "log10" -> Math::log10;
            case "sin" -> Math::sin;
            case "cos" -> Math::cos;
            case "tan" -> Math::tan;
            case "asin" -> Math::asin;
            case "acos" -> Math::acos;
            case "atan" -> Math::atan;
            case "sinh" -> Math::sinh;
            case "cosh" -> Math::cosh;
            case "tanh" -> Math::tanh;
            case "asinh" -> MathKernels::asinh;
            case "acosh" -> MathKernels::acosh;
            case "atanh" -> MathKernels::atanh;
            case "deg" -> x -> x * 180 / Math.PI;
            case "rad" -> x -> x * Math.PI / 180;
            case "sgn" -> x -> x < 0 ? -1 : x > 0 ? 1 : x;
            default -> null;
        };
    }

    /** Go's math.Log2: exact for powers of two. */
    public static double log2(double x) {
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Double.isInfinite(x)) {
            return x;
        }
        int exp = Math.getExponent(x);
        double frac;
        if (exp == Double.MIN_EXPONENT - 1) {
            // Subnormal: normalise first.
            double scaled = x * 0x1p54;
            exp = Math.getExponent(scaled) - 54;
            frac = scaled / Math.scalb(1.0, Math.getExponent(scaled)) / 2;
        } else {
            frac = x / Math.scalb(1.0, exp) / 2;
        }
        // x = frac * 2^(exp+1) with frac in [0.5, 1), as Go's Frexp.
        exp += 1;
        if (frac == 0.5) {
            return exp - 1;
        }
        return Math.log(frac) * (1 / Math.log(2)) + exp;
    }

    public static double asinh(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
            return x;
        }
        double a = Math.abs(x);
        double r = a > 0x1p28 ? Math.log(a) + Math.log(2)
                : a > 2 ? Math.log(2 * a + 1 / (Math.sqrt(a * a + 1) + a))
                : a < 0x1p-28 ? a
                : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return x < 0 ? -r : r;
    }

    public static double acosh(double x) {
        if (x < 1 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == 1) {
            return 0;
        }
        if (x >= 0x1p28) {
            return Math.log(x) + Math.log(2);
        }
        if (x > 2) {
            return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
        }
        double t = x - 1;
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    public static double atanh(double x) {
        if (x < -1 || x > 1 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == -1) {
            return Double.NEGATIVE_INFINITY;
        }
        double a = Math.abs(x);
        double t = a < 0.5 ? 0.5 * Math.log1p(2 * a + 2 * a * a / (1 - a)) : 0.5 * Math.log1p((a + a) / (1 - a));
        return x < 0 ? -t : t;
    }
}
