package io.cairn.storage.merge;

import java.util.function.LongPredicate;

/**
 * What a merge drops besides overwritten duplicates.
 *
 * @param dedupIntervalMs keep one sample per series per interval ({@link Deduplicator});
 *                        0 disables deduplication
 * @param minTimeMs       samples older than this are dropped (retention); Long.MIN_VALUE keeps all
 * @param dropSeries      series ids to drop entirely (e.g. deleted series), or null for none;
 *                        called once per distinct series, from the merging thread
 */
public record MergeOptions(long dedupIntervalMs, long minTimeMs, LongPredicate dropSeries) {
    public MergeOptions {
        if (dedupIntervalMs < 0) {
            throw new IllegalArgumentException("dedupIntervalMs must be >= 0: " + dedupIntervalMs);
        }
    }

    /** Merge without deduplication, retention or deletions. */
    public static MergeOptions keepAll() {
        return new MergeOptions(0, Long.MIN_VALUE, null);
    }
}
