package io.cairn.shard.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The replicas of one shard, ordered by (slot, generation), and the generation the next
 * replica of this shard will get. Generations only grow, so a re-created replica never reuses
 * the entity id (and persistence id) of an earlier one.
 */
public record ShardPlacement(int shard, int nextGeneration, List<PlacedReplica> replicas) {
    static final Comparator<PlacedReplica> ORDER = Comparator.comparingInt(PlacedReplica::slot)
            .thenComparingInt(PlacedReplica::generation);

    public ShardPlacement {
        if (shard < 0 || nextGeneration < 0) {
            throw new IllegalArgumentException("shard " + shard + ", next generation "
                    + nextGeneration);
        }
        List<PlacedReplica> sorted = new ArrayList<>(replicas);
        sorted.sort(ORDER);
        for (int i = 0; i < sorted.size(); i++) {
            PlacedReplica r = sorted.get(i);
            if (r.id().shard() != shard) {
                throw new IllegalArgumentException("replica " + r.id() + " listed under shard "
                        + shard);
            }
            if (r.generation() >= nextGeneration) {
                throw new IllegalArgumentException("replica " + r.id() + " has a generation "
                        + "not below the shard's next generation " + nextGeneration);
            }
            if (i > 0 && ORDER.compare(sorted.get(i - 1), r) == 0) {
                throw new IllegalArgumentException("replica " + r.id() + " listed twice");
            }
        }
        replicas = List.copyOf(sorted);
    }

    /**
     * The replica that owns {@code slot}: its newest active generation, or null. Older active
     * replicas of the slot are handing over to it.
     */
    public PlacedReplica owner(int slot) {
        PlacedReplica owner = null;
        for (PlacedReplica r : replicas) {
            if (r.slot() == slot && r.isActive()) {
                owner = r; // sorted by generation within the slot: the last one wins
            }
        }
        return owner;
    }

    /** Number of slots that have a replica in any state (highest slot + 1). */
    public int slotSpan() {
        return replicas.isEmpty() ? 0 : replicas.get(replicas.size() - 1).slot() + 1;
    }
}
