package io.cairn.shard.testkit;

import io.cairn.shard.replica.NodeReads;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReadGateway;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaEnvironment;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;
import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Replica entities spawned directly in one actor system (distinct entity ids, one directory
 * each) and reachable through a {@link ReplicaClient} as through sharding. A stopped replica
 * answers nothing, like one on a dead node; started again it recovers its directory.
 */
public final class ReplicaFixture implements AutoCloseable {
    public static final Tenant T = new Tenant(4, 0);

    public final ActorTestKit kit;
    public final GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);
    private final ReplicaEnvironment env;
    private final Map<ReplicaId, ActorRef<ReplicaEntity.Command>> live = new ConcurrentHashMap<>();
    private final Map<ReplicaId, Integer> incarnations = new ConcurrentHashMap<>();
    public final ReplicaClient client;
    /** The registry the replicas list their open stores in. */
    public final NodeReads reads;

    public ReplicaFixture(Path dir) {
        this(dir, NodeReads.withoutRollups());
    }

    /** Replicas that list their stores in {@code reads} (and roll up through it). */
    public ReplicaFixture(Path dir, NodeReads reads) {
        this.reads = reads;
        String meta = dir.resolve("meta").toString().replace("\\", "/");
        kit = ActorTestKit.create("replicas", ConfigFactory.parseString(
                "pekko.persistence.journal.plugin = \"cairn.journal\"\n"
                        + "pekko.persistence.snapshot-store.plugin = \"cairn.snapshot-store\"\n"
                        + "pekko.persistence.typed.stash-overflow-strategy = \"fail\"\n"
                        + "cairn.journal.dir = \"" + meta + "\"\n"
                        + "cairn.snapshot-store.dir = \"" + meta + "\"\n")
                .withFallback(ConfigFactory.load()));
        env = new ReplicaEnvironment(dir.resolve("replicas"),
                new StoreOptions(30L * 86_400_000, 0, 1_000_000), committer,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                System::currentTimeMillis, reads);
        client = ReplicaClient.of(id -> {
            ActorRef<ReplicaEntity.Command> ref = live.get(id);
            return ref != null ? ref : kit.system().deadLetters().narrow();
        }, kit.system().scheduler());
    }

    public void start(ReplicaId... ids) {
        for (ReplicaId id : ids) {
            int n = incarnations.merge(id, 1, Integer::sum);
            live.put(id, kit.spawn(ReplicaEntity.create(id, env), id.entityId() + "-" + n));
        }
    }

    public void stop(ReplicaId id) {
        kit.stop(live.remove(id), Duration.ofSeconds(20));
    }

    /** Stores {@code n} samples of {@code labels} (value = base + i) in the replica. */
    public void insert(ReplicaId id, Labels labels, long t0, int n, double base) {
        RowBlockWriter w = new RowBlockWriter().reset(T);
        int s = w.addSeries(labels);
        for (int i = 0; i < n; i++) {
            w.addRow(s, t0 + i * 15_000L, base + i);
        }
        TestProbe<InsertResult> ack = kit.createTestProbe();
        live.get(id).tell(new ReplicaEntity.Insert(w.toBytes(), ack.getRef()));
        assertInstanceOf(InsertResult.Durable.class, ack.receiveMessage(Duration.ofSeconds(20)));
    }

    /**
     * A read gateway over these replicas, as on a node; every message it gets is also sent to
     * {@code monitor}.
     */
    public ActorRef<ReadGateway.Command> gateway(String name,
            TestProbe<ReadGateway.Command> monitor) {
        return kit.spawn(Behaviors.monitor(ReadGateway.Command.class, monitor.getRef(),
                ReadGateway.create(client)), name);
    }

    /** Every series of the replica with its samples as timestamp -> value, by labels. */
    public Map<Labels, Map<Long, Double>> contents(ReplicaId id) {
        TestProbe<ReadResult> probe = kit.createTestProbe();
        live.get(id).tell(new ReplicaEntity.Read(new ReadRequest.Samples(T,
                List.of(LabelMatcher.of(LabelMatcher.Type.RE, "__name__", ".+")), 0,
                Long.MAX_VALUE / 2, 100_000), probe.getRef()));
        ReadResult r = probe.receiveMessage(Duration.ofSeconds(30));
        Map<Labels, Map<Long, Double>> out = new TreeMap<>();
        for (SeriesData s : assertInstanceOf(ReadResult.Samples.class, r).series()) {
            Map<Long, Double> samples = new TreeMap<>();
            for (int i = 0; i < s.count(); i++) {
                if (samples.put(s.timestamps()[i], s.values()[i]) != null) {
                    throw new AssertionError("two samples at one timestamp in " + s.labels()
                            + ": " + Arrays.toString(s.timestamps()));
                }
            }
            out.put(s.labels(), samples);
        }
        return out;
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20); // polling interval, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
        committer.close();
    }

    /**
     * A fixed placement: per shard, readable replicas and write replicas, and the node of each
     * replica (empty: all on this node).
     */
    public record FixedPlacement(List<List<ReplicaId>> read, List<List<ReplicaId>> write,
            Map<ReplicaId, String> nodes) implements Placement {
        public FixedPlacement(List<List<ReplicaId>> read, List<List<ReplicaId>> write) {
            this(read, write, Map.of());
        }

        /** Every replica readable and written. */
        public static FixedPlacement of(List<List<ReplicaId>> replicas) {
            return new FixedPlacement(replicas, replicas);
        }

        @Override
        public String nodeOf(ReplicaId replica) {
            return nodes.isEmpty() ? THIS_NODE : nodes.get(replica);
        }

        @Override
        public int shards() {
            return read.size();
        }

        @Override
        public List<ReplicaId> writeReplicas(int shard) {
            return write.get(shard);
        }

        @Override
        public List<ReplicaId> readReplicas(int shard) {
            return read.get(shard);
        }

        @Override
        public List<ReplicaId> allReplicas() {
            List<ReplicaId> all = new ArrayList<>();
            write.forEach(all::addAll);
            return all;
        }
    }
}
