package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The division-free path must equal {@code (double) m / 10^s} bit for bit for every long m. */
class PowerOfTenDivisionTest {
    private static final double[] POW10 = new double[23];

    static {
        double d = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = d;
            d *= 10;
        }
    }

    @Test
    void edgeMantissasAtEveryScale() {
        long[] edges = {0, 1, -1, 5, 10, 99, 100, 101, 12345, (1L << 53) - 1, 1L << 53, (1L << 53) + 1, -(1L << 53),
            (1L << 52) + 1, 999_999_999_999_999L, 4_503_599_627_370_497L, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, 1L << 62, 3L << 61, 2_384_185_791_015_625L /* 5^22 */, 476_837_158_203_125L /* 5^21 */};
        long[] m = new long[edges.length * 5];
        int k = 0;
        for (long e : edges) {
            m[k++] = e;
            m[k++] = e + 1;
            m[k++] = e - 1;
            m[k++] = -e;
            m[k++] = e * 10;
        }
        for (int s = 0; s <= 22; s++) {
            check(m, m.length, s);
        }
    }

    @Test
    void randomMantissasOfAllMagnitudesAndScales() {
        SplittableRandom r = new SplittableRandom(31);
        long[] m = new long[4096];
        for (int round = 0; round < 600; round++) {
            int s = r.nextInt(23);
            for (int i = 0; i < m.length; i++) {
                switch (r.nextInt(5)) {
                    case 0: m[i] = r.nextLong(); break;
                    case 1: m[i] = r.nextLong(-(1L << 53), (1L << 53) + 1); break;
                    case 2: m[i] = r.nextLong(1L << r.nextInt(1, 63)) * (r.nextBoolean() ? 1 : -1); break;
                    case 3: m[i] = r.nextLong(1, 1_000_000) * (long) POW10[r.nextInt(0, 13)]; break; // exact quotients
                    default: m[i] = r.nextLong(-100_000, 100_000); break;
                }
            }
            check(m, m.length, s);
        }
    }

    private static void check(long[] m, int k, int s) {
        double[] out = new double[k + 3];
        PowerOfTenDivision.divide(m, k, s, out, 3);
        for (int i = 0; i < k; i++) {
            double expected = (double) m[i] / POW10[s];
            if (Double.doubleToRawLongBits(out[3 + i]) != Double.doubleToRawLongBits(expected)) {
                fail("m=" + m[i] + " s=" + s + ": expected " + expected + " got " + out[3 + i]);
            }
        }
    }
}
