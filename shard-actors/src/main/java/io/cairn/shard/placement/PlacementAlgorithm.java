package io.cairn.shard.placement;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.replica.ReplicaId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides where the replicas of every shard live (DESIGN.md §3), in the manner of M3DB's
 * placement: pure, deterministic (the same inputs give the same table on every JVM) and free
 * of actors, so that it is tested exhaustively on its own.
 *
 * <p>Every shard has {@code R} slots; a slot is a replica index (the {@code r} of
 * {@code s<shard>-r<slot>-g<generation>}), a label that stays with the data: slots are not
 * renumbered when R or the nodes change, and a new slot takes the lowest free index. Each slot
 * is owned by one node. The algorithm chooses the owner of every slot, in this order of
 * priority:
 * <ol>
 *   <li>the replicas of a shard are on distinct nodes (always);
 *   <li>they are in distinct zones as far as the zones allow ({@code min(R, zones)} zones per
 *       shard; zones win over balance, as isolation groups do in M3DB);
 *   <li>every node owns {@code floor(T/N)} or {@code ceil(T/N)} slots ({@code T} = slots to
 *       place, {@code N} = live nodes) whenever the zones allow it;
 *   <li>the fewest slots change owner: current owners keep their slots unless a rule above
 *       forces a move, and a moved slot prefers a node that still holds its data.
 * </ol>
 * With fewer live nodes than {@code R} every shard gets one replica per node. When a shard has
 * more slots than it should (R was lowered, or nodes left), the slots whose owner holds data
 * are kept rather than those still being copied.
 *
 * <p>The owner of a slot is turned into replicas as follows. A slot that keeps its node keeps
 * its replica. A slot that moves gets a new replica (next generation of its shard) on the new
 * node, INITIALIZING; the old replica stays AVAILABLE, still serving reads, until the new one
 * reports that it holds all data ({@link PlacementTable#replicaBecameAvailable}); an old replica
 * that was itself still INITIALIZING has nothing worth keeping and turns LEAVING at once.
 * Replicas on nodes that are not live are dropped from the table (the caller decides how long a
 * vanished node still counts as live), with one exception: when no live (or draining) node holds
 * an AVAILABLE replica of a shard, the AVAILABLE replicas on vanished nodes stay in the table,
 * AVAILABLE. They are the last copies of the shard's data: the new owners placed beside them
 * stay INITIALIZING (never read as complete) until one of those nodes returns and can be copied
 * from, so a lost node shows as missing data rather than as an empty replica that hides the
 * loss. LEAVING replicas stay until they report that their data is gone
 * ({@link PlacementTable#replicaLeft}).
 *
 * <p><b>Draining nodes</b> (graceful decommission) are present but own no slots: their slots get
 * new owners elsewhere, their AVAILABLE replicas keep serving (and are copied from) until the
 * new owner of the slot is AVAILABLE, their INITIALIZING replicas turn LEAVING at once.
 *
 * <p>Stateless and thread safe.
 */
public final class PlacementAlgorithm {
    /** Rounds of balancing before the result is taken as it is; a few suffice in practice. */
    private static final int MAX_ROUNDS = 8;

    private PlacementAlgorithm() {}

    /**
     * The placement of {@code current} adapted to the live nodes.
     *
     * @param current the current table; {@link PlacementTable#unplaced} for a new cluster
     * @param liveNodes the nodes that may hold replicas (duplicate ids are an error)
     * @param replicationFactor R, the number of replicas every shard should have
     * @param fresh whether the cluster holds no data yet (its first placement): new replicas
     *     then start AVAILABLE, since there is nothing to copy
     * @return {@code current} itself when nothing changes, else a table with the next version
     */
    public static PlacementTable place(PlacementTable current, Collection<NodeInfo> liveNodes,
            int replicationFactor, boolean fresh) {
        return place(current, liveNodes, Set.of(), replicationFactor, fresh);
    }

    /**
     * As {@link #place(PlacementTable, Collection, int, boolean)}, with {@code draining} node ids
     * (not among {@code liveNodes}) whose replicas are handed over to other nodes: see the class
     * comment.
     */
    public static PlacementTable place(PlacementTable current, Collection<NodeInfo> liveNodes,
            Set<String> draining, int replicationFactor, boolean fresh) {
        if (replicationFactor <= 0) {
            throw new IllegalArgumentException("replication factor must be positive, got "
                    + replicationFactor);
        }
        if (liveNodes.isEmpty()) {
            // Nothing can be placed; keep the table rather than dropping every replica.
            return current;
        }
        Plan plan = new Plan(current, liveNodes, draining, replicationFactor);
        plan.keepOwners();
        // Placing the result again must change nothing. One round can end above a node's share
        // where zones force it, and the next round would then reshuffle moves in progress; so
        // the rounds repeat on the owners (not on replicas, which would leave stillborn
        // generations behind) until they settle.
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int[][] before = plan.owners();
            plan.spreadZones();
            plan.shedOverload();
            plan.fill();
            if (Arrays.deepEquals(before, plan.owners())) {
                break;
            }
        }
        return plan.toTable(fresh);
    }

    /** The working state of one run: slot owners as node indexes, and node loads. */
    private static final class Plan {
        private final PlacementTable cur;
        private final int shards;
        private final int reff;
        /** Slot indexes considered per shard: R, or more where a shard already uses more. */
        private final int slots;
        private final int n;
        private final int zones;
        private final String[] nodeIds;
        private final int[] zone;
        private final Map<String, Integer> index = new HashMap<>();
        /** Owner node index of every (shard, slot), -1 when free. */
        private final int[][] assign;
        private final int[] load;
        private final int[] cap;
        private final Set<String> draining;

        Plan(PlacementTable cur, Collection<NodeInfo> live, Set<String> draining,
                int replicationFactor) {
            this.cur = cur;
            this.draining = draining;
            this.shards = cur.shardCount();
            TreeMap<String, NodeInfo> sorted = new TreeMap<>();
            for (NodeInfo info : live) {
                if (sorted.put(info.nodeId(), info) != null) {
                    throw new IllegalArgumentException("node " + info.nodeId() + " listed twice");
                }
            }
            this.n = sorted.size();
            this.reff = Math.min(replicationFactor, n);
            int span = replicationFactor;
            for (ShardPlacement sp : cur.shards()) {
                span = Math.max(span, sp.slotSpan());
            }
            this.slots = span;
            this.nodeIds = new String[n];
            this.zone = new int[n];
            Map<String, Integer> zoneIds = new TreeMap<>();
            for (NodeInfo info : sorted.values()) {
                zoneIds.putIfAbsent(info.zone(), 0);
            }
            int z = 0;
            for (Map.Entry<String, Integer> e : zoneIds.entrySet()) {
                e.setValue(z++);
            }
            this.zones = z;
            int i = 0;
            for (NodeInfo info : sorted.values()) {
                nodeIds[i] = info.nodeId();
                zone[i] = zoneIds.get(info.zone());
                index.put(info.nodeId(), i);
                i++;
            }
            this.assign = new int[shards][slots];
            for (int s = 0; s < shards; s++) {
                Arrays.fill(assign[s], -1);
            }
            this.load = new int[n];
            this.cap = new int[n];
        }

        int[][] owners() {
            int[][] copy = new int[shards][];
            for (int s = 0; s < shards; s++) {
                copy[s] = assign[s].clone();
            }
            return copy;
        }

        // ---- phase 1: every slot keeps its current owner where that is allowed ----

        void keepOwners() {
            for (int s = 0; s < shards; s++) {
                List<PlacedReplica> reps = cur.shard(s).replicas();
                for (int slot = 0; slot < slots; slot++) {
                    // Newest generation first: the owner, then replicas it is taking over from.
                    for (int k = reps.size() - 1; k >= 0; k--) {
                        PlacedReplica x = reps.get(k);
                        Integer node = index.get(x.nodeId());
                        if (x.slot() == slot && x.isActive() && node != null && !holds(s, node)) {
                            set(s, slot, node);
                            break;
                        }
                    }
                }
                while (assignedCount(s) > reff) {
                    unset(s, trimChoice(s));
                }
            }
        }

        /** The slot a shard with too many gives up: one still copying, else the highest. */
        private int trimChoice(int s) {
            int victim = -1;
            for (int slot = 0; slot < slots; slot++) {
                if (assign[s][slot] < 0) {
                    continue;
                }
                boolean data = hasData(s, slot, assign[s][slot]);
                if (victim < 0 || !data || hasData(s, victim, assign[s][victim])) {
                    victim = slot;
                }
            }
            return victim;
        }

        // ---- phase 2: free slots that stand in the way of zone spread ----

        void spreadZones() {
            if (zones <= 1) {
                return;
            }
            int want = Math.min(reff, zones);
            int[] perZone = new int[zones];
            for (int s = 0; s < shards; s++) {
                while (true) {
                    Arrays.fill(perZone, 0);
                    int assigned = 0;
                    int distinct = 0;
                    for (int slot = 0; slot < slots; slot++) {
                        int node = assign[s][slot];
                        if (node >= 0) {
                            assigned++;
                            if (perZone[zone[node]]++ == 0) {
                                distinct++;
                            }
                        }
                    }
                    int reachable = distinct + Math.min(reff - assigned, zones - distinct);
                    if (reachable >= want) {
                        break;
                    }
                    int victim = -1;
                    for (int slot = 0; slot < slots; slot++) {
                        int node = assign[s][slot];
                        if (node >= 0 && perZone[zone[node]] > 1 && (victim < 0
                                || load[node] > load[assign[s][victim]]
                                || (load[node] == load[assign[s][victim]]
                                        && node > assign[s][victim]))) {
                            victim = slot;
                        }
                    }
                    unset(s, victim);
                }
            }
        }

        // ---- phase 3: free slots of nodes above their share ----

        void shedOverload() {
            computeCaps();
            for (int node = 0; node < n; node++) {
                int excess = load[node] - cap[node];
                for (int k = 0; k < excess; k++) {
                    int[] victim = shedChoice(node);
                    if (victim == null) {
                        break; // the zones keep this node above its share
                    }
                    unset(victim[0], victim[1]);
                }
            }
        }

        /**
         * Whether slot (s, slot), owned by {@code from}, has somewhere else to go: a node with
         * room that may own a slot of s, in the same zone or in a zone s does not use. Without
         * one, shedding it would only bring it back (or break the zone spread), and placing the
         * result again would not be stable.
         */
        private boolean movable(int s, int slot, int from) {
            assign[s][slot] = -1;
            try {
                for (int m = 0; m < n; m++) {
                    if (m != from && load[m] < cap[m] && eligible(s, m)
                            && (zone[m] == zone[from] || zoneFree(s, m))) {
                        return true;
                    }
                }
                return false;
            } finally {
                assign[s][slot] = from;
            }
        }

        /**
         * The slot {@code node} gives up next: a move in progress first (nothing to copy back),
         * then a slot of a shard that has no free slot yet (two free slots of one shard could
         * not go to the same new node), then a spread of shards chosen by hash, so that the
         * slots leaving a node go to many nodes. Null when no slot of the node can move.
         */
        private int[] shedChoice(int node) {
            int[] best = null;
            long bestKey = 0;
            for (int s = 0; s < shards; s++) {
                for (int slot = 0; slot < slots; slot++) {
                    if (assign[s][slot] != node || !movable(s, slot, node)) {
                        continue;
                    }
                    long key = (hasData(s, slot, node) ? 2L << 61 : 0)
                            | (assignedCount(s) < reff ? 1L << 61 : 0)
                            | (mix(s, node) >>> 3);
                    if (best == null || Long.compareUnsigned(key, bestKey) < 0) {
                        best = new int[] {s, slot};
                        bestKey = key;
                    }
                }
            }
            return best;
        }

        /**
         * floor(T/N) per node, plus one for the T mod N nodes that own the most now (so that
         * the fewest slots move), ties to the lowest node id.
         */
        private void computeCaps() {
            long total = (long) shards * reff;
            int base = (int) (total / n);
            int extra = (int) (total % n);
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> load[a] != load[b] ? Integer.compare(load[b], load[a])
                    : Integer.compare(a, b));
            for (int k = 0; k < n; k++) {
                cap[order[k]] = base + (k < extra ? 1 : 0);
            }
        }

        // ---- phase 4: give every shard its missing owners ----

        void fill() {
            for (int s = 0; s < shards; s++) {
                while (assignedCount(s) < reff) {
                    int best = choose(s);
                    if (best >= 0 && !zoneFree(s, best) && callOffForZone(s)) {
                        continue;
                    }
                    if (best < 0) {
                        if (callOffMove(s)) {
                            continue;
                        }
                        break; // cannot happen with reff <= live nodes; kept for safety
                    }
                    if (load[best] >= cap[best]) {
                        int freed = swap(s, best);
                        best = freed >= 0 ? freed : best;
                    }
                    set(s, slotFor(s, best), best);
                }
            }
        }

        /** The best node for a new owner of shard s by the class comment's priorities, or -1. */
        private int choose(int s) {
            int best = -1;
            for (int node = 0; node < n; node++) {
                if (eligible(s, node) && (best < 0 || better(s, node, best))) {
                    best = node;
                }
            }
            return best;
        }

        private boolean better(int s, int a, int b) {
            boolean za = zoneFree(s, a);
            boolean zb = zoneFree(s, b);
            if (za != zb) {
                return za;
            }
            boolean ua = load[a] < cap[a];
            boolean ub = load[b] < cap[b];
            if (ua != ub) {
                return ua;
            }
            boolean da = dataSlot(s, a) >= 0;
            boolean db = dataSlot(s, b) >= 0;
            if (da != db) {
                return da;
            }
            if (load[a] != load[b]) {
                return load[a] < load[b];
            }
            long ma = mix(s, a);
            long mb = mix(s, b);
            return ma != mb ? ma < mb : a < b;
        }

        /**
         * The slot a new owner {@code node} of shard s takes: the free slot it holds data of,
         * else the lowest free slot nobody holds data of, else the lowest free slot.
         */
        private int slotFor(int s, int node) {
            int data = dataSlot(s, node);
            if (data >= 0) {
                return data;
            }
            int firstFree = -1;
            for (int slot = 0; slot < slots; slot++) {
                if (assign[s][slot] >= 0) {
                    continue;
                }
                if (firstFree < 0) {
                    firstFree = slot;
                }
                if (!anyAvailable(s, slot)) {
                    return slot;
                }
            }
            if (firstFree < 0) {
                throw new IllegalStateException("BUG: shard " + s + " has no free slot");
            }
            return firstFree;
        }

        /**
         * No node can take another slot of shard s because every node without one still holds
         * an AVAILABLE replica that a slot in progress is copying from. Call one such move off:
         * the slot goes back to the node with the data, which frees the move's target.
         */
        private boolean callOffMove(int s) {
            for (int slot = 0; slot < slots; slot++) {
                int owner = assign[s][slot];
                if (owner < 0 || hasData(s, slot, owner)) {
                    continue;
                }
                for (int node = 0; node < n; node++) {
                    if (!holds(s, node) && hasData(s, slot, node)) {
                        unset(s, slot);
                        set(s, slot, node);
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * No node of a zone that shard s lacks can take a slot, but one holds an AVAILABLE
         * replica that a move in progress copies from: call that move off, the slot goes back
         * to the data and to the zone.
         */
        private boolean callOffForZone(int s) {
            for (int slot = 0; slot < slots; slot++) {
                int owner = assign[s][slot];
                if (owner < 0 || hasData(s, slot, owner)) {
                    continue;
                }
                assign[s][slot] = -1;
                for (int node = 0; node < n; node++) {
                    if (node != owner && hasData(s, slot, node) && !holds(s, node)
                            && zoneFree(s, node) && zone[node] != zone[owner]) {
                        load[owner]--;
                        assign[s][slot] = node;
                        load[node]++;
                        return true;
                    }
                }
                assign[s][slot] = owner;
            }
            return false;
        }

        /**
         * Every eligible node for shard s is full while another node has room, which the shard
         * cannot use (it holds the shard, or is in a zone the shard already uses). Frees room
         * by moving one slot of another shard from an eligible node {@code v} to such a node
         * {@code u}: balance at the cost of one extra move. Returns {@code v}, or -1.
         */
        private int swap(int s, int best) {
            boolean wantZoneFree = zoneFree(s, best);
            for (int u = 0; u < n; u++) {
                if (load[u] >= cap[u]) {
                    continue;
                }
                for (int v = 0; v < n; v++) {
                    if (v == u || !eligible(s, v) || zoneFree(s, v) != wantZoneFree) {
                        continue;
                    }
                    for (int s2 = 0; s2 < shards; s2++) {
                        if (s2 == s || !eligible(s2, u)) {
                            continue;
                        }
                        for (int slot2 = 0; slot2 < slots; slot2++) {
                            // Same zone only: moving s2 to another zone could strand it
                            // without a way back to the zone it leaves.
                            if (assign[s2][slot2] != v || zone[u] != zone[v]) {
                                continue;
                            }
                            unset(s2, slot2);
                            set(s2, slot2, u);
                            return v;
                        }
                    }
                }
            }
            return -1;
        }

        // ---- turning owners into replicas ----

        PlacementTable toTable(boolean fresh) {
            List<ShardPlacement> next = new ArrayList<>(shards);
            boolean changed = false;
            for (int s = 0; s < shards; s++) {
                ShardPlacement sp = cur.shard(s);
                ShardPlacement np = replicasOf(sp, fresh);
                changed |= !np.equals(sp);
                next.add(np);
            }
            return changed ? new PlacementTable(cur.version() + 1, next) : cur;
        }

        private ShardPlacement replicasOf(ShardPlacement sp, boolean fresh) {
            int s = sp.shard();
            int nextGen = sp.nextGeneration();
            boolean dataReachable = false;
            for (PlacedReplica x : sp.replicas()) {
                if (x.state() == ReplicaLifecycle.AVAILABLE && (index.containsKey(x.nodeId())
                        || draining.contains(x.nodeId()))) {
                    dataReachable = true;
                }
            }
            List<PlacedReplica> out = new ArrayList<>();
            for (int slot = 0; slot < slots; slot++) {
                List<PlacedReplica> inSlot = new ArrayList<>();
                List<PlacedReplica> retained = new ArrayList<>();
                for (PlacedReplica x : sp.replicas()) {
                    if (x.slot() != slot) {
                        continue;
                    }
                    if (index.containsKey(x.nodeId())) {
                        inSlot.add(x);
                    } else if (draining.contains(x.nodeId())
                            || (!dataReachable && x.state() == ReplicaLifecycle.AVAILABLE)) {
                        retained.add(x); // handing over, or the last copies of the shard
                    } // else: a replica on a node that is gone is dropped
                }
                int target = assign[s][slot];
                PlacedReplica stays = null;
                if (target < 0) {
                    for (PlacedReplica x : inSlot) {
                        out.add(x.withState(ReplicaLifecycle.LEAVING));
                    }
                } else {
                    for (PlacedReplica x : inSlot) {
                        if (x.isActive() && x.nodeId().equals(nodeIds[target])) {
                            stays = x; // the newest one on the target node
                        }
                    }
                    if (stays == null) {
                        ReplicaLifecycle state = fresh ? ReplicaLifecycle.AVAILABLE
                                : ReplicaLifecycle.INITIALIZING;
                        stays = new PlacedReplica(new ReplicaId(s, slot, nextGen++),
                                nodeIds[target], state);
                    }
                    out.add(stays);
                    for (PlacedReplica x : inSlot) {
                        if (x != stays) {
                            out.add(handingOver(x, stays) ? x
                                    : x.withState(ReplicaLifecycle.LEAVING));
                        }
                    }
                }
                for (PlacedReplica x : retained) {
                    if (x.state() == ReplicaLifecycle.AVAILABLE
                            && (stays == null || stays.state() == ReplicaLifecycle.INITIALIZING)) {
                        out.add(x); // serves (and is copied from) until the owner has the data
                    } else if (draining.contains(x.nodeId())) {
                        out.add(x.withState(ReplicaLifecycle.LEAVING)); // its node deletes it
                    }
                }
            }
            return new ShardPlacement(s, nextGen, out);
        }

        /**
         * Whether {@code x} keeps its state beside the slot's owner: LEAVING replicas stay
         * LEAVING, and an AVAILABLE older replica keeps serving until the INITIALIZING owner
         * holds the data. Everything else the owner replaces turns LEAVING.
         */
        private static boolean handingOver(PlacedReplica x, PlacedReplica owner) {
            return !x.isActive() || (x.state() == ReplicaLifecycle.AVAILABLE
                    && owner.state() == ReplicaLifecycle.INITIALIZING
                    && x.generation() < owner.generation());
        }

        // ---- helpers ----

        private void set(int s, int slot, int node) {
            if (assign[s][slot] >= 0) {
                throw new IllegalStateException("BUG: slot " + s + "/" + slot + " assigned twice");
            }
            assign[s][slot] = node;
            load[node]++;
        }

        private void unset(int s, int slot) {
            load[assign[s][slot]]--;
            assign[s][slot] = -1;
        }

        private boolean holds(int s, int node) {
            for (int slot = 0; slot < slots; slot++) {
                if (assign[s][slot] == node) {
                    return true;
                }
            }
            return false;
        }

        private int assignedCount(int s) {
            int c = 0;
            for (int slot = 0; slot < slots; slot++) {
                if (assign[s][slot] >= 0) {
                    c++;
                }
            }
            return c;
        }

        /**
         * Whether {@code node} may own another slot of shard s: it owns none, and it holds no
         * AVAILABLE replica that hands a slot over to another owner (that replica stays active
         * on the node until the move completes, and a node holds one active replica per shard).
         */
        private boolean eligible(int s, int node) {
            if (holds(s, node)) {
                return false;
            }
            for (PlacedReplica x : cur.shard(s).replicas()) {
                if (x.state() == ReplicaLifecycle.AVAILABLE && x.nodeId().equals(nodeIds[node])
                        && assign[s][x.slot()] >= 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean zoneFree(int s, int node) {
            if (zones <= 1) {
                return true;
            }
            for (int slot = 0; slot < slots; slot++) {
                int other = assign[s][slot];
                if (other >= 0 && zone[other] == zone[node]) {
                    return false;
                }
            }
            return true;
        }

        /** Whether {@code node} holds an AVAILABLE replica of (s, slot). */
        private boolean hasData(int s, int slot, int node) {
            for (PlacedReplica x : cur.shard(s).replicas()) {
                if (x.slot() == slot && x.state() == ReplicaLifecycle.AVAILABLE
                        && x.nodeId().equals(nodeIds[node])) {
                    return true;
                }
            }
            return false;
        }

        /** A free slot of shard s that {@code node} holds an AVAILABLE replica of, or -1. */
        private int dataSlot(int s, int node) {
            for (PlacedReplica x : cur.shard(s).replicas()) {
                if (x.state() == ReplicaLifecycle.AVAILABLE && assign[s][x.slot()] < 0
                        && x.nodeId().equals(nodeIds[node])) {
                    return x.slot();
                }
            }
            return -1;
        }

        private boolean anyAvailable(int s, int slot) {
            for (PlacedReplica x : cur.shard(s).replicas()) {
                if (x.slot() == slot && x.state() == ReplicaLifecycle.AVAILABLE
                        && index.containsKey(x.nodeId())) {
                    return true;
                }
            }
            return false;
        }

        /** A deterministic pseudo-random order of nodes per shard (SplitMix64 finaliser). */
        private long mix(int s, int node) {
            long x = ((long) s << 32) ^ (nodeIds[node].hashCode() & 0xffffffffL);
            x += 0x9E3779B97F4A7C15L;
            x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
            return x ^ (x >>> 31);
        }
    }
}
