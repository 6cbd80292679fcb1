package io.cairn.query;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReadGateway;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaEnvironment;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;
import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Replica entities spawned directly in one actor system (distinct entity ids, one directory
 * each), reachable through a {@link ReplicaClient} as through sharding; a stopped replica
 * answers nothing, like one on a dead node.
 */
final class ReplicaFixture implements AutoCloseable {
    static final Tenant T = new Tenant(4, 0);

    final ActorTestKit kit;
    private final GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);
    private final ReplicaEnvironment env;
    private final Map<ReplicaId, ActorRef<ReplicaEntity.Command>> live = new ConcurrentHashMap<>();
    final ReplicaClient client;

    ReplicaFixture(Path dir) {
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
                System::currentTimeMillis);
        // A stopped replica is a dead letter box: asks to it time out.
        client = ReplicaClient.of(id -> live.containsKey(id) ? live.get(id)
                : kit.system().deadLetters().narrow(), kit.system().scheduler());
    }

    void start(ReplicaId... ids) {
        for (ReplicaId id : ids) {
            live.put(id, kit.spawn(ReplicaEntity.create(id, env), id.entityId()));
        }
    }

    void stop(ReplicaId id) {
        ActorRef<ReplicaEntity.Command> ref = live.remove(id);
        kit.stop(ref, Duration.ofSeconds(20));
    }

    /** Stores {@code n} samples of {@code labels} (value = base + i) in the replica. */
    void insert(ReplicaId id, Labels labels, long t0, int n, double base) {
        RowBlockWriter w = new RowBlockWriter().reset(T);
        int s = w.addSeries(labels);
        for (int i = 0; i < n; i++) {
            w.addRow(s, t0 + i * 15_000L, base + i);
        }
        TestProbe<InsertResult> ack = kit.createTestProbe();
        live.get(id).tell(new ReplicaEntity.Insert(w.toBytes(), ack.getRef()));
        assertInstanceOf(InsertResult.Durable.class, ack.receiveMessage(Duration.ofSeconds(20)));
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
        committer.close();
    }

    /**
     * A read gateway over these replicas, as on a node; every message it gets is also sent to
     * {@code monitor}.
     */
    ActorRef<ReadGateway.Command> gateway(String name, TestProbe<ReadGateway.Command> monitor) {
        return kit.spawn(Behaviors.monitor(ReadGateway.Command.class, monitor.getRef(),
                ReadGateway.create(client)), name);
    }

    /**
     * A fixed placement: per shard, readable replicas and write replicas, and the node of each
     * replica (empty: all on this node).
     */
    record FixedPlacement(List<List<ReplicaId>> read, List<List<ReplicaId>> write,
            Map<ReplicaId, String> nodes) implements Placement {
        FixedPlacement(List<List<ReplicaId>> read, List<List<ReplicaId>> write) {
            this(read, write, Map.of());
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
