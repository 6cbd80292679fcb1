package io.cairn.promql.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KahanSumTest {
    /** Prometheus' kahanSumInc as written there: Fast2Sum on the larger operand. */
    private static void referenceAdd(double[] sum, double[] c, int i, double inc) {
        double s = sum[i];
        double t = s + inc;
        if (Double.isInfinite(t)) {
            c[i] = 0;
        } else if (Math.abs(s) >= Math.abs(inc)) {
            c[i] += (s - t) + inc;
        } else {
            c[i] += (inc - t) + s;
        }
        sum[i] = t;
    }

    @Test
    void branchFreeErrorEqualsPrometheusBranchingForm() {
        SplittableRandom random = new SplittableRandom(11);
        for (int run = 0; run < 200_000; run++) {
            double[] sum = {0};
            double[] c = {0};
            double[] refSum = {0};
            double[] refC = {0};
            int n = 1 + random.nextInt(12);
            for (int k = 0; k < n; k++) {
                double inc = value(random);
                KahanSum.add(sum, c, 0, inc);
                referenceAdd(refSum, refC, 0, inc);
                int at = k;
                // assertEquals(double, double) tells -0 from +0 and any NaN equals any NaN (the
                // sign of a NaN is not observable in PromQL).
                assertEquals(refSum[0], sum[0], () -> "sum after " + at);
                assertEquals(refC[0], c[0], () -> "compensation after " + at);
            }
        }
    }

    @Test
    void rangeSumEqualsRepeatedAdds() {
        SplittableRandom random = new SplittableRandom(12);
        for (int run = 0; run < 20_000; run++) {
            double[] v = new double[1 + random.nextInt(30)];
            double[] sum = {0};
            double[] c = {0};
            for (int k = 0; k < v.length; k++) {
                v[k] = value(random);
                referenceAdd(sum, c, 0, v[k]);
            }
            assertEquals(sum[0] + c[0], KahanSum.sum(v, 0, v.length));
        }
    }

    @Test
    void classicCancellationIsCompensated() {
        double[] sum = {0};
        double[] c = {0};
        for (double inc : new double[] {1, 1e100, 1, -1e100}) {
            KahanSum.add(sum, c, 0, inc);
        }
        assertEquals(2.0, sum[0] + c[0]);
    }

    /** Similar magnitudes of both signs, huge and tiny ones, subnormals, zeros, NaN and Inf. */
    private static double value(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> Double.MAX_VALUE * random.nextDouble(-1, 1);
            case 1 -> Double.MIN_VALUE * random.nextInt(-1000, 1000);
            case 2 -> random.nextBoolean() ? 0.0 : -0.0;
            case 3 -> switch (random.nextInt(4)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> Double.NEGATIVE_INFINITY;
                default -> Double.MAX_VALUE;
            };
            case 4 -> Math.scalb(random.nextDouble(-1, 1), random.nextInt(-1074, 1024));
            case 5 -> Math.round(random.nextDouble(-1e6, 1e6) * 100) / 100.0;
            default -> random.nextDouble(0, 1e5) * (random.nextInt(8) == 0 ? -1 : 1);
        };
    }
}
