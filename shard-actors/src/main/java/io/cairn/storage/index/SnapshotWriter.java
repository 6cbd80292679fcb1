package io.cairn.storage.index;

import java.util.BitSet;

/**
 * Writes the live index as log records into a snapshot segment: the retention watermark, one
 * SERIES_CREATED per live series, then its active days as SERIES_ACTIVE_ON_DAYS runs (usually
 * one run per series, since series are active on consecutive days). Runs on the owner thread,
 * which may read the state without the lock as it is the only writer.
 */
final class SnapshotWriter {
    private final IndexState state;
    private final IndexLogWriter out;

    SnapshotWriter(IndexState state, IndexLogWriter out) {
        this.state = state;
        this.out = out;
    }

    void write() {
        if (state.droppedBeforeDay() != Integer.MIN_VALUE) {
            out.daysDropped(state.droppedBeforeDay());
        }
        int[] days = state.days.days();
        BitSet[] sets = new BitSet[days.length];
        for (int i = 0; i < days.length; i++) {
            sets[i] = state.days.get(days[i]);
        }
        SeriesTable series = state.series;
        for (int ord = 0, n = series.ordinalCount(); ord < n; ord++) {
            if (series.isDead(ord)) {
                continue;
            }
            long id = series.id(ord);
            long tenant = state.tenantBySlot(series.tenant(ord)).tenant.packed();
            out.seriesCreated(id, tenant, state.labels(ord).canonicalBytes());
            int runStart = Integer.MIN_VALUE;
            int runEnd = Integer.MIN_VALUE;
            for (int i = 0; i < days.length; i++) {
                if (!sets[i].get(ord)) {
                    continue;
                }
                if (runStart != Integer.MIN_VALUE && days[i] == runEnd + 1) {
                    runEnd = days[i];
                    continue;
                }
                if (runStart != Integer.MIN_VALUE) {
                    out.seriesActiveOnDays(id, runStart, runEnd);
                }
                runStart = days[i];
                runEnd = days[i];
            }
            if (runStart != Integer.MIN_VALUE) {
                out.seriesActiveOnDays(id, runStart, runEnd);
            }
        }
    }
}
