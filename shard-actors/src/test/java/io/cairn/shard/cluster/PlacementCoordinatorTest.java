package io.cairn.shard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.placement.ShardPlacement;
import io.cairn.shard.replica.ReplicaId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator on a one-node cluster (node id "a"): the first placement, publishing to
 * Distributed Data, the replace delay for a node that is gone, and replica state reports.
 */
class PlacementCoordinatorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private ActorTestKit kit;

    static Config config() {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.roles = ["node-id:a", "zone:z1"]
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.cluster.distributed-data.notify-subscribers-interval = 50ms
                pekko.actor.serializers.cairn-placement = "io.cairn.shard.cluster.PlacementTableSerializer"
                pekko.actor.serialization-bindings {
                  "io.cairn.shard.placement.PlacementTable" = cairn-placement
                }
                """).withFallback(ConfigFactory.load());
    }

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.shutdownTestKit();
        }
    }

    /**
     * A one-node cluster, Up before the test goes on. Once in CI the coordinator saw no Up member
     * for the whole wait after a single self-join; waiting for Up here (joining again meanwhile,
     * which is harmless) makes a lost or slow join fail as such, not as a placement failure.
     */
    private void startCluster() {
        kit = ActorTestKit.create("placement", config());
        Cluster cluster = Cluster.get(kit.system());
        TestProbe<Object> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, Duration.ofSeconds(1), () -> {
            if (cluster.selfMember().status() != MemberStatus.up()) {
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
                throw new AssertionError("self member is " + cluster.selfMember().status());
            }
            return null;
        });
    }

    @Test
    void aNewClusterIsPlacedAvailableAndPublished() {
        startCluster();
        ClusterPlacement local = new ClusterPlacement("a", 4);
        kit.spawn(PlacementCoordinator.create(new PlacementSettings(4, 1, Duration.ofMinutes(5),
                1, Duration.ofSeconds(3)), local, System::currentTimeMillis));
        TestProbe<Object> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            assertTrue(local.isReady());
            return null;
        });
        PlacementTable t = local.table();
        assertEquals(1, t.version());
        for (int s = 0; s < 4; s++) {
            assertEquals(List.of(new PlacedReplica(new ReplicaId(s, 0, 0), "a",
                    ReplicaLifecycle.AVAILABLE)), t.shard(s).replicas());
        }
        assertEquals(t, readPlacement());
    }

    @Test
    void replicasOfAGoneNodeWaitForTheReplaceDelayThenMove() {
        startCluster();
        // The cluster knew nodes a and ghost; ghost is not coming back.
        List<ShardPlacement> shards = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            shards.add(new ShardPlacement(s, 2, List.of(
                    new PlacedReplica(new ReplicaId(s, 0, 0), "a", ReplicaLifecycle.AVAILABLE),
                    new PlacedReplica(new ReplicaId(s, 1, 1), "ghost",
                            ReplicaLifecycle.AVAILABLE))));
        }
        PlacementTable before = new PlacementTable(7, shards);
        writePlacement(before);
        ClusterPlacement local = new ClusterPlacement("a", 2);
        long started = System.nanoTime();
        kit.spawn(PlacementCoordinator.create(new PlacementSettings(2, 2, Duration.ofSeconds(2),
                1, Duration.ofSeconds(3)), local, System::currentTimeMillis));
        TestProbe<Object> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            assertTrue(local.table() != null);
            return null;
        });
        // Within the delay ghost keeps its replicas: the loaded table stands unchanged.
        assertEquals(before, local.table());
        probe.awaitAssert(WAIT, () -> {
            PlacementTable t = local.table();
            assertTrue(t.version() > 7, "re-placed after the delay");
            for (PlacedReplica r : t.allReplicas()) {
                assertEquals("a", r.nodeId(), "ghost's replicas are gone: " + t);
            }
            return null;
        });
        assertTrue(System.nanoTime() - started >= Duration.ofSeconds(2).toNanos(),
                "not before the replace delay");
        assertEquals(local.table(), readPlacement());
    }

    @Test
    void stateReportsMoveReplicasThroughTheirLifecycle() {
        startCluster();
        List<ShardPlacement> shards = List.of(new ShardPlacement(0, 3, List.of(
                new PlacedReplica(new ReplicaId(0, 0, 1), "a", ReplicaLifecycle.LEAVING),
                new PlacedReplica(new ReplicaId(0, 0, 2), "a", ReplicaLifecycle.INITIALIZING))));
        writePlacement(new PlacementTable(3, shards));
        ClusterPlacement local = new ClusterPlacement("a", 1);
        ActorRef<PlacementCoordinator.Command> coordinator = kit.spawn(
                PlacementCoordinator.create(new PlacementSettings(1, 1, Duration.ofMinutes(5), 1,
                        Duration.ofSeconds(3)), local, System::currentTimeMillis));
        TestProbe<Object> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            assertEquals(3, local.table().version());
            return null;
        });
        coordinator.tell(new PlacementCoordinator.ReplicaLeft(new ReplicaId(0, 0, 1)));
        coordinator.tell(new PlacementCoordinator.ReplicaBecameAvailable(new ReplicaId(0, 0, 2)));
        probe.awaitAssert(WAIT, () -> {
            assertEquals(List.of(new PlacedReplica(new ReplicaId(0, 0, 2), "a",
                    ReplicaLifecycle.AVAILABLE)), local.table().shard(0).replicas());
            return null;
        });
    }

    private void writePlacement(PlacementTable t) {
        SelfUniqueAddress self = DistributedData.get(kit.system()).selfUniqueAddress();
        TestProbe<Replicator.UpdateResponse<LWWRegister<PlacementTable>>> probe =
                kit.createTestProbe();
        DistributedData.get(kit.system()).replicator().tell(new Replicator.Update<>(
                PlacementKey.KEY, LWWRegister.create(self, t, PlacementKey.CLOCK),
                Replicator.writeLocal(), probe.ref(), reg -> reg.withValue(self, t,
                        PlacementKey.CLOCK)));
        assertTrue(probe.receiveMessage(WAIT) instanceof Replicator.UpdateSuccess);
    }

    private PlacementTable readPlacement() {
        TestProbe<Replicator.GetResponse<LWWRegister<PlacementTable>>> probe =
                kit.createTestProbe();
        DistributedData.get(kit.system()).replicator().tell(new Replicator.Get<>(
                PlacementKey.KEY, Replicator.readLocal(), probe.ref()));
        var rsp = probe.receiveMessage(WAIT);
        return ((Replicator.GetSuccess<LWWRegister<PlacementTable>>) rsp)
                .get(PlacementKey.KEY).getValue();
    }
}
