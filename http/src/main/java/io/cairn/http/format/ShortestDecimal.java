package io.cairn.http.format;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Shortest round-trip decimal digits of a double, computed exactly with 64-bit integer arithmetic
 * (no BigDecimal, no allocation per call): the Schubfach idea of R. Giulietti ("The Schubfach
 * way to render doubles", 2020), implemented here from its description.
 *
 * <p>Contract: for finite {@code v > 0}, {@link #write} writes the decimal {@code D × 10^k}
 * with the fewest significant digits that parses back to {@code v} (round-half-even parsing, as
 * Go and Java parse), and among those of that length the one closest to {@code v}; an exact tie
 * goes to the even last digit (what Go's {@code strconv} does). This is the digit contract of
 * Go's {@code strconv.FormatFloat(v, 'f'|'e', -1, 64)} and of Java 19+'s {@code Double.toString}
 * (except that Java renders at least two digits).
 *
 * <p>How: {@code v = c × 2^q}. Parsing maps every real in the rounding interval {@code [vl, vr]}
 * (half-way to the neighbouring doubles; closed when {@code c} is even) back to {@code v}. With
 * {@code k = floor(log10(width))} the interval holds at least one multiple of {@code 10^k} and at
 * most one multiple of {@code 10^(k+1)}. So: if a multiple of {@code 10^(k+1)} lies inside, it
 * is the unique shortest (trailing zeros stripped); otherwise the answer is the one of
 * {@code floor(v / 10^k)} and the next integer that lies inside, or the closer of the two. All
 * comparisons are done on {@code 4 v / 10^k} and the interval ends scaled alike, as
 * floor-plus-"inexact" pairs: the floor from a 128-bit upper approximation {@code g} of a
 * power of ten (table built once with BigInteger), the inexact flag from exact divisibility
 * tests, so that comparisons with even integers are exact.
 *
 * <p>The digits go straight into a byte array ({@link JsonBytes}' or a caller's scratch), in one
 * of three layouts ({@link #FIXED}, {@link #JSON}, {@link #GO_EXPONENT}): one digit generator for
 * every caller. Stateless and thread-safe.
 */
final class ShortestDecimal {
    /** Go's {@code 'f'}: positional, never an exponent ({@code 1e21} is 22 digits). */
    static final int FIXED = 0;
    /**
     * Positional for decimal exponents in [-4, 20], else {@code d.ddde±x} with as few exponent
     * digits as needed (JavaScript's and JSON exporters' choice: short for any magnitude).
     */
    static final int JSON = 1;
    /** Go's {@code 'e'}: always {@code d.ddde±xx}, at least two exponent digits. */
    static final int GO_EXPONENT = 2;
    /**
     * Room {@link #write} needs in {@link #FIXED} form: {@code Double.MIN_VALUE} is "0.", 323
     * zeros and "5" (Double.MAX_VALUE has 309 digits).
     */
    static final int MAX_FIXED_LENGTH = 326;
    /**
     * Room {@link #write} needs in the exponent forms, and in {@link #FIXED} form for values in
     * [1e-6, 1e21): 17 digits, a point and "e-324"; "0.00000" and 17 digits.
     */
    static final int MAX_SHORT_LENGTH = 24;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    /** High and low 64 bits (unsigned) of g(k) in [2^127, 2^128), g ≥ 10^-k·2^-(L(k)-127). */
    private static final long[] G_HI = new long[K_MAX - K_MIN + 1];
    private static final long[] G_LO = new long[K_MAX - K_MIN + 1];
    /** L(k) = floor(log2(10^-k)). */
    private static final int[] LOG2_POW10_NEG = new int[K_MAX - K_MIN + 1];
    /** 5^i for i where 5^i can divide a 55-bit integer. */
    private static final long[] POW5 = new long[24];
    private static final long DOUBLE_INTEGER_LIMIT = 1L << 53;

    static {
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int k = K_MIN; k <= K_MAX; k++) {
            BigInteger g;
            int log2;
            if (k <= 0) {
                BigInteger p = BigInteger.TEN.pow(-k);
                int bits = p.bitLength();
                log2 = bits - 1;
                if (bits <= 128) {
                    g = p.shiftLeft(128 - bits);
                } else {
                    g = p.shiftRight(bits - 128);
                    if (p.getLowestSetBit() < bits - 128) {
                        g = g.add(BigInteger.ONE);
                    }
                }
            } else {
                BigInteger p = BigInteger.TEN.pow(k);
                int bits = p.bitLength();
                log2 = -bits;
                BigInteger[] qr = BigInteger.ONE.shiftLeft(bits + 127).divideAndRemainder(p);
                g = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
            }
            if (g.bitLength() != 128 || g.compareTo(two128) >= 0) {
                throw new IllegalStateException("BUG: g(" + k + ") out of range");
            }
            G_HI[k - K_MIN] = g.shiftRight(64).longValue();
            G_LO[k - K_MIN] = g.longValue();
            LOG2_POW10_NEG[k - K_MIN] = log2;
        }
        long p = 1;
        for (int i = 0; i < POW5.length; i++) {
            POW5[i] = p;
            p *= 5;
        }
    }

    private ShortestDecimal() {}

    /**
     * Writes the shortest digits of finite {@code v > 0} in {@code form} to {@code dst} from
     * {@code pos}, which must have room for {@link #MAX_FIXED_LENGTH} bytes (or
     * {@link #MAX_SHORT_LENGTH} where that bound applies), and returns the end position.
     */
    static int write(byte[] dst, int pos, double v, int form) {
        long bits = Double.doubleToRawLongBits(v);
        int ieeeExp = (int) (bits >>> 52) & 0x7ff;
        long fraction = bits & ((1L << 52) - 1);
        long c;
        int q;
        if (ieeeExp == 0) {
            c = fraction;
            q = -1074;
        } else {
            c = fraction | (1L << 52);
            q = ieeeExp - 1075;
        }
        if (q <= 0 && q > -53 && c < DOUBLE_INTEGER_LIMIT
                && Long.numberOfTrailingZeros(c) >= -q) {
            // An integer below 2^53: its neighbours are at most 1 away, so no shorter decimal
            // (a multiple of 10 other than itself) can round to it.
            return stripAndWrite(dst, pos, c >> -q, 0, form);
        }
        boolean irregular = fraction == 0 && ieeeExp > 1;
        int k = irregular ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
        return stripAndWrite(dst, pos, shortestAtScale(c, q, k, irregular), k, form);
    }

    /**
     * The shortest decimal significand of {@code c × 2^q} at scale {@code 10^k}
     * ({@code k} from {@link #floorLog10Pow2} or, for the irregular spacing at a power of two,
     * {@link #floorLog10ThreeQuartersPow2}), trailing zeros not yet stripped.
     */
    private static long shortestAtScale(long c, int q, int k, boolean irregular) {
        long cb = c << 2;
        long cbl = irregular ? cb - 1 : cb - 2;
        long cbr = cb + 2;
        int idx = k - K_MIN;
        long gHi = G_HI[idx];
        long gLo = G_LO[idx];
        // x(cb) = cb * 2^q * 10^-k  ~  (cb << shift) * g / 2^131, shift in [0, 7].
        int shift = q + LOG2_POW10_NEG[idx] + 4;
        long vb = roundToOdd(cb, shift, gHi, gLo, q, k);
        long vbl = roundToOdd(cbl, shift, gHi, gLo, q, k);
        long vbr = roundToOdd(cbr, shift, gHi, gLo, q, k);
        // Parsing rounds half to even: an odd significand does not own its interval's ends.
        long open = c & 1;
        vbl += open;
        vbr -= open;

        long s = vb >> 2;
        long sp10 = (s / 10) * 10;
        long tp10 = sp10 + 10;
        boolean lowerTenIn = vbl <= sp10 << 2;
        boolean upperTenIn = tp10 << 2 <= vbr;
        long d;
        if (lowerTenIn != upperTenIn) {
            d = lowerTenIn ? sp10 : tp10;
        } else {
            long t = s + 1;
            boolean lowerIn = vbl <= s << 2;
            boolean upperIn = t << 2 <= vbr;
            if (lowerIn != upperIn) {
                d = lowerIn ? s : t;
            } else {
                long cmp = vb - ((s + t) << 1);
                d = cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t;
            }
        }
        return d;
    }

    /**
     * Writes {@code d × 10^k} (0 < d < 10^17) after stripping d's trailing zeros: by 10^8, 10^4,
     * 10^2 and 10 rather than one at a time, since the digits of a value like 1.37 come out as
     * 137 followed by 14 zeros and fourteen divisions cost more than the rest of the algorithm.
     */
    private static int stripAndWrite(byte[] dst, int pos, long d, int k, int form) {
        long t = d / 100_000_000;
        if (t * 100_000_000 == d) {
            d = t;
            k += 8;
            t = d / 100_000_000;
            if (t * 100_000_000 == d) {
                d = t;
                k += 8;
            }
        }
        t = d / 10_000;
        if (t * 10_000 == d) {
            d = t;
            k += 4;
        }
        t = d / 100;
        if (t * 100 == d) {
            d = t;
            k += 2;
        }
        t = d / 10;
        if (t * 10 == d) {
            d = t;
            k += 1;
        }
        return Layout.write(dst, pos, d, k, form);
    }

    /**
     * {@code x = cb * 2^q * 10^-k} (four times the value over 10^k) rounded to odd: {@code floor(x)} when x is an integer,
     * otherwise {@code floor(x) | 1}. Comparing the result with an even integer gives the same
     * answer as comparing x itself.
     */
    private static long roundToOdd(long cb, int shift, long gHi, long gLo, int q, int k) {
        long cp = cb << shift;
        // floor(cp * g / 2^128), g = gHi:gLo unsigned, exactly (192-bit product).
        long loHi = unsignedMultiplyHigh(cp, gLo);
        long hiLo = cp * gHi;
        long hiHi = unsignedMultiplyHigh(cp, gHi);
        long mid = loHi + hiLo;
        if (Long.compareUnsigned(mid, loHi) < 0) {
            hiHi++;
        }
        long floor = hiHi >>> 3;
        return isInteger(cb, q, k) ? floor : floor | 1;
    }

    /** Whether {@code cb * 2^q * 10^-k} is an integer. */
    private static boolean isInteger(long cb, int q, int k) {
        if (k <= 0) {
            // cb * 5^-k * 2^(q-k): integral when the power of two's deficit fits in cb's zeros.
            return Long.numberOfTrailingZeros(cb) >= k - q;
        }
        // k > 0 implies q > k, so only 5^k has to divide cb.
        return k < POW5.length && cb % POW5[k] == 0;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** floor(q * log10(2)) for |q| <= 2^16, by a 41-bit fixed-point approximation. */
    static int floorLog10Pow2(int q) {
        return (int) ((q * 661_971_961_083L) >> 41);
    }

    /** floor(q * log10(2) + log10(3/4)) for |q| <= 2^16. */
    static int floorLog10ThreeQuartersPow2(int q) {
        return (int) ((q * 661_971_961_083L - 274_743_187_321L) >> 41);
    }

    /** Writes {@code d × 10^k} (d > 0 without trailing zeros) in one of the layouts. */
    static final class Layout {
        private Layout() {}

        static int write(byte[] dst, int pos, long d, int k, int form) {
            int len = DecimalDigits.count(d);
            int point = len + k; // value = 0.digits × 10^point
            if (form == FIXED || (form == JSON && point > -4 && point <= 21)) {
                return positional(dst, pos, d, len, point);
            }
            // d.ddd: the digits one to the right, then the first moved left over the gap.
            DecimalDigits.write(dst, pos + 1, d, len);
            dst[pos] = dst[pos + 1];
            if (len > 1) {
                dst[pos + 1] = '.';
                pos += len + 1;
            } else {
                pos++;
            }
            int exp = point - 1;
            dst[pos++] = 'e';
            dst[pos++] = (byte) (exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            int width = e >= 100 ? 3 : e >= 10 || form == GO_EXPONENT ? 2 : 1;
            return DecimalDigits.write(dst, pos, e, width);
        }

        private static int positional(byte[] dst, int pos, long d, int len, int point) {
            if (point <= 0) {
                dst[pos] = '0';
                dst[pos + 1] = '.';
                int zerosEnd = pos + 2 - point;
                Arrays.fill(dst, pos + 2, zerosEnd, (byte) '0');
                return DecimalDigits.write(dst, zerosEnd, d, len);
            }
            if (point >= len) {
                int digitsEnd = DecimalDigits.write(dst, pos, d, len);
                Arrays.fill(dst, digitsEnd, pos + point, (byte) '0');
                return pos + point;
            }
            // The point falls inside: the digits one to the right, the integer part moved left.
            DecimalDigits.write(dst, pos + 1, d, len);
            for (int i = 0; i < point; i++) {
                dst[pos + i] = dst[pos + i + 1];
            }
            dst[pos + point] = '.';
            return pos + len + 1;
        }
    }
}
