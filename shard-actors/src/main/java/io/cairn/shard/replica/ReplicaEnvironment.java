package io.cairn.shard.replica;

import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.wal.GroupCommitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What every replica on a node shares: where replica directories live, store settings, the
 * node's one WAL group committer (thread-safe), housekeeping intervals, the clock, and how
 * reads are answered ({@link NodeReads}).
 */
public record ReplicaEnvironment(
        Path replicasRoot,
        StoreOptions storeOptions,
        GroupCommitter committer,
        Duration flushInterval,
        Duration mergeInterval,
        Duration retentionInterval,
        LongSupplier clock,
        NodeReads reads) {

    public Path replicaDir(ReplicaId id) {
        return replicasRoot.resolve(id.entityId());
    }
}
