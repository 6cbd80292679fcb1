package io.cairn.bench.codec;

import io.cairn.storage.codec.BlockDecoder;
import io.cairn.storage.codec.BlockEncoder;
import io.cairn.storage.model.SampleBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode cost in ns per sample of the blocks a long range query reads: one day of a series
 * scraped every 15 s (5760 samples), every timestamp jittered by 0..20 ms as real scrapers do,
 * so the timestamp stream holds one non-zero delta-of-delta per sample. Each invocation decodes
 * {@value #BLOCKS} different blocks of the shape so branch predictors cannot learn one block.
 *
 * <p>Shapes: {@code JITTERED_COUNTER} a counter with 2 decimals growing by a few hundred to
 * thousands of units per scrape (2-3-byte mantissa deltas); {@code JITTERED_GAUGE_2DP} a gauge
 * with 2 decimals wandering up and down; {@code JITTERED_CONSTANT} a constant series (CONST
 * values, so only timestamps cost); {@code JITTERED_BYTES} an integer byte counter. See
 * package-info.java for how to run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class RealisticDecodeBench {
    static final int N = 5760;
    static final int BLOCKS = 8;

    @Param({"JITTERED_COUNTER", "JITTERED_GAUGE_2DP", "JITTERED_CONSTANT", "JITTERED_BYTES"})
    public String shape;

    private final BlockDecoder decoder = new BlockDecoder();
    private final SampleBuffer out = new SampleBuffer(N);
    private final byte[][] blocks = new byte[BLOCKS][];

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        long[] ts = new long[N];
        double[] v = new double[N];
        long total = 0;
        try (BlockEncoder encoder = new BlockEncoder()) {
            for (int b = 0; b < BLOCKS; b++) {
                fill(shape, r, ts, v);
                int len = encoder.encode(ts, v, 0, N);
                blocks[b] = Arrays.copyOf(encoder.buffer(), len);
                total += len;
                if (b == 0) {
                    System.out.printf("%n%s: header 0x%02x%n", shape, encoder.header());
                }
            }
        }
        System.out.printf("%s: %.3f bytes/sample%n", shape, (double) total / (N * BLOCKS));
    }

    /** Fills one block's columns with the given shape; public so tests and other benches can reuse it. */
    public static void fill(String shape, SplittableRandom r, long[] ts, double[] v) {
        long t = 1_700_000_000_000L + r.nextInt(15_000);
        long counter = r.nextLong(1L << 30);
        long gauge = 5_000 + r.nextInt(5_000);
        long bytes = r.nextLong(1L << 40);
        for (int i = 0; i < ts.length; i++) {
            t += 15_000;
            ts[i] = t + r.nextInt(21);
            switch (shape) {
                case "JITTERED_COUNTER":
                    counter += 200 + r.nextInt(20_000);
                    v[i] = counter / 100.0;
                    break;
                case "JITTERED_GAUGE_2DP":
                    gauge = Math.max(0, gauge + r.nextInt(-300, 301));
                    v[i] = gauge / 100.0;
                    break;
                case "JITTERED_CONSTANT":
                    v[i] = 1.0;
                    break;
                case "JITTERED_BYTES":
                    bytes += r.nextInt(1 << 20);
                    v[i] = bytes;
                    break;
                default:
                    throw new IllegalArgumentException("unknown shape " + shape);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.clear();
    }

    @Benchmark
    @OperationsPerInvocation(N * BLOCKS)
    public int decode() {
        int n = 0;
        for (byte[] block : blocks) {
            out.clear(); // one series (block) per query step: output stays cache-resident
            n += decoder.decode(block, 0, block.length, out);
        }
        return n;
    }
}
