package io.cairn.bench.ingest;

import com.google.protobuf.CodedOutputStream;
import io.cairn.http.ingest.ExtraLabels;
import io.cairn.http.ingest.IngestLimits;
import io.cairn.http.ingest.IngestReport;
import io.cairn.http.ingest.SeriesRecordCache;
import io.cairn.http.ingest.MetadataSink;
import io.cairn.http.ingest.RemoteWriteDecoder;
import io.cairn.http.ingest.SampleSink;
import io.cairn.storage.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.xerial.snappy.Snappy;

/**
 * Decode throughput of remote_write requests as Prometheus sends them: 2000 samples per request
 * ({@code max_samples_per_send}), one sample per series, node_exporter-like series with 4-6
 * labels, the same series every scrape (steady state: the labels cache is warm).
 *
 * <ul>
 *   <li>{@code decodeWarm}: protobuf decoding only, warm cache (the hot path)
 *   <li>{@code decodeSnappyWarm}: snappy decompression + decoding, warm cache
 *   <li>{@code decodeNoCache}: protobuf decoding with every series' labels decoded, validated
 *       and built (new series, or no cache)
 * </ul>
 *
 * Multiply ops/s by {@link #SAMPLES} for samples/s; {@link #main} prints it. Run with
 * {@code -prof gc} to see allocation per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RemoteWriteDecodeBenchmark {
    public static final int SAMPLES = 2000;
    private static final long NOW = 1_700_000_000_000L;

    @Param({"2000"})
    public int samples;

    private byte[] raw;
    private byte[] compressed;
    private RemoteWriteDecoder warm;
    private RemoteWriteDecoder noCache;
    private SumSink sink;

    /** Consumes samples the way a batching router would: reads every field. */
    static final class SumSink implements SampleSink {
        long tsSum;
        double valueSum;
        int labelsHash;

        @Override
        public void add(Labels labels, long timestampMs, double value) {
            tsSum += timestampMs;
            valueSum += value;
            labelsHash += System.identityHashCode(labels);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        raw = nodeExporterRequest(samples);
        compressed = Snappy.compress(raw);
        warm = new RemoteWriteDecoder(IngestLimits.DEFAULT, new SeriesRecordCache(64 << 20),
                RemoteWriteDecoder.DEFAULT_MAX_BODY_BYTES);
        noCache = new RemoteWriteDecoder(IngestLimits.DEFAULT, null,
                RemoteWriteDecoder.DEFAULT_MAX_BODY_BYTES);
        sink = new SumSink();
        IngestReport report = new IngestReport();
        warm.decode(raw, 0, raw.length, ExtraLabels.NONE, NOW, sink, MetadataSink.NONE, report);
        if (report.accepted() != samples || report.rejected() != 0) {
            throw new IllegalStateException("BUG: benchmark request does not decode: " + report);
        }
    }

    @Benchmark
    public void decodeWarm(Blackhole bh) {
        IngestReport report = new IngestReport();
        warm.decode(raw, 0, raw.length, ExtraLabels.NONE, NOW, sink, MetadataSink.NONE, report);
        bh.consume(report.accepted());
    }

    @Benchmark
    public void decodeSnappyWarm(Blackhole bh) {
        IngestReport report = new IngestReport();
        warm.decodeSnappy(compressed, 0, compressed.length, ExtraLabels.NONE, NOW, sink,
                MetadataSink.NONE, report);
        bh.consume(report.accepted());
    }

    @Benchmark
    public void decodeNoCache(Blackhole bh) {
        IngestReport report = new IngestReport();
        noCache.decode(raw, 0, raw.length, ExtraLabels.NONE, NOW, sink, MetadataSink.NONE,
                report);
        bh.consume(report.accepted());
    }

    /** A WriteRequest of {@code n} node_exporter-like series with one sample each. */
    static byte[] nodeExporterRequest(int n) throws IOException {
        String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        String[] devices = {"sda", "sdb", "nvme0n1", "dm-0"};
        List<String[]> series = new ArrayList<>();
        for (int host = 0; series.size() < n; host++) {
            String instance = "10.0." + (host / 250) + "." + (host % 250) + ":9100";
            for (int cpu = 0; cpu < 8; cpu++) {
                for (String mode : modes) {
                    series.add(new String[] {"__name__", "node_cpu_seconds_total", "cpu",
                        Integer.toString(cpu), "instance", instance, "job", "node", "mode",
                        mode});
                }
            }
            for (String dev : devices) {
                series.add(new String[] {"__name__", "node_disk_read_bytes_total", "device",
                    dev, "instance", instance, "job", "node"});
                series.add(new String[] {"__name__", "node_disk_written_bytes_total", "device",
                    dev, "instance", instance, "job", "node"});
            }
            series.add(new String[] {"__name__", "node_memory_MemAvailable_bytes", "instance",
                instance, "job", "node"});
            series.add(new String[] {"__name__", "node_load1", "instance", instance, "job",
                "node"});
        }
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(req);
        for (int i = 0; i < n; i++) {
            byte[] ts = timeSeries(series.get(i), NOW - 15_000 + i, 1000.0 + i * 0.25);
            out.writeByteArray(1, ts);
        }
        out.flush();
        return req.toByteArray();
    }

    private static byte[] timeSeries(String[] labels, long ts, double value) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        for (int i = 0; i < labels.length; i += 2) {
            ByteArrayOutputStream label = new ByteArrayOutputStream();
            CodedOutputStream lo = CodedOutputStream.newInstance(label);
            lo.writeString(1, labels[i]);
            lo.writeString(2, labels[i + 1]);
            lo.flush();
            out.writeByteArray(1, label.toByteArray());
        }
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream so = CodedOutputStream.newInstance(sample);
        so.writeDouble(1, value);
        so.writeInt64(2, ts);
        so.flush();
        out.writeByteArray(2, sample.toByteArray());
        out.flush();
        return buf.toByteArray();
    }

    /** Runs the benchmarks and prints samples/s; argument {@code gc} adds JMH's GC profiler. */
    public static void main(String[] args) throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(RemoteWriteDecodeBenchmark.class.getSimpleName())
                .param("samples", Integer.toString(SAMPLES));
        if (args.length > 0 && args[0].equals("gc")) {
            builder.addProfiler("gc");
        }
        Options opts = builder.build();
        new Runner(opts).run().forEach(r -> System.out.printf(
                "%s: %.0f samples/s%n", r.getParams().getBenchmark(),
                r.getPrimaryResult().getScore() * SAMPLES));
    }
}
