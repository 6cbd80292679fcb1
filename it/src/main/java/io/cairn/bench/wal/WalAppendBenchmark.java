package io.cairn.bench.wal;

import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import io.cairn.storage.wal.ReplicaWal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WAL append throughput through the node's group committer: each JMH thread owns one replica
 * WAL (as a shard entity would) and keeps {@code inFlight} appends outstanding, waiting for the
 * oldest acknowledgement before issuing the next. ops/s = acknowledged appends per second;
 * MB/s = ops/s x recordBytes. At tear-down the committer's fsync count and mean fsync latency
 * are printed, which say how well appends were coalesced.
 *
 * <p>Run: {@code java -cp <it classpath> org.openjdk.jmh.Main WalAppendBenchmark}; the WAL
 * directories go to {@code -Dcairn.bench.dir} (default: the system temp directory).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@Threads(4)
public class WalAppendBenchmark {
    @Param({"batch"})
    public String fsync;

    @Param({"65536"})
    public int recordBytes;

    @Param({"1", "8"})
    public int inFlight;

    private Path root;
    private GroupCommitter committer;
    private final AtomicInteger nextReplica = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() throws IOException {
        Path base = Path.of(System.getProperty("cairn.bench.dir",
                System.getProperty("java.io.tmpdir")));
        root = Files.createTempDirectory(base, "cairn-wal-bench");
        committer = new GroupCommitter(FsyncMode.parse(fsync));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        committer.close();
        long fsyncs = committer.fsyncs();
        System.out.printf("%nrecords=%d bytes=%d rounds=%d fsyncs=%d records/fsync=%.1f "
                        + "mean fsync=%.2f ms max fsync=%.2f ms%n",
                committer.records(), committer.bytes(), committer.batches(), fsyncs,
                fsyncs == 0 ? 0.0 : (double) committer.records() / fsyncs,
                fsyncs == 0 ? 0.0 : committer.fsyncNanos() / 1e6 / fsyncs,
                committer.maxFsyncNanos() / 1e6);
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One replica WAL per benchmark thread. */
    @State(Scope.Thread)
    public static class Replica {
        ReplicaWal wal;
        byte[] payload;
        CompletableFuture<Long>[] ring;
        int next;
        long appends;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void open(WalAppendBenchmark bench) throws IOException {
            wal = ReplicaWal.open(bench.root.resolve("r" + bench.nextReplica.getAndIncrement()),
                    bench.committer);
            payload = new byte[bench.recordBytes];
            ring = new CompletableFuture[bench.inFlight];
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            for (CompletableFuture<Long> f : ring) {
                if (f != null) {
                    f.join();
                }
            }
            wal.close();
        }
    }

    @Benchmark
    public long append(Replica r) throws IOException {
        CompletableFuture<Long> oldest = r.ring[r.next];
        long position = oldest == null ? 0 : oldest.join();
        // The payload array is never modified, so sharing it between appends is allowed.
        r.ring[r.next] = r.wal.append(r.payload).toCompletableFuture();
        r.next = (r.next + 1) % r.ring.length;
        if (++r.appends % 512 == 0 && position > 0) {
            r.wal.truncateBefore(position); // keep the disk footprint bounded, as checkpoints do
        }
        return position;
    }
}
