package io.cairn.http.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ShortestDecimal} (through {@link PromFloat}) against the BigDecimal oracle
 * {@link ShortestReference}, over random bit patterns of every exponent, subnormals, decimal
 * values, integers, powers of two and ten and their neighbours. The number of random doubles
 * scales with {@code -Dcairn.shortest.samples} (default 200,000;
 * run with 4,000,000 after changing the algorithm).
 */
class ShortestDecimalTest {
    private static final int SAMPLES = Integer.getInteger("cairn.shortest.samples", 200_000);

    private static void check(double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        String expectedFixed = ShortestReference.fixed(v);
        assertEquals(expectedFixed, PromFloat.format(v), () -> "fixed form of " + v);
        StringBuilder json = new StringBuilder();
        PromFloat.appendJsonNumber(json, v);
        assertEquals(ShortestReference.json(v), json.toString(), () -> "json form of " + v);
        assertEquals(v, Double.parseDouble(expectedFixed));
    }

    private static void checkWithNeighbours(double v) {
        check(v);
        check(Math.nextUp(v));
        check(Math.nextDown(v));
        check(-v);
    }

    @Test
    void randomBitPatterns() {
        SplittableRandom rnd = new SplittableRandom(20261121);
        for (int i = 0; i < SAMPLES / 2; i++) {
            check(Double.longBitsToDouble(rnd.nextLong()));
        }
    }

    @Test
    void randomDecimalValuesLikeMetrics() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < SAMPLES / 4; i++) {
            long mantissa = rnd.nextLong(1, 10_000_000_000L);
            int scale = rnd.nextInt(-12, 12);
            double v = new BigDecimal(mantissa).scaleByPowerOfTen(-scale).doubleValue();
            check(v);
            // Typical results of arithmetic on such values (rates, ratios, averages).
            check(v / 3.0);
            check(v * 0.1);
        }
    }

    @Test
    void subnormals() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < SAMPLES / 10; i++) {
            check(Double.longBitsToDouble(rnd.nextLong(1, 1L << 52)));
        }
        for (long bits = 1; bits < 5000; bits++) {
            check(Double.longBitsToDouble(bits));
            check(Double.longBitsToDouble((1L << 52) - bits));
        }
        check(Double.MIN_VALUE);
        check(Double.MIN_NORMAL);
    }

    @Test
    void powersOfTwoAndTenAndTheirNeighbours() {
        for (int e = -1074; e <= 1023; e++) {
            checkWithNeighbours(Math.scalb(1.0, e));
            checkWithNeighbours(Math.scalb(1.5, e));
        }
        for (int e = -325; e <= 308; e++) {
            checkWithNeighbours(Double.parseDouble("1e" + e));
            checkWithNeighbours(Double.parseDouble("5e" + e));
            checkWithNeighbours(Double.parseDouble("9.999999999999999e" + e));
        }
        checkWithNeighbours(Double.MAX_VALUE);
    }

    @Test
    void integersAndHalves() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (long n = 0; n < 100_000; n++) {
            check(n);
            check(n + 0.5);
        }
        for (int i = 0; i < SAMPLES / 10; i++) {
            long n = rnd.nextLong(1L << 62);
            check((double) n);
            check((double) (n >>> rnd.nextInt(62)));
        }
    }

    @Test
    void log10ApproximationsAreExactOverTheDoubleRange() {
        for (int q = -1100; q <= 1000; q++) {
            BigDecimal pow2 = q >= 0 ? new BigDecimal(java.math.BigInteger.TWO.pow(q))
                    : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.TWO.pow(-q)));
            assertEquals(floorLog10(pow2), ShortestDecimal.floorLog10Pow2(q), "q=" + q);
            BigDecimal threeQuarters = pow2.multiply(new BigDecimal("0.75"));
            assertEquals(floorLog10(threeQuarters),
                    ShortestDecimal.floorLog10ThreeQuartersPow2(q), "3/4 q=" + q);
        }
    }

    /** floor(log10(x)) of an exact positive decimal. */
    private static int floorLog10(BigDecimal x) {
        BigDecimal r = x.round(new MathContext(1, RoundingMode.FLOOR));
        return r.precision() - r.scale() - 1;
    }
}
