package io.cairn.shard.handoff;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a node's hinted handoff.
 *
 * @param dir {@code <data>/handoff}: one queue directory per target replica, named by its
 *     entity id
 * @param maxBytesPerReplica bound of one target's queue (-handoff.maxBytesPerReplica); a block
 *     that would pass it is refused, and the write answered 503
 * @param segmentBytes queue segment size; delivered segments are deleted whole, and the largest
 *     block a queue takes is a little below it
 * @param minBackoff first delay before retrying an unreachable replica, doubled per failure
 * @param maxBackoff largest delay between retries
 * @param deliveryTimeout how long one replayed block may wait for the replica's ack
 * @param batchBytes at most this many payload bytes are read from a queue at once
 */
public record HandoffSettings(Path dir, long maxBytesPerReplica, long segmentBytes,
        Duration minBackoff, Duration maxBackoff, Duration deliveryTimeout, int batchBytes) {

    public HandoffSettings {
        if (maxBytesPerReplica <= 0) {
            throw new IllegalArgumentException("-handoff.maxBytesPerReplica must be positive, got "
                    + maxBytesPerReplica);
        }
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("handoff backoff must satisfy 0 < min <= max, got "
                    + minBackoff + " and " + maxBackoff);
        }
    }

    /** Production defaults below {@code dataDir}: 32 MiB segments, retries from 1 s to 30 s. */
    public static HandoffSettings defaults(Path dataDir, long maxBytesPerReplica) {
        return new HandoffSettings(dataDir.resolve("handoff"), maxBytesPerReplica, 32L << 20,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), 4 << 20);
    }

    /** The delay before retry number {@code failures} (1 = first retry). */
    Duration backoff(int failures) {
        long ms = minBackoff.toMillis() << Math.min(20, Math.max(0, failures - 1));
        return ms >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(ms);
    }
}
