package io.cairn.http.ingest;

/**
 * Receives metric family metadata found in an ingestion request (remote_write
 * {@code MetricMetadata}, text format {@code # HELP} / {@code # TYPE} / {@code # UNIT}).
 * Called from the parser's thread; {@link #NONE} discards everything.
 */
@FunctionalInterface
public interface MetadataSink {
    MetadataSink NONE = (family, metadata) -> { };

    void add(String metricFamilyName, MetricMetadata metadata);
}
