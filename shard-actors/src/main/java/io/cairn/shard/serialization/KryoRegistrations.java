package io.cairn.shard.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaLifecycle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kryo class registrations of {@link CairnKryoSerializer}: which classes may cross the
 * cluster and under which id. Ids are part of the wire format: a class keeps its id forever, and
 * every node of a cluster must have the same table.
 *
 * <p>Ids below {@link #FIRST_CONFIG_ID} belong to {@link #builtIn()}; other modules add their
 * message classes from config, {@code cairn.kryo.registrations { "1000" = "io.cairn.query.Foo" }},
 * with ids from {@value #FIRST_CONFIG_ID} up. Immutable and thread safe.
 */
public final class KryoRegistrations {

    /** Lowest id available to {@code cairn.kryo.registrations}. */
    public static final int FIRST_CONFIG_ID = 1000;

    /** One registration: a class and its stable id. */
    public record Registration(int id, Class<?> type) {
        public Registration {
            if (id < 100) {
                throw new IllegalArgumentException("Kryo ids below 100 are Kryo's own, got " + id + " for " + type);
            }
        }
    }

    private KryoRegistrations() {
    }

    /**
     * The built-in table (ids 100..999): common JDK types and the shard protocol records. Append
     * only: never renumber or remove an entry.
     */
    public static List<Registration> builtIn() {
        return List.of(
                new Registration(100, byte[].class),
                new Registration(101, long[].class),
                new Registration(102, int[].class),
                new Registration(103, double[].class),
                new Registration(104, String[].class),
                new Registration(105, java.util.ArrayList.class),
                new Registration(106, List.of().getClass()), // ImmutableCollections.ListN
                new Registration(107, List.of(1).getClass()), // ImmutableCollections.List12
                new Registration(108, java.util.HashMap.class),
                new Registration(109, Map.of().getClass()), // ImmutableCollections.MapN
                new Registration(110, Map.of(1, 1).getClass()), // ImmutableCollections.Map1
                new Registration(111, Set.of().getClass()), // ImmutableCollections.SetN
                new Registration(112, Set.of(1).getClass()), // ImmutableCollections.Set12
                new Registration(113, Long.class),
                new Registration(114, Integer.class),
                new Registration(115, Boolean.class),
                new Registration(116, Double.class),
                // Every implementation of the typed ActorRef, written as its path.
                new Registration(120, org.apache.pekko.actor.typed.ActorRef.class),
                new Registration(200, PartRef.class),
                new Registration(201, ReplicaLifecycle.class),
                new Registration(202, ManifestEvent.PartAdded.class),
                new Registration(203, ManifestEvent.PartsMerged.class),
                new Registration(204, ManifestEvent.PartsDropped.class),
                new Registration(205, ManifestEvent.WalCheckpointed.class),
                new Registration(206, ManifestEvent.LifecycleChanged.class),
                new Registration(207, ManifestEvent.BootstrapProgressed.class),
                new Registration(208, io.cairn.shard.manifest.ReplicaManifest.class),
                // The replica protocol: inserts and reads between nodes, and their answers.
                new Registration(300, io.cairn.shard.replica.ReplicaId.class),
                new Registration(301, io.cairn.shard.replica.ReplicaEntity.Insert.class),
                new Registration(302, io.cairn.shard.replica.ReplicaEntity.Read.class),
                new Registration(303, io.cairn.shard.replica.ReplicaEntity.Wake.class),
                new Registration(304, io.cairn.shard.replica.ReplicaEntity.ForceFlush.class),
                new Registration(305, io.cairn.shard.replica.ReplicaEntity.Done.class),
                new Registration(306, io.cairn.shard.replica.InsertResult.Durable.class),
                new Registration(307, io.cairn.shard.replica.InsertResult.Rejected.class),
                new Registration(308, io.cairn.shard.replica.InsertResult.Unavailable.class),
                new Registration(309, io.cairn.shard.replica.ReadRequest.Samples.class),
                new Registration(310, io.cairn.shard.replica.ReadRequest.SeriesLabels.class),
                new Registration(311, io.cairn.shard.replica.ReadRequest.LabelNames.class),
                new Registration(312, io.cairn.shard.replica.ReadRequest.LabelValues.class),
                new Registration(313, io.cairn.shard.replica.ReadResult.Samples.class),
                new Registration(314, io.cairn.shard.replica.ReadResult.LabelSets.class),
                new Registration(315, io.cairn.shard.replica.ReadResult.Strings.class),
                new Registration(316, io.cairn.shard.replica.ReadResult.Failed.class),
                new Registration(317, io.cairn.storage.model.Tenant.class),
                new Registration(318, io.cairn.storage.model.Labels.class),
                new Registration(319, io.cairn.storage.model.LabelMatcher.class),
                new Registration(320, io.cairn.storage.api.SeriesData.class),
                // Placement (io.cairn.shard.cluster).
                new Registration(330,
                        io.cairn.shard.cluster.PlacementCoordinator.ReplicaBecameAvailable.class),
                new Registration(331, io.cairn.shard.cluster.PlacementCoordinator.ReplicaLeft.class),
                new Registration(332, io.cairn.shard.cluster.PlacementCoordinator.NodeReport.class),
                // Replica protocol, continued (cluster-io): admin and cardinality reads.
                new Registration(340, io.cairn.shard.replica.ReplicaEntity.ForceMerge.class),
                new Registration(341, io.cairn.shard.replica.ReadRequest.Cardinality.class),
                new Registration(342, io.cairn.shard.replica.ReadResult.Cardinality.class),
                new Registration(343, io.cairn.storage.index.TsdbStatus.class),
                new Registration(344, io.cairn.storage.index.TsdbStatus.Entry.class),
                // Reads batched per node (ReadGateway).
                new Registration(350, io.cairn.shard.replica.ReadGateway.ReadBatch.class),
                new Registration(351, io.cairn.shard.replica.ReadGateway.ReplicaAnswer.class),
                new Registration(352, io.cairn.shard.replica.ReadGateway.BatchAnswer.class),
                // Rollups computed next to the data (queries).
                new Registration(353, io.cairn.shard.replica.ReadRequest.Rollup.class),
                new Registration(354, io.cairn.shard.replica.ReadResult.Rolled.class),
                new Registration(355, io.cairn.storage.api.RollupSpec.class),
                new Registration(356, io.cairn.storage.api.RollupSpec.Aggregation.class),
                new Registration(357, io.cairn.storage.api.StepRows.class),
                // Peer bootstrap (io.cairn.shard.bootstrap): 400..449.
                new Registration(400, io.cairn.shard.replica.ReplicaEntity.StartBootstrap.class),
                new Registration(401, io.cairn.shard.replica.ReplicaEntity.PrepareCopy.class),
                new Registration(402, io.cairn.shard.bootstrap.BootstrapOutcome.Completed.class),
                new Registration(403, io.cairn.shard.bootstrap.BootstrapOutcome.Failed.class),
                new Registration(404, io.cairn.shard.bootstrap.CopyPlanReply.CopyPlan.class),
                new Registration(405, io.cairn.shard.bootstrap.CopyPlanReply.CopyRefused.class),
                new Registration(406, io.cairn.shard.bootstrap.CopySource.DescribePart.class),
                new Registration(407, io.cairn.shard.bootstrap.CopySource.FetchChunk.class),
                new Registration(408, io.cairn.shard.bootstrap.CopySource.FetchSeries.class),
                new Registration(409, io.cairn.shard.bootstrap.CopySource.Release.class),
                new Registration(410, io.cairn.shard.bootstrap.CopySource.PartDescription.class),
                new Registration(411, io.cairn.shard.bootstrap.CopySource.Chunk.class),
                new Registration(412, io.cairn.shard.bootstrap.CopySource.SeriesPage.class),
                new Registration(413, io.cairn.shard.bootstrap.CopySource.CopyFailed.class));
    }

    /**
     * {@link #builtIn()} plus the entries of {@code registrations} (an object of id -> class
     * name), sorted by id.
     *
     * @throws IllegalArgumentException naming the entry when an id is not a number or below
     *     {@value #FIRST_CONFIG_ID}, an id or class appears twice, or a class cannot be loaded
     */
    public static List<Registration> all(Config registrations, ClassLoader loader) {
        List<Registration> all = new ArrayList<>(builtIn());
        for (Map.Entry<String, ConfigValue> e : registrations.root().entrySet()) {
            int id;
            try {
                id = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("cairn.kryo.registrations: key \"" + e.getKey()
                        + "\" is not a numeric id");
            }
            if (id < FIRST_CONFIG_ID) {
                throw new IllegalArgumentException("cairn.kryo.registrations: id " + id + " is below "
                        + FIRST_CONFIG_ID + " (reserved for built-in registrations)");
            }
            Object className = e.getValue().unwrapped();
            try {
                all.add(new Registration(id, Class.forName(String.valueOf(className), false, loader)));
            } catch (ClassNotFoundException ex) {
                throw new IllegalArgumentException("cairn.kryo.registrations: class " + className
                        + " (id " + id + ") not found");
            }
        }
        all.sort(Comparator.comparingInt(Registration::id));
        checkUnique(all);
        return List.copyOf(all);
    }

    private static void checkUnique(List<Registration> all) {
        Map<Integer, Class<?>> ids = new HashMap<>();
        Set<Class<?>> types = new HashSet<>();
        for (Registration r : all) {
            Class<?> prev = ids.put(r.id(), r.type());
            if (prev != null) {
                throw new IllegalArgumentException("Kryo id " + r.id() + " given to both " + prev.getName()
                        + " and " + r.type().getName());
            }
            if (!types.add(r.type())) {
                throw new IllegalArgumentException("class " + r.type().getName() + " registered twice with Kryo");
            }
        }
    }
}
