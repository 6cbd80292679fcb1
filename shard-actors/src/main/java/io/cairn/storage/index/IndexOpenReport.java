package io.cairn.storage.index;

import java.util.List;

/**
 * What opening a {@link SeriesIndex} found in its log. A replica whose report says
 * {@link #corrupted()} opened with the series of the damaged records missing; the store should
 * surface that (metrics, admin API) and may re-fetch the index from a sibling replica.
 *
 * @param recordsReplayed valid records applied
 * @param damage torn tails (expected after a crash, cut off) and corruption (skipped)
 * @param orphanRecords records about series ids the log never created (their creation was
 *     lost to corruption) — ignored
 * @param conflictingRecords creations of an id already live with other labels — ignored
 * @param compacted whether the log was rewritten during open
 * @param openMillis wall time spent opening
 */
public record IndexOpenReport(long recordsReplayed, List<LogDamage> damage, long orphanRecords,
        long conflictingRecords, boolean compacted, long openMillis) {

    /** True when records other than a torn tail were lost. */
    public boolean corrupted() {
        for (LogDamage d : damage) {
            if (!d.tornTail()) {
                return true;
            }
        }
        return orphanRecords > 0 || conflictingRecords > 0;
    }
}
