package io.cairn.shard.bootstrap;

import io.cairn.shard.replica.ReplicaId;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Progress of one bootstrap for operators: an INFO line each time another
 * {@code stepPercent} of the planned bytes is present, with bytes, parts and the copy rate.
 * Confined to the runner's actor thread.
 */
final class BootstrapProgress {
    private final ReplicaId id;
    private final String sourceId;
    private final int stepPercent;
    private final Logger log;
    private final long startedNanos = System.nanoTime();
    private long attemptStartedNanos = startedNanos;
    private long startBytes;
    private long totalBytes;
    private int totalParts;
    private int lastLogged;

    BootstrapProgress(ReplicaId id, String sourceId, int stepPercent, Logger log) {
        this.id = id;
        this.sourceId = sourceId;
        this.stepPercent = stepPercent;
        this.log = log;
    }

    /** A new plan (each attempt has one). */
    void start(long totalBytes, int totalParts) {
        this.totalBytes = totalBytes;
        this.totalParts = totalParts;
        this.attemptStartedNanos = System.nanoTime();
        this.startBytes = 0;
        this.lastLogged = 0;
        log.info("{}: copying {} parts ({}) from {}", id, totalParts, mb(totalBytes), sourceId);
    }

    /** {@code doneBytes} of the plan are present, {@code doneParts} parts complete. */
    void update(long doneBytes, int doneParts) {
        if (totalBytes == 0) {
            return;
        }
        int percent = (int) (doneBytes * 100 / totalBytes);
        if (percent / stepPercent <= lastLogged / stepPercent) {
            return;
        }
        lastLogged = percent;
        double seconds = Math.max(1e-3, (System.nanoTime() - attemptStartedNanos) / 1e9);
        log.info("{}: bootstrap from {} {}% ({} of {}, {} of {} parts, {}/s)", id, sourceId,
                percent, mb(doneBytes), mb(totalBytes), doneParts, totalParts,
                mb((long) ((doneBytes - startBytes) / seconds)));
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
