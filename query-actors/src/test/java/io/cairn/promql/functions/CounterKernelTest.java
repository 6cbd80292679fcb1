package io.cairn.promql.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The prefix-count rate/increase kernels give bit-identical results to the walking ones. */
class CounterKernelTest {
    @Test
    void slidingWindowsMatchTheWalkingKernelsBitForBit() {
        SplittableRandom rnd = new SplittableRandom(99);
        for (int round = 0; round < 300; round++) {
            int n = rnd.nextInt(2, 400);
            long[] ts = new long[n];
            double[] v = new double[n];
            long t = rnd.nextLong(0, 100_000);
            double value = rnd.nextDouble() * 1000;
            for (int i = 0; i < n; i++) {
                t += rnd.nextLong(1, 30_000);
                ts[i] = t;
                int kind = round % 3 == 0 ? rnd.nextInt(2, 40) : rnd.nextInt(40); // some never reset
                value = kind == 0 ? rnd.nextDouble() * 10 // counter reset
                        : kind == 1 ? Double.NaN
                        : (Double.isNaN(value) ? 0 : value) + rnd.nextDouble() * 100;
                v[i] = value;
            }
            for (boolean perSecond : new boolean[] {true, false}) {
                RangeKernel fast = RateKernels.counter(perSecond);
                RangeKernel walking = perSecond ? RateKernels.RATE : RateKernels.INCREASE;
                fast.prepare(ts, v, n);
                long range = rnd.nextLong(10_000, 600_000);
                Window w = new Window();
                w.rangeMs = range;
                for (int from = 0; from < n; from++) {
                    for (int to = from + 2; to <= Math.min(n, from + 40); to++) {
                        w.endMs = ts[to - 1] + rnd.nextLong(0, 20_000);
                        w.startMs = w.endMs - range;
                        double want = walking.apply(ts, v, from, to, w);
                        double got = fast.apply(ts, v, from, to, w);
                        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got),
                                "from " + from + " to " + to);
                    }
                }
            }
        }
    }
}
