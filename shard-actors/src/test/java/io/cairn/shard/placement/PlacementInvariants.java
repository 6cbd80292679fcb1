package io.cairn.shard.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.shard.manifest.ReplicaLifecycle;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Checks of what every table the algorithm produces must satisfy. */
final class PlacementInvariants {
    private PlacementInvariants() {}

    /**
     * Owned slots per live node id (owner = newest active generation of a slot on a live node;
     * the last copies of a shard on a node that is gone own nothing).
     */
    static Map<String, Integer> ownerLoad(PlacementTable t, Collection<NodeInfo> nodes) {
        Map<String, Integer> load = new TreeMap<>();
        Map<String, String> live = new HashMap<>();
        for (NodeInfo n : nodes) {
            load.put(n.nodeId(), 0);
            live.put(n.nodeId(), n.zone());
        }
        for (ShardPlacement sp : t.shards()) {
            for (int slot = 0; slot < sp.slotSpan(); slot++) {
                PlacedReplica o = liveOwner(sp, slot, live);
                if (o != null) {
                    load.merge(o.nodeId(), 1, Integer::sum);
                }
            }
        }
        return load;
    }

    /** (shard, slot) -> owner node id. */
    static Map<String, String> owners(PlacementTable t) {
        Map<String, String> m = new HashMap<>();
        for (ShardPlacement sp : t.shards()) {
            for (int slot = 0; slot < sp.slotSpan(); slot++) {
                PlacedReplica o = sp.owner(slot);
                if (o != null) {
                    m.put(sp.shard() + "/" + slot, o.nodeId());
                }
            }
        }
        return m;
    }

    static void check(PlacementTable t, Collection<NodeInfo> nodes, int rf, boolean balanced) {
        Map<String, String> zoneOf = new HashMap<>();
        for (NodeInfo n : nodes) {
            zoneOf.put(n.nodeId(), n.zone());
        }
        int zones = new HashSet<>(zoneOf.values()).size();
        int reff = Math.min(rf, nodes.size());
        for (ShardPlacement sp : t.shards()) {
            Set<String> activeNodes = new HashSet<>();
            Set<String> ownerZones = new HashSet<>();
            int owned = 0;
            boolean liveData = false;
            for (PlacedReplica x : sp.replicas()) {
                liveData |= x.state() == ReplicaLifecycle.AVAILABLE
                        && zoneOf.containsKey(x.nodeId());
            }
            for (PlacedReplica x : sp.replicas()) {
                if (!zoneOf.containsKey(x.nodeId())) {
                    // Only the last copies of a shard stay on a node that is gone.
                    assertTrue(!liveData && x.state() == ReplicaLifecycle.AVAILABLE,
                            x + " is on " + x.nodeId() + ", which is not live, and not the "
                                    + "last copy of its shard: " + sp);
                    continue;
                }
                if (x.isActive() && !activeNodes.add(x.nodeId())) {
                    fail("shard " + sp.shard() + " has two active replicas on " + x.nodeId()
                            + ": " + sp);
                }
            }
            for (int slot = 0; slot < sp.slotSpan(); slot++) {
                PlacedReplica o = liveOwner(sp, slot, zoneOf);
                if (o == null) {
                    continue;
                }
                owned++;
                ownerZones.add(zoneOf.get(o.nodeId()));
                for (PlacedReplica x : sp.replicas()) {
                    if (x.slot() == slot && x.isActive() && x != o) {
                        assertEquals(ReplicaLifecycle.INITIALIZING, o.state(),
                                "only a moving slot has two active replicas: " + sp);
                        assertEquals(ReplicaLifecycle.AVAILABLE, x.state(),
                                "a slot hands over from an AVAILABLE replica only: " + sp);
                    }
                }
            }
            assertEquals(reff, owned, "owned slots of shard " + sp.shard() + ": " + sp);
            assertEquals(Math.min(reff, zones), ownerZones.size(),
                    "zones of shard " + sp.shard() + ": " + sp);
        }
        if (balanced) {
            Map<String, Integer> load = ownerLoad(t, nodes);
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int l : load.values()) {
                min = Math.min(min, l);
                max = Math.max(max, l);
            }
            assertTrue(max - min <= 1, "unbalanced owner counts " + load);
        }
    }

    /** The newest active replica of the slot on a live node (the last copies elsewhere aside). */
    private static PlacedReplica liveOwner(ShardPlacement sp, int slot, Map<String, String> live) {
        PlacedReplica owner = null;
        for (PlacedReplica r : sp.replicas()) {
            if (r.slot() == slot && r.isActive() && live.containsKey(r.nodeId())) {
                owner = r;
            }
        }
        return owner;
    }
}
