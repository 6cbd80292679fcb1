package io.cairn.shard.replica;

import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.wal.GroupCommitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What every replica on a node shares: where replica directories live, store settings, the
 * node's one WAL group committer (thread-safe), housekeeping intervals and the clock.
 */
public record ReplicaEnvironment(
        Path replicasRoot,
        StoreOptions storeOptions,
        GroupCommitter committer,
        Duration flushInterval,
        Duration mergeInterval,
        Duration retentionInterval,
        LongSupplier clock) {

    public Path replicaDir(ReplicaId id) {
        return replicasRoot.resolve(id.entityId());
    }
}
