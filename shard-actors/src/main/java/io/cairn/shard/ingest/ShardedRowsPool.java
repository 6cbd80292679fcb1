package io.cairn.shard.ingest;

import io.cairn.storage.model.Tenant;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A bounded pool of {@link ShardedRows} for one shard count, so requests reuse grown row block
 * writers instead of building one per shard per request. Thread-safe; an instance is used by
 * one request between {@link #acquire} and {@link #release}. When the pool is empty a new
 * instance is made, and releases beyond the capacity are dropped, so a burst of concurrent
 * requests costs allocation, never waiting.
 */
public final class ShardedRowsPool {
    private final int shards;
    private final ArrayBlockingQueue<ShardedRows> idle;

    /** @param capacity instances kept idle, typically the number of ingest threads */
    public ShardedRowsPool(int shards, int capacity) {
        if (shards <= 0 || capacity <= 0) {
            throw new IllegalArgumentException(
                    "shards and capacity must be positive: " + shards + ", " + capacity);
        }
        this.shards = shards;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    public int shards() {
        return shards;
    }

    /** An empty instance for the tenant, pooled or new. */
    public ShardedRows acquire(Tenant tenant) {
        ShardedRows rows = idle.poll();
        return rows == null ? new ShardedRows(tenant, shards) : rows.reset(tenant);
    }

    /**
     * Returns an instance no longer used by anyone (its blocks already taken with
     * {@code blockFor}); null is ignored.
     */
    public void release(ShardedRows rows) {
        if (rows == null) {
            return;
        }
        if (rows.shards() != shards) {
            throw new IllegalArgumentException("BUG: rows for " + rows.shards()
                    + " shards released to a pool for " + shards);
        }
        idle.offer(rows);
    }
}
