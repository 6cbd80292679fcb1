package io.cairn.shard.journal;

import com.typesafe.config.ConfigFactory;
import io.cairn.shard.manifest.ManifestEvent.WalCheckpointed;
import io.cairn.shard.manifest.ReplicaManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Benchmark program (not a test): persist latency and throughput of the real journal with
 * fsync, for 1 entity and for N entities persisting concurrently (each entity one persist at a
 * time, as a typed EventSourcedBehavior does). Prints figures; asserts nothing.
 *
 * <p>Run: {@code java -cp <test classpath> io.cairn.shard.journal.JournalPersistBenchmark [dir] [events] [fsyncParallelism]}
 */
public final class JournalPersistBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("cairn-journal-bench");
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", ConfigFactory.parseString(
                "cairn.journal.dir = \"" + dir + "\"\n"
                        + "cairn.snapshot-store.dir = \"" + dir + "\"\n"
                        + "cairn.journal.fsync-parallelism = " + parallelism + "\n"
                        + "pekko.actor.provider = local\npekko.loglevel = WARNING\n")
                .withFallback(ConfigFactory.load()));
        try {
            run(system, "warm-up", 4, events / 4, 0);
            for (int entities : new int[] {1, 32}) {
                run(system, entities + " entit" + (entities == 1 ? "y" : "ies"), entities, events, entities * 1000);
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void run(ActorSystem<Void> system, String label, int entities, int eventsEach, int idBase)
            throws Exception {
        List<ActorRef<TestReplicaEntity.Command>> refs = new ArrayList<>();
        for (int i = 0; i < entities; i++) {
            refs.add(system.systemActorOf(TestReplicaEntity.create("bench-" + label.charAt(0) + (idBase + i), 1000),
                    "e" + label.replace(' ', '-') + i, org.apache.pekko.actor.typed.Props.empty()));
        }
        long[][] latencies = new long[entities][eventsEach];
        long start = System.nanoTime();
        List<CompletableFuture<Void>> drivers = new ArrayList<>();
        for (int i = 0; i < entities; i++) {
            ActorRef<TestReplicaEntity.Command> ref = refs.get(i);
            long[] lat = latencies[i];
            drivers.add(CompletableFuture.runAsync(() -> drive(system, ref, lat), runnable -> {
                Thread t = new Thread(runnable);
                t.start();
            }));
        }
        CompletableFuture.allOf(drivers.toArray(new CompletableFuture[0])).get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-12s %5d events in %6.2f s = %7.0f events/s; persist latency us: p50 %6d  p90 %6d  "
                        + "p99 %6d  max %6d%n", label, all.length, seconds, all.length / seconds,
                all[all.length / 2] / 1000, all[(int) (all.length * 0.9)] / 1000,
                all[(int) (all.length * 0.99)] / 1000, all[all.length - 1] / 1000);
    }

    private static void drive(ActorSystem<Void> system, ActorRef<TestReplicaEntity.Command> ref, long[] latencies) {
        Duration timeout = Duration.ofSeconds(30);
        try {
            for (int k = 0; k < latencies.length; k++) {
                long pos = k + 1;
                long t0 = System.nanoTime();
                AskPattern.<TestReplicaEntity.Command, ReplicaManifest>ask(ref,
                        replyTo -> new TestReplicaEntity.Persist(new WalCheckpointed(pos), replyTo), timeout,
                        system.scheduler()).toCompletableFuture().get();
                latencies[k] = System.nanoTime() - t0;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
