package io.cairn.bench.codec;

import io.cairn.storage.codec.BlockDecoder;
import io.cairn.storage.codec.BlockDescriptor;
import io.cairn.storage.codec.BlockEncoder;
import io.cairn.storage.model.SampleBuffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A noise-tolerant companion to {@link RealisticDecodeBench} for busy shared machines: decodes
 * the same blocks in many short batches and reports the fastest batch's ns per sample in
 * thread CPU time, so time spent descheduled does not count and the minimum filters out
 * batches disturbed by neighbours. Also prints the blocks' bytes per sample and how many kept
 * zstd. Not a substitute for JMH on a quiet machine.
 *
 * <pre>
 * java -cp "$CP" io.cairn.bench.codec.DecodeCpuTime [seconds per shape, default 6]
 * </pre>
 */
public final class DecodeCpuTime {
    private static final String[] SHAPES = {"JITTERED_COUNTER", "JITTERED_GAUGE_2DP", "JITTERED_CONSTANT", "JITTERED_BYTES"};

    private DecodeCpuTime() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = RealisticDecodeBench.N;
        int blockCount = RealisticDecodeBench.BLOCKS;
        for (String shape : SHAPES) {
            SplittableRandom r = new SplittableRandom(42);
            byte[][] blocks = new byte[blockCount][];
            long[] ts = new long[n];
            double[] v = new double[n];
            long bytes = 0;
            int zstd = 0;
            try (BlockEncoder encoder = new BlockEncoder()) {
                for (int b = 0; b < blockCount; b++) {
                    RealisticDecodeBench.fill(shape, r, ts, v);
                    int len = encoder.encode(ts, v, 0, n); // before buffer(): encode picks the buffer
                    blocks[b] = Arrays.copyOf(encoder.buffer(), len);
                    bytes += len;
                    if (BlockDescriptor.compression(encoder.header()) == BlockDescriptor.COMPRESSION_ZSTD) {
                        zstd++;
                    }
                }
            }
            BlockDecoder decoder = new BlockDecoder();
            SampleBuffer out = new SampleBuffer(n);
            long best = Long.MAX_VALUE;
            long sink = 0;
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            int batches = 0;
            while (System.nanoTime() < deadline) {
                long start = threads.getCurrentThreadCpuTime();
                for (int rep = 0; rep < 4; rep++) {
                    for (byte[] block : blocks) {
                        out.clear();
                        sink += decoder.decode(block, 0, block.length, out);
                    }
                }
                long took = threads.getCurrentThreadCpuTime() - start;
                if (++batches > 20) { // after warm-up
                    best = Math.min(best, took);
                }
            }
            System.out.printf("%-20s %6.2f ns/sample (best of %d batches, checksum %d), %.3f bytes/sample, zstd %d/%d blocks%n",
                    shape, best / (4.0 * blockCount * n), batches - 20, sink % 7, (double) bytes / (blockCount * n), zstd, blockCount);
        }
    }
}
