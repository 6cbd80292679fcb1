package io.cairn.storage.codec;

/**
 * Bulk {@code (double) m / 10^s}, bit-identical to the IEEE division, without dividing.
 *
 * <p>Why: a double division costs several times a multiplication and sits in the decode loop of
 * every decimal value; turning one block's mantissas into values was dominated by it.
 *
 * <p>How, per value with {@code x = (double) m}, {@code d = 10^s} and {@code y = RN(1/d)}:
 * <ol>
 *   <li>{@code q0 = x * y} is within about 1.5 ulp of {@code z = x / d};</li>
 *   <li>{@code q = fma(fma(-q0, d, x), y, q0)} corrects it by the exact residual (Markstein's
 *       step), which in practice yields the correctly rounded quotient;</li>
 *   <li>it is accepted only after an exact check: with {@code e = fma(-q, d, x)},
 *       {@code |e| < ulp(q) * d / 2} and q not a power of two (whose lower neighbour is closer)
 *       prove {@code q = RN(z)}; anything else falls back to {@code x / d}.</li>
 * </ol>
 * The check is exact: {@code d = 5^s * 2^s} with {@code 5^s < 2^52} (s &lt;= 22), and x is an
 * integer, so for any q near z, {@code x - q*d} is an integer multiple of {@code ulp(q) * 2^s}
 * below {@code 2^53} of them and thus representable: fma returns it unrounded. A q far from z
 * gives a residual far above the bound even after rounding, so it can only fall back. Ties cannot
 * occur: a quotient halfway between two doubles would need 54 significant bits, while
 * {@code x / d = (x / 2^s) / 5^s} is either exact or not a dyadic fraction at all. Quotients are
 * never subnormal ({@code |x| >= 1} or x = 0, {@code d <= 10^22}).
 *
 * <p>Needs a hardware fused multiply-add for speed ({@link Math#fma} is intrinsic on x86-64
 * with FMA3 and on AArch64); correctness does not depend on it. Stateless; thread-safe.
 */
final class PowerOfTenDivision {
    private static final double[] POW10 = new double[DecimalValueCodec.MAX_SCALE + 1];
    private static final double[] RECIPROCAL = new double[DecimalValueCodec.MAX_SCALE + 1];
    private static final long EXPONENT_BITS = 0x7FF0000000000000L;
    private static final long FRACTION_BITS = 0x000FFFFFFFFFFFFFL;

    static {
        double d = 1.0;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = d; // exact: every power of ten up to 10^22 is a double
            RECIPROCAL[i] = 1.0 / d;
            d *= 10.0;
        }
    }

    private PowerOfTenDivision() {}

    /** {@code out[off + i] = (double) m[i] / 10^scale} for i in [0, k), scale in [0, 22]. */
    static void divide(long[] m, int k, int scale, double[] out, int off) {
        if (scale == 0) {
            for (int i = 0; i < k; i++) {
                out[off + i] = (double) m[i]; // x / 1.0 == x
            }
            return;
        }
        double d = POW10[scale];
        double y = RECIPROCAL[scale];
        for (int i = 0; i < k; i++) {
            out[off + i] = divide((double) m[i], d, y);
        }
    }

    /** {@code x / d} for an integer-valued x, {@code d = 10^s} (1 <= s <= 22), {@code y = RN(1/d)}. */
    static double divide(double x, double d, double y) {
        double q0 = x * y;
        double q = Math.fma(Math.fma(-q0, d, x), y, q0);
        double e = Math.fma(-q, d, x);
        long bits = Double.doubleToRawLongBits(q);
        // ulp(q) / 2 = 2^(exponent - 53), built from q's exponent field; q >= 1e-22 keeps it normal.
        double halfUlpTimesD = Double.longBitsToDouble((bits & EXPONENT_BITS) - (53L << 52)) * d;
        if ((bits & FRACTION_BITS) != 0 && Math.abs(e) < halfUlpTimesD) {
            return q;
        }
        return x / d;
    }
}
