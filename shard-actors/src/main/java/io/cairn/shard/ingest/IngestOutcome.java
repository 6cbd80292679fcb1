package io.cairn.shard.ingest;

/** How an ingestion request ended, as the HTTP layer needs to answer it. */
public sealed interface IngestOutcome {

    /** Every row is durable on the required replicas. */
    record Stored(long rows) implements IngestOutcome {}

    /** Some target cannot take writes now; the client should retry (HTTP 503). */
    record Unavailable(String message) implements IngestOutcome {}

    /** The rows themselves were refused (HTTP 400). */
    record Rejected(String message) implements IngestOutcome {}
}
