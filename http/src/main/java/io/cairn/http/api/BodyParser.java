package io.cairn.http.api;

import io.cairn.http.ingest.IngestReport;
import io.cairn.http.ingest.MetadataSink;
import io.cairn.http.ingest.SampleSink;

/**
 * One ingestion format's parser as the ingest API drives it. A malformed body as a whole
 * throws {@link io.cairn.http.ingest.IngestException} (nothing is stored); bad rows are
 * recorded in the report and the good ones still reach the sink.
 */
@FunctionalInterface
public interface BodyParser {
    void parse(byte[] body, IngestParams params, long nowMs, SampleSink sink,
            MetadataSink metadata, IngestReport report);
}
