package io.cairn.http.api;

import io.cairn.http.ingest.ExtraLabels;

/**
 * Query parameters of an ingestion request: {@code extra_label} for every format, and
 * {@code db} / {@code precision} for the InfluxDB line protocol (null when absent).
 */
public record IngestParams(ExtraLabels extra, String influxDb, String influxPrecision) {
    public static final IngestParams NONE = new IngestParams(ExtraLabels.NONE, null, null);
}
