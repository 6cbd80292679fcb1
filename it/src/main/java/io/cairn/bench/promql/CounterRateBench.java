package io.cairn.bench.promql;

import io.cairn.promql.functions.RangeKernel;
import io.cairn.promql.functions.RateKernels;
import io.cairn.promql.functions.Window;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code rate(counter[5m])} of one day of a scraped counter (15 s interval, a few ms of
 * jitter, values with two decimals, like {@code node_cpu_seconds_total}) at a one-minute step:
 * the shape of the 24 h dashboard queries in the query benchmark. One operation is one window
 * (1,441 per invocation), so the score is ns per window.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CounterRateBench {
    private static final int SAMPLES = 5760;
    private static final long SCRAPE_MS = 15_000;
    private static final long STEP_MS = 60_000;
    private static final long RANGE_MS = 300_000;
    private static final int STEPS = 1441;

    /** With a counter reset in the middle of the day, or none. */
    @Param({"false", "true"})
    public boolean reset;

    private final long[] ts = new long[SAMPLES];
    private final double[] v = new double[SAMPLES];
    private final long[] ends = new long[STEPS];
    private final long[] evalTimes = new long[STEPS];
    private final double[] values = new double[STEPS];
    private final boolean[] present = new boolean[STEPS];
    private final Window window = new Window();
    private RangeKernel kernel;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        long start = 1_795_198_380_000L;
        double counter = 1_000_000;
        for (int i = 0; i < SAMPLES; i++) {
            ts[i] = start + i * SCRAPE_MS + random.nextLong(-5, 6);
            counter += Math.round(random.nextDouble(0, 15) * 100) / 100.0;
            v[i] = reset && i == SAMPLES / 2 ? 1.5 : counter;
            if (reset && i > SAMPLES / 2) {
                v[i] = counter - v[SAMPLES / 2 - 1];
            }
        }
        for (int i = 0; i < STEPS; i++) {
            ends[i] = start + RANGE_MS + i * STEP_MS;
            evalTimes[i] = ends[i];
        }
        window.rangeMs = RANGE_MS;
        kernel = RateKernels.counter(true);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double[] rate() {
        kernel.applyAll(ts, v, SAMPLES, ends, RANGE_MS, evalTimes, null, null, window, values,
                present);
        return values;
    }
}
