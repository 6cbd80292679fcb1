package io.cairn.shard.bootstrap;

import io.cairn.shard.replica.NodeReads;
import com.typesafe.config.ConfigFactory;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaEnvironment;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;
import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Benchmark program (not a test): peer bootstrap throughput within one JVM. Fills a source
 * replica with parts of incompressible samples (random doubles, about 9 bytes a sample) up to
 * the requested size, then times a second replica's bootstrap from it: plan, chunked transfer,
 * checksums, fsync, adoption. Prints figures; asserts nothing.
 *
 * <p>Run: {@code java -cp <test classpath> io.cairn.shard.bootstrap.BootstrapThroughputBenchmark
 * [dir] [megabytes=200] [chunk KiB=1024] [window=4]}
 */
public final class BootstrapThroughputBenchmark {
    private static final Duration WAIT = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0])
                : Files.createTempDirectory("cairn-bootstrap-bench");
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int chunkKiB = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        String meta = dir.resolve("meta").toString();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench",
                ConfigFactory.parseString(
                        "pekko.persistence.journal.plugin = \"cairn.journal\"\n"
                                + "pekko.persistence.snapshot-store.plugin = \"cairn.snapshot-store\"\n"
                                + "cairn.journal.dir = \"" + meta + "\"\n"
                                + "cairn.snapshot-store.dir = \"" + meta + "\"\n"
                                + "cairn.bootstrap.chunk-size = " + chunkKiB + " KiB\n"
                                + "cairn.bootstrap.window = " + window + "\n"
                                + "cairn.bootstrap.progress-log-percent = 25\n"
                                + "pekko.actor.provider = local\npekko.loglevel = WARNING\n")
                        .withFallback(ConfigFactory.load()));
        GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);
        Map<String, ActorRef<ReplicaEntity.Command>> replicas = new HashMap<>();
        ReplicaEnvironment env = new ReplicaEnvironment(dir.resolve("replicas"),
                new StoreOptions(30L * 86_400_000, 0, 2_000_000), committer,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                System::currentTimeMillis, NodeReads.withoutRollups());
        try {
            ReplicaId sourceId = new ReplicaId(0, 0, 0);
            ReplicaId targetId = new ReplicaId(0, 1, 0);
            ActorRef<ReplicaEntity.Command> source = system.systemActorOf(
                    ReplicaEntity.create(sourceId, env, replicas::get), "source",
                    org.apache.pekko.actor.typed.Props.empty());
            replicas.put(sourceId.entityId(), source);
            outcome(system, source, ReplicaEntity.StartBootstrap.NO_SOURCE);

            long started = System.nanoTime();
            long rows = fill(system, source, (long) megabytes << 20, dir.resolve("replicas")
                    .resolve(sourceId.entityId()).resolve("parts"));
            long partBytes = partBytes(dir.resolve("replicas").resolve(sourceId.entityId())
                    .resolve("parts"));
            System.out.printf("source: %d rows, %d part files, %.1f MB of parts, filled in %.1f s%n",
                    rows, partCount(dir.resolve("replicas").resolve(sourceId.entityId())
                            .resolve("parts")), partBytes / 1e6,
                    (System.nanoTime() - started) / 1e9);

            ActorRef<ReplicaEntity.Command> target = system.systemActorOf(
                    ReplicaEntity.create(targetId, env, replicas::get), "target",
                    org.apache.pekko.actor.typed.Props.empty());
            outcomeOfWake(system, target);
            started = System.nanoTime();
            BootstrapOutcome out = outcome(system, target, sourceId.entityId());
            double seconds = (System.nanoTime() - started) / 1e9;
            BootstrapOutcome.Completed done = (BootstrapOutcome.Completed) out;
            System.out.printf("bootstrap (chunk %d KiB, window %d): %d parts, %.1f MB in %.2f s "
                    + "= %.1f MB/s%n", chunkKiB, window, done.partsCopied(),
                    done.bytesCopied() / 1e6, seconds, done.bytesCopied() / 1e6 / seconds);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
            committer.close();
        }
    }

    /** Inserts random samples until the source's parts hold {@code bytes}; returns rows. */
    private static long fill(ActorSystem<Void> system, ActorRef<ReplicaEntity.Command> source,
            long bytes, Path parts) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        Tenant tenant = new Tenant(1, 0);
        int series = 2000;
        Labels[] labels = new Labels[series];
        for (int s = 0; s < series; s++) {
            labels[s] = Labels.of("__name__", "bench_metric", "instance", "host-" + s,
                    "job", "node");
        }
        long base = System.currentTimeMillis() - 5L * 86_400_000;
        long rows = 0;
        int step = 0;
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[16];
        int slot = 0;
        while (true) {
            for (int round = 0; round < 50; round++) {
                RowBlockWriter w = new RowBlockWriter().reset(tenant);
                for (int s = 0; s < series; s++) {
                    int idx = w.addSeries(labels[s]);
                    for (int i = 0; i < 5; i++) {
                        w.addRow(idx, base + (step + i) * 10_000L, random.nextDouble() * 1e6);
                    }
                }
                step += 5;
                rows += 5L * series;
                byte[] block = w.toBytes();
                if (inFlight[slot] != null) {
                    inFlight[slot].get(1, TimeUnit.MINUTES);
                }
                CompletionStage<InsertResult> ack = AskPattern.ask(source,
                        replyTo -> new ReplicaEntity.Insert(block, replyTo), WAIT,
                        system.scheduler());
                inFlight[slot] = ack.toCompletableFuture();
                slot = (slot + 1) % inFlight.length;
            }
            if (partBytes(parts) >= bytes) {
                break;
            }
        }
        for (CompletableFuture<?> f : inFlight) {
            if (f != null) {
                f.get(1, TimeUnit.MINUTES);
            }
        }
        AskPattern.<ReplicaEntity.Command, ReplicaEntity.Done>ask(source,
                ReplicaEntity.ForceFlush::new, WAIT, system.scheduler())
                .toCompletableFuture().get(10, TimeUnit.MINUTES);
        return rows;
    }

    private static void outcomeOfWake(ActorSystem<Void> system,
            ActorRef<ReplicaEntity.Command> replica) throws Exception {
        AskPattern.<ReplicaEntity.Command, ReplicaEntity.Done>ask(replica,
                ReplicaEntity.ForceFlush::new, WAIT, system.scheduler())
                .toCompletableFuture().get(10, TimeUnit.MINUTES);
    }

    private static BootstrapOutcome outcome(ActorSystem<Void> system,
            ActorRef<ReplicaEntity.Command> replica, String source) throws Exception {
        return AskPattern.<ReplicaEntity.Command, BootstrapOutcome>ask(replica,
                replyTo -> new ReplicaEntity.StartBootstrap(source, replyTo), WAIT,
                system.scheduler()).toCompletableFuture().get(10, TimeUnit.MINUTES);
    }

    private static long partBytes(Path parts) throws Exception {
        if (!Files.isDirectory(parts)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(parts)) {
            return s.filter(p -> p.toString().endsWith(".part"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long partCount(Path parts) throws Exception {
        try (Stream<Path> s = Files.list(parts)) {
            return s.filter(p -> p.toString().endsWith(".part")).count();
        }
    }
}
