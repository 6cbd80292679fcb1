package io.cairn.http.ingest;

import io.cairn.storage.model.Labels;
import io.cairn.storage.rows.SeriesRecord;

/**
 * Receives the validated samples of one ingestion request, in request order.
 *
 * <p>Contract: {@code labels} has passed {@link IngestLimits} validation (it carries a non-empty
 * {@code __name__}); {@code timestampMs} is milliseconds since the Unix epoch, never negative and
 * at most {@link IngestLimits#MAX_FUTURE_MS} ahead of the {@code now} given to the parser;
 * {@code value} may be any double, including NaN, the staleness marker and infinities. Parsers
 * call a sink from the thread that runs the parser and never concurrently; the same
 * {@link Labels} instance is often passed for many samples (cached series), so sinks can key
 * per-series state by it cheaply ({@link Labels#hashCode()} is cached).
 *
 * <p>Parsers with a {@link SeriesRecordCache} (remote write) deliver a series and its samples
 * at once through {@link #addSeriesRows}, the same contract with the series given as a
 * {@link SeriesRecord}; the default turns it into {@link #add} calls, a sink that groups rows
 * by shard overrides it to skip the {@link Labels} object altogether.
 */
@FunctionalInterface
public interface SampleSink {
    void add(Labels labels, long timestampMs, double value);

    /**
     * Rows {@code [from, to)} of the columns, all of the series whose {@link SeriesRecord} is at
     * {@code record[offset]}. The arrays are only read during the call.
     */
    default void addSeriesRows(byte[] record, int offset, long[] timestampsMs, double[] values,
            int from, int to) {
        if (from >= to) {
            return;
        }
        Labels labels = SeriesRecord.labels(record, offset);
        for (int i = from; i < to; i++) {
            add(labels, timestampsMs[i], values[i]);
        }
    }

    /**
     * The tenant ({@code Tenant#packed()}) and shard count for which parsers should precompute
     * series ids and shards in the {@link SeriesRecord}s they cache; {@link #hintShards()} 0
     * means none.
     */
    default long hintTenant() {
        return 0;
    }

    default int hintShards() {
        return 0;
    }
}
