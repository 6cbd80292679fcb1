package io.cairn.shard.bootstrap;

import java.util.concurrent.atomic.LongAdder;

/**
 * Node-wide counters of peer bootstraps for /metrics and for tests that wait on progress, like
 * {@code StorageStats}: process-wide by design, a node has one set of replicas.
 *
 * <p>Thread-safe.
 */
public final class BootstrapStats {
    /** Bootstraps running on this node now (a gauge: incremented and decremented). */
    public static final LongAdder RUNNING = new LongAdder();
    /** Bytes of part files received and written by bootstraps of this node. */
    public static final LongAdder BYTES_COPIED = new LongAdder();
    /** Bytes of part files sent by copy sessions of this node. */
    public static final LongAdder BYTES_SERVED = new LongAdder();
    /** Parts copied, verified and adopted. */
    public static final LongAdder PARTS_COPIED = new LongAdder();
    /** Parts found already present (byte for byte) after an interrupted bootstrap. */
    public static final LongAdder PARTS_KEPT = new LongAdder();
    /** Chunks fetched again after a checksum mismatch or timeout. */
    public static final LongAdder CHUNK_RETRIES = new LongAdder();
    /** Attempts that failed and were retried or given up. */
    public static final LongAdder FAILED_ATTEMPTS = new LongAdder();
    /** Bootstraps that ended with the replica AVAILABLE. */
    public static final LongAdder COMPLETED = new LongAdder();

    private BootstrapStats() {}
}
