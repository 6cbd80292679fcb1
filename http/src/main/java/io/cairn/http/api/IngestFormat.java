package io.cairn.http.api;

/** The ingestion formats Cairn accepts; the name is the label value in /metrics. */
public enum IngestFormat {
    REMOTE_WRITE("promremotewrite"),
    PROMETHEUS_TEXT("prometheus"),
    JSON_LINES("vmimport"),
    INFLUX("influx");

    private final String metricName;

    IngestFormat(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }
}
