package io.cairn.shard.handoff;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Progress of a node's hinted handoff for /metrics and for reads: bytes queued per target
 * replica, blocks and rows delivered, blocks refused. Written by the {@link HandoffActor},
 * read from any thread.
 */
public final class HandoffStats {
    private final Map<String, Long> queuedBytes = new ConcurrentHashMap<>();
    final LongAdder replayedRows = new LongAdder();
    final LongAdder replayedBlocks = new LongAdder();
    final LongAdder refusedBlocks = new LongAdder();
    final LongAdder queuedBlocks = new LongAdder();

    void setQueued(String entityId, long bytes) {
        queuedBytes.put(entityId, bytes);
    }

    void remove(String entityId) {
        queuedBytes.remove(entityId);
    }

    /** Bytes waiting per target entity id (only targets with a queue), sorted by id. */
    public Map<String, Long> queuedBytesByReplica() {
        return new TreeMap<>(queuedBytes);
    }

    /** Whether rows for the replica wait in this node's queue: its answers may miss them. */
    public boolean hasPending(String entityId) {
        Long b = queuedBytes.get(entityId);
        return b != null && b > 0;
    }

    public long totalQueuedBytes() {
        long sum = 0;
        for (long b : queuedBytes.values()) {
            sum += b;
        }
        return sum;
    }

    public long replayedRows() {
        return replayedRows.sum();
    }

    public long replayedBlocks() {
        return replayedBlocks.sum();
    }

    public long refusedBlocks() {
        return refusedBlocks.sum();
    }

    public long queuedBlocks() {
        return queuedBlocks.sum();
    }
}
