package io.cairn.http.ingest;

import io.cairn.storage.model.Labels;

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
 */
@FunctionalInterface
public interface SampleSink {
    void add(Labels labels, long timestampMs, double value);
}
