package io.cairn.storage.codec;

import io.cairn.storage.model.SampleBuffer;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic dataset shaped like what Prometheus scrapes from node_exporter
 * (plus the histogram counters of a typical Go service): a mix of
 * <ul>
 *   <li>CPU-seconds counters with 0.01 s resolution (USER_HZ = 100), increasing irregularly;</li>
 *   <li>byte and packet counters, integers increasing by random amounts (sometimes 0);</li>
 *   <li>histogram bucket counters, integers where most buckets rarely move;</li>
 *   <li>memory gauges in multiples of 4096 bytes;</li>
 *   <li>load averages (2 decimals) and temperatures (1 decimal) as random walks;</li>
 *   <li>constants (filesystem sizes, info metrics = 1, CPU counts).</li>
 * </ul>
 * Series {@code i} depends only on the seed and {@code i}, so the data can be generated one
 * series at a time without holding the whole set.
 */
public final class NodeExporterLikeDataset {
    /** Kinds of series, in the proportions a node_exporter host roughly has. */
    public enum Kind { CPU_SECONDS, BYTES_COUNTER, HISTOGRAM_BUCKET, MEMORY_GAUGE, LOAD_GAUGE, TEMPERATURE, CONSTANT }

    private static final Kind[] MIX = {
        Kind.CPU_SECONDS, Kind.CPU_SECONDS, Kind.CPU_SECONDS,
        Kind.BYTES_COUNTER, Kind.BYTES_COUNTER, Kind.BYTES_COUNTER,
        Kind.HISTOGRAM_BUCKET, Kind.HISTOGRAM_BUCKET,
        Kind.MEMORY_GAUGE, Kind.LOAD_GAUGE, Kind.TEMPERATURE,
        Kind.CONSTANT, Kind.CONSTANT, Kind.CONSTANT, Kind.CONSTANT,
    };

    private final long seed;
    private final int seriesCount;
    private final int samplesPerSeries;
    private final long startMs;
    private final long intervalMs;
    private final long jitterMs;

    /**
     * @param jitterMs timestamps deviate from the regular grid by up to +-jitterMs on a tenth
     *                 of the scrapes (0 = perfectly regular, as Prometheus produces with its
     *                 default timestamp tolerance)
     */
    public NodeExporterLikeDataset(long seed, int seriesCount, int samplesPerSeries, long startMs,
                                   long intervalMs, long jitterMs) {
        this.seed = seed;
        this.seriesCount = seriesCount;
        this.samplesPerSeries = samplesPerSeries;
        this.startMs = startMs;
        this.intervalMs = intervalMs;
        this.jitterMs = jitterMs;
    }

    /** One day at 15 s intervals for {@code seriesCount} series, regular timestamps. */
    public static NodeExporterLikeDataset oneDay(int seriesCount) {
        return new NodeExporterLikeDataset(42, seriesCount, 5760, 1_700_006_400_000L, 15_000, 0);
    }

    public int seriesCount() {
        return seriesCount;
    }

    public int samplesPerSeries() {
        return samplesPerSeries;
    }

    public Kind kind(int series) {
        return MIX[series % MIX.length];
    }

    /** Clears {@code out} and fills it with series {@code series}. */
    public void series(int series, SampleBuffer out) {
        out.clear();
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + series);
        Kind kind = kind(series);
        long t = startMs;
        long cpuTicks = rnd.nextLong(1_000_000L, 100_000_000L);
        // Log-uniform: most CPU modes (iowait, irq, steal, ...) barely move; idle moves most.
        double cpuShare = Math.pow(10, rnd.nextDouble(-3, 0));
        long bytes = rnd.nextLong(0, 1L << 40);
        long byteRate = 1L << rnd.nextInt(4, 24);
        long bucket = rnd.nextLong(0, 1_000_000);
        double bucketRate = Math.pow(10, rnd.nextDouble(-3, 1.5));
        long pages = rnd.nextLong(10_000, 4_000_000);
        long load = rnd.nextLong(0, 800);
        long temperature = rnd.nextLong(300, 800);
        double constant = constantValue(rnd);
        for (int i = 0; i < samplesPerSeries; i++) {
            long ts = t;
            if (jitterMs > 0 && rnd.nextInt(10) == 0) {
                ts += rnd.nextLong(-jitterMs, jitterMs + 1);
            }
            double v;
            switch (kind) {
                case CPU_SECONDS:
                    cpuTicks += Math.round(cpuShare * 1500 * rnd.nextDouble(0.5, 1.5));
                    v = cpuTicks / 100.0;
                    break;
                case BYTES_COUNTER:
                    if (rnd.nextInt(4) != 0) {
                        bytes += rnd.nextLong(0, byteRate);
                    }
                    v = bytes;
                    break;
                case HISTOGRAM_BUCKET:
                    bucket += poisson(rnd, bucketRate);
                    v = bucket;
                    break;
                case MEMORY_GAUGE:
                    pages = Math.max(0, pages + rnd.nextLong(-64, 65));
                    v = pages * 4096.0;
                    break;
                case LOAD_GAUGE:
                    load = Math.max(0, load + rnd.nextLong(-7, 8));
                    v = load / 100.0;
                    break;
                case TEMPERATURE:
                    if (rnd.nextInt(3) == 0) {
                        temperature += rnd.nextLong(-3, 4);
                    }
                    v = temperature / 10.0;
                    break;
                case CONSTANT:
                default:
                    v = constant;
                    break;
            }
            out.append(ts, v);
            t += intervalMs;
        }
    }

    private static double constantValue(SplittableRandom rnd) {
        switch (rnd.nextInt(3)) {
            case 0: return 1.0;
            case 1: return rnd.nextLong(1, 64);
            default: return rnd.nextLong(1L << 30, 1L << 42);
        }
    }

    private static long poisson(SplittableRandom rnd, double mean) {
        // Knuth's method; fine for the small means used here.
        double limit = Math.exp(-mean);
        double p = 1.0;
        long k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > limit);
        return k - 1;
    }
}
