package io.cairn.bench.codec;

import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.part.PartReader;
import io.cairn.storage.part.PartWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * ns per sample of whole-series reads through {@link PartReader#read}: block copy out of the
 * mapping, CRC32C, index checks and decoding, as a range query does it. The part holds
 * {@value #SERIES} series of one day each ({@link RealisticDecodeBench#N} samples of the shape,
 * one block per series); an invocation reads all of them over their full range. The part is
 * written to a temporary directory at setup and deleted at teardown.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class PartReadBench {
    static final int SERIES = 32;

    @Param({"JITTERED_COUNTER", "JITTERED_GAUGE_2DP"})
    public String shape;

    private Path dir;
    private PartReader reader;
    private final SampleBuffer out = new SampleBuffer(RealisticDecodeBench.N);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("cairn-part-read-bench");
        Path part = dir.resolve("bench.part");
        SplittableRandom r = new SplittableRandom(7);
        long[] ts = new long[RealisticDecodeBench.N];
        double[] v = new double[RealisticDecodeBench.N];
        try (PartWriter writer = PartWriter.create(part)) {
            for (int s = 0; s < SERIES; s++) {
                RealisticDecodeBench.fill(shape, r, ts, v);
                writer.addSeries(s, ts, v, 0, ts.length);
            }
            writer.finish();
        }
        reader = PartReader.open(part);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        Files.deleteIfExists(dir.resolve("bench.part"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES * RealisticDecodeBench.N)
    public int readAllSeries() {
        int n = 0;
        for (int s = 0; s < SERIES; s++) {
            out.clear();
            n += reader.read(s, Long.MIN_VALUE, Long.MAX_VALUE, out);
        }
        return n;
    }
}
