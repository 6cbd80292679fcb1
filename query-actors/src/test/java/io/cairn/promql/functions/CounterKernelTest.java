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

    /**
     * The fused walk ({@code applyAll}) against the default walk over the walking kernels, on
     * series built to reach every branch of its division-free decisions: jittered regular
     * scrapes (the fast path), gaps (an end further than 1.1 intervals), counters that start
     * near zero (the distance to zero wins), resets, NaN and infinities, values near the ends
     * of the double range, and windows of more than 4096 points.
     */
    @Test
    void fusedWalkMatchesTheDefaultWalkBitForBit() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 600; round++) {
            int shape = round % 6;
            int n = shape == 5 ? rnd.nextInt(4100, 9000) : rnd.nextInt(2, 600);
            long interval = shape == 5 ? 1_000 : 15_000;
            long[] ts = new long[n];
            double[] v = new double[n];
            long t = rnd.nextLong(0, 1_000_000_000L);
            double value = switch (shape) {
                case 1 -> 0;
                case 2 -> rnd.nextDouble() * 1e-200;
                case 3 -> rnd.nextDouble() * 1e200;
                default -> rnd.nextDouble() * 1e6;
            };
            for (int i = 0; i < n; i++) {
                t += interval + rnd.nextLong(-5, 6) + (shape == 4 && rnd.nextInt(20) == 0 ? rnd.nextLong(20_000, 200_000) : 0);
                ts[i] = t;
                int event = rnd.nextInt(200);
                if (event == 0) {
                    value = rnd.nextDouble() * 10; // counter reset
                } else if (event == 1 && shape == 0) {
                    value = Double.NaN;
                } else if (event == 2 && shape == 0) {
                    value = Double.POSITIVE_INFINITY;
                } else {
                    double base = Double.isNaN(value) || Double.isInfinite(value) ? 0 : value;
                    value = base + (shape == 1 && rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * Math.max(1, Math.abs(base) * 1e-3));
                }
                v[i] = value;
            }
            long range = shape == 5 ? rnd.nextLong(4_200_000, 8_000_000) : rnd.nextLong(20_000, 900_000);
            long step = rnd.nextLong(1_000, 120_000);
            int steps = (int) Math.min(3_000, (ts[n - 1] - ts[0] + range) / step + 2);
            long[] ends = new long[steps];
            for (int i = 0; i < steps; i++) {
                ends[i] = ts[0] - range / 2 + i * step;
            }
            for (boolean perSecond : new boolean[] {true, false}) {
                RangeKernel walking = perSecond ? RateKernels.RATE : RateKernels.INCREASE;
                double[] want = new double[steps];
                boolean[] wantPresent = new boolean[steps];
                double[] got = new double[steps];
                boolean[] gotPresent = new boolean[steps];
                Window w = new Window();
                w.rangeMs = range;
                boolean wantAny = walking.applyAll(ts, v, n, ends, range, ends, null, null, w, want, wantPresent);
                boolean gotAny = RateKernels.counter(perSecond).applyAll(ts, v, n, ends, range, ends, null, null,
                        new Window(), got, gotPresent);
                assertEquals(wantAny, gotAny, "round " + round);
                for (int i = 0; i < steps; i++) {
                    assertEquals(wantPresent[i], gotPresent[i], "round " + round + " step " + i);
                    if (wantPresent[i]) {
                        assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
                                "round " + round + " step " + i + ": " + want[i] + " vs " + got[i]);
                    }
                }
            }
        }
    }
}
