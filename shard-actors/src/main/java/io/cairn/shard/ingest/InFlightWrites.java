package io.cairn.shard.ingest;

import java.util.TreeMap;

/**
 * The write requests a node is routing now, counted by the placement version they were routed
 * with. A request counts from before it reads the placement until every replica of it has
 * acknowledged or the hinted-handoff queue has taken its block (or it failed).
 *
 * <p>This is what makes a peer bootstrap safe to start (docs/cluster.md, "When a bootstrap may
 * start"): once a node's view holds placement version V and {@link #oldest()} is at least V, no
 * row routed with an older table (which did not name the new replica) is still on its way from
 * this node.
 *
 * <p>Thread-safe; one lock per request begin and end (not per row).
 */
public final class InFlightWrites {
    private final TreeMap<Long, int[]> byVersion = new TreeMap<>();

    /** A request routed with placement {@code version} starts. */
    public synchronized void begin(long version) {
        byVersion.computeIfAbsent(version, v -> new int[1])[0]++;
    }

    /** A request begun with {@code version} ended (stored, queued or failed). */
    public synchronized void end(long version) {
        int[] count = byVersion.get(version);
        if (count == null) {
            throw new IllegalStateException("BUG: end of a write routed with placement version "
                    + version + " that never began");
        }
        if (--count[0] == 0) {
            byVersion.remove(version);
        }
    }

    /** The oldest placement version a request in flight was routed with; MAX_VALUE when idle. */
    public synchronized long oldest() {
        return byVersion.isEmpty() ? Long.MAX_VALUE : byVersion.firstKey();
    }
}
