package io.cairn.shard.bootstrap;

import io.cairn.shard.serialization.CairnMessage;

/**
 * What the listener given in {@code ReplicaEntity.StartBootstrap} is told when a peer bootstrap
 * ends. The placement coordinator turns {@link Completed} into "replica available".
 */
public sealed interface BootstrapOutcome extends CairnMessage {

    /** The replica entity id this outcome is about. */
    String entityId();

    /**
     * The replica holds every part its source had when the copy began and is AVAILABLE in its
     * manifest (recorded before this is sent).
     *
     * @param bytesCopied bytes of part files copied by this run (0 when the replica was already
     *     available)
     * @param partsCopied parts copied and adopted by this run
     * @param partsKept parts of the source that this replica already held from an earlier,
     *     interrupted run, byte for byte, and that were not copied again
     */
    record Completed(String entityId, long bytesCopied, int partsCopied, int partsKept)
            implements BootstrapOutcome {}

    /**
     * The copy gave up after its attempts (or could not start); the replica stays INITIALIZING
     * with what it adopted so far. Sending {@code StartBootstrap} again resumes from there.
     */
    record Failed(String entityId, String reason) implements BootstrapOutcome {}
}
