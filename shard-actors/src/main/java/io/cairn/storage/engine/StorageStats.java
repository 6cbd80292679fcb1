package io.cairn.storage.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * Node-wide counters of the storage engine, summed over all stores, for /metrics and for tests
 * that wait on storage progress instead of sleeping. Like the allocator's accounting they are
 * process-wide by design: a node has one storage engine.
 *
 * <p>Thread-safe.
 */
public final class StorageStats {
    public static final LongAdder ROWS_ACCEPTED = new LongAdder();
    public static final LongAdder ROWS_OUTSIDE_RETENTION = new LongAdder();
    public static final LongAdder FLUSHES = new LongAdder();
    public static final LongAdder MERGES = new LongAdder();
    /** Parts found damaged (checksum mismatch) and taken out of service. */
    public static final LongAdder CORRUPT_PARTS = new LongAdder();
    /** Parts currently served by open stores. */
    public static final LongAdder LIVE_PARTS = new LongAdder();

    private StorageStats() {}
}
