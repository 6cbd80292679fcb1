package io.cairn.http.ingest;

/**
 * Limits every ingestion format enforces on each series, with VictoriaMetrics' flag names and
 * its current defaults ({@code -maxLabelsPerTimeseries=40}, {@code -maxLabelNameLen=256},
 * {@code -maxLabelValueLen=4096}). As in VictoriaMetrics, a series beyond a limit is rejected
 * (not truncated). Lengths count UTF-8 bytes; the label count includes {@code __name__} and
 * excludes labels with empty values (those are absent in Prometheus' data model).
 *
 * <p>Timestamps must not be negative and not more than {@link #MAX_FUTURE_MS} after the
 * {@code now} the caller passes, which catches seconds-vs-milliseconds and nanosecond mix-ups.
 */
public record IngestLimits(int maxLabelsPerTimeseries, int maxLabelNameLen, int maxLabelValueLen) {
    public static final IngestLimits DEFAULT = new IngestLimits(40, 256, 4096);

    /** How far in the future a sample may lie, relative to the request's {@code now}: 2 days. */
    public static final long MAX_FUTURE_MS = 2L * 24 * 3600 * 1000;

    public IngestLimits {
        if (maxLabelsPerTimeseries <= 0 || maxLabelNameLen <= 0 || maxLabelValueLen <= 0) {
            throw new IllegalArgumentException(
                    "ingestion limits must be positive: -maxLabelsPerTimeseries="
                            + maxLabelsPerTimeseries + " -maxLabelNameLen=" + maxLabelNameLen
                            + " -maxLabelValueLen=" + maxLabelValueLen);
        }
    }

    /**
     * Null when {@code timestampMs} is acceptable at {@code nowMs}, else why not (without row
     * context, which the caller prefixes).
     */
    public static String checkTimestamp(long timestampMs, long nowMs) {
        if (timestampMs < 0) {
            return "timestamp " + timestampMs + " is negative (before 1970-01-01)";
        }
        if (timestampMs - nowMs > MAX_FUTURE_MS) {
            return "timestamp " + timestampMs + " is more than 2 days after now (" + nowMs
                    + "); timestamps are in milliseconds";
        }
        return null;
    }
}
