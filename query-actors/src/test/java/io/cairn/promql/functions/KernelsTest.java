package io.cairn.promql.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelsTest {

    private static Window window(long start, long end) {
        Window w = new Window();
        w.startMs = start;
        w.endMs = end;
        w.rangeMs = end - start;
        w.evalTimeMs = end;
        return w;
    }

    @Test
    void rateExtrapolatesToWindowBoundsAndCorrectsResets() {
        long[] ts = {15_000, 30_000, 45_000, 60_000};
        // Counter 3, 6, 1 (reset), 4: increase 1 + 6 (reset correction) = ... 4 - 3 + 6 = 7.
        double[] v = {3, 6, 1, 4};
        Window w = window(0, 60_000);
        // Samples span 45s; start gap 15s < 1.1 * 15s, so extrapolate fully to 0 ... but not below
        // zero: the zero point is 45s * 3/7 = 19.3s back, more than 15s, so 15s it is.
        double increase = RateKernels.INCREASE.apply(ts, v, 0, 4, w);
        assertEquals(7.0 * 60 / 45, increase, 1e-12);
        assertEquals(7.0 * 60 / 45 / 60, RateKernels.RATE.apply(ts, v, 0, 4, w), 1e-12);
        assertEquals(1.0 * 60 / 45, RateKernels.DELTA.apply(ts, v, 0, 4, w), 1e-12);
        assertEquals(3.0 / 15, RateKernels.IRATE.apply(ts, v, 0, 4, w), 1e-12);
        assertEquals(3.0, RateKernels.IDELTA.apply(ts, v, 0, 4, w), 1e-12);
        assertEquals(2, RateKernels.RATE.minPoints());
    }

    @Test
    void rateDoesNotExtrapolateCounterBelowZero() {
        long[] ts = {40_000, 50_000, 60_000};
        double[] v = {1, 11, 21};
        // Zero point is 1s before the first sample: extrapolate only that far at the start.
        double inc = RateKernels.INCREASE.apply(ts, v, 0, 3, window(0, 60_000));
        assertEquals(20.0 * (20 + 1) / 20, inc, 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"0,1", "0.25,1.75", "0.5,2.5", "1,4", "-1,-Infinity", "2,Infinity"})
    void quantileInterpolatesBetweenRanks(double q, double want) {
        assertEquals(want, Quantiles.quantile(q, new double[] {4, 1, 3, 2}, 4), 1e-12);
    }

    @Test
    void quantileSortsNaNFirst() {
        double[] v = {2, Double.NaN, 1};
        Quantiles.sortNaNFirst(v, 3);
        assertTrue(Double.isNaN(v[0]));
        assertEquals(1, v[1]);
        assertEquals(2, v[2]);
    }

    @Test
    void kahanSumKeepsSmallTerms() {
        double[] v = {1e16, 1, 1, -1e16};
        assertEquals(2, KahanSum.sum(v, 0, 4));
        assertEquals(2, OverTimeKernels.SUM.apply(new long[4], v, 0, 4, window(0, 1)));
    }

    @Test
    void meanSurvivesOverflow() {
        double[] v = {Double.MAX_VALUE, Double.MAX_VALUE};
        assertEquals(Double.MAX_VALUE, OverTimeKernels.mean(v, 0, 2), Double.MAX_VALUE * 1e-15);
    }

    @Test
    void derivAndPredictLinear() {
        long[] ts = {0, 10_000, 20_000};
        double[] v = {0, 5, 10};
        assertEquals(0.5, RegressionKernels.DERIV.apply(ts, v, 0, 3, window(-1, 20_000)), 1e-12);
        Window w = window(-1, 20_000);
        w.arg1 = 60;
        assertEquals(10 + 30, RegressionKernels.PREDICT_LINEAR.apply(ts, v, 0, 3, w), 1e-9);
    }

    @Test
    void classicBucketQuantileAndFraction() {
        BucketKernels k = new BucketKernels();
        double[] bounds = {Double.POSITIVE_INFINITY, 1, 2};
        double[] counts = {10, 4, 8};
        // Rank 7.5 falls in (1, 2] holding counts 4..8: 1 + (7.5 - 4) / 4.
        assertEquals(1.875, k.quantile(0.75, bounds.clone(), counts.clone(), 3), 1e-12);
        assertFalse(k.forcedMonotonic);
        assertEquals(2, k.quantile(0.9, bounds.clone(), counts.clone(), 3), 1e-12);
        assertEquals(0.2, k.fraction(1, 1.5, bounds.clone(), counts.clone(), 3), 1e-12);
        // Decreasing cumulative counts are forced monotonic and reported.
        k.quantile(0.5, new double[] {1, 2, Double.POSITIVE_INFINITY}, new double[] {5, 3, 10}, 3);
        assertTrue(k.forcedMonotonic);
        // No +Inf bucket: no answer.
        assertTrue(Double.isNaN(k.quantile(0.5, new double[] {1, 2}, new double[] {1, 2}, 2)));
    }

    @ParameterizedTest
    @CsvSource({"1,1,true", "0,1e-17,false", "NaN,NaN,true", "1,1.000001,true", "1,1.00001,false",
        "Infinity,Infinity,true", "Infinity,1e308,false"})
    void almostEqual(double a, double b, boolean eq) {
        assertEquals(eq, AlmostEqual.equal(a, b, 1e-6));
    }

    @Test
    void goMathSemantics() {
        assertEquals(1, ArithmeticKernels.goPow(1, Double.NaN));
        assertEquals(1, ArithmeticKernels.goPow(-1, Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(ArithmeticKernels.goMod(Double.POSITIVE_INFINITY, 2)));
        assertEquals(-1, ArithmeticKernels.goMod(-7, 3));
        assertEquals(10, MathKernels.log2(1024));
        assertEquals(-1074, MathKernels.log2(Double.MIN_VALUE));
    }

    @ParameterizedTest
    @CsvSource({"0,1970,1,1,4,31", "951782400,2000,2,29,2,29", "-1,1969,12,31,3,31", "1709251199,2024,2,29,4,29"})
    void calendarFunctions(double t, int year, int month, int day, int dow, int daysInMonth) {
        assertEquals(year, TimeKernels.forName("year").apply(t));
        assertEquals(month, TimeKernels.forName("month").apply(t));
        assertEquals(day, TimeKernels.forName("day_of_month").apply(t));
        assertEquals(dow, TimeKernels.forName("day_of_week").apply(t));
        assertEquals(daysInMonth, TimeKernels.forName("days_in_month").apply(t));
    }
}
