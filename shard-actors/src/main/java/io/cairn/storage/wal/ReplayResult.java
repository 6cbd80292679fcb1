package io.cairn.storage.wal;

/**
 * Outcome of {@link ReplicaWal#replay(long, RecordHandler)}.
 *
 * @param records records handed to the handler
 * @param lastPosition position of the last record handed over, or the {@code afterPosition}
 *     asked for when there was none
 * @param corruptSegments segments whose replay stopped early at corruption (each also logged
 *     at ERROR with file and offset); non-zero means records may be missing and the replica
 *     should be repaired from a sibling
 */
public record ReplayResult(long records, long lastPosition, int corruptSegments) {
}
