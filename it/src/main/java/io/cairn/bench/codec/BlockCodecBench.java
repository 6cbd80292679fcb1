package io.cairn.bench.codec;

import io.cairn.storage.codec.BlockDecoder;
import io.cairn.storage.codec.BlockDescriptor;
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
 * Throughput of the block codec in samples per second: encoding (value-encoding choice and
 * zstd included) and decoding of full 8192-sample blocks of typical shapes. Run with
 * {@code -prof gc} to see that steady state allocates nothing per sample (gc.alloc.rate.norm
 * is per operation = per sample here). See package-info.java for how to run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class BlockCodecBench {
    private static final int N = BlockDescriptor.MAX_SAMPLES;

    /** Value shapes; timestamps are 15 s apart with a 3 ms jitter on every tenth scrape. */
    @Param({"CPU_SECONDS", "BYTES_COUNTER", "GAUGE_2DP", "CONSTANT", "RANDOM_FLOATS"})
    public String shape;

    private final long[] ts = new long[N];
    private final double[] values = new double[N];
    private BlockEncoder encoder;
    private final BlockDecoder decoder = new BlockDecoder();
    private final SampleBuffer out = new SampleBuffer(N);
    private byte[] block;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        long t = 1_700_000_000_000L;
        long ticks = 123_456_789;
        long bytes = 1L << 36;
        long gauge = 500;
        for (int i = 0; i < N; i++) {
            t += 15_000;
            ts[i] = t + (i % 10 == 0 ? 3 : 0);
            switch (shape) {
                case "CPU_SECONDS": ticks += 1400 + r.nextInt(200); values[i] = ticks / 100.0; break;
                case "BYTES_COUNTER": bytes += r.nextInt(1 << 16); values[i] = bytes; break;
                case "GAUGE_2DP": gauge = Math.max(0, gauge + r.nextInt(-7, 8)); values[i] = gauge / 100.0; break;
                case "CONSTANT": values[i] = 1.0; break;
                default: values[i] = r.nextDouble() * 1e6; break;
            }
        }
        encoder = new BlockEncoder();
        int len = encoder.encode(ts, values, 0, N);
        block = Arrays.copyOf(encoder.buffer(), len);
        System.out.printf("%n%s: %d bytes per %d-sample block = %.3f bytes/sample, header 0x%02x%n",
                shape, len, N, (double) len / N, encoder.header());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int encode() {
        return encoder.encode(ts, values, 0, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int decode() {
        out.clear();
        return decoder.decode(block, 0, block.length, out);
    }
}
