package io.cairn.http.ingest;

import java.util.Locale;

/**
 * Metric family types, numbered as in Prometheus remote_write's {@code MetricMetadata.MetricType}
 * and named as in the Prometheus HTTP API ({@code /api/v1/metadata}) and the text format.
 */
public enum MetricType {
    UNKNOWN("unknown"),
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    GAUGEHISTOGRAM("gaugehistogram"),
    SUMMARY("summary"),
    INFO("info"),
    STATESET("stateset");

    private static final MetricType[] BY_NUMBER = values();

    private final String promName;

    MetricType(String promName) {
        this.promName = promName;
    }

    /** The lower-case name used by the text format and the HTTP API. */
    public String promName() {
        return promName;
    }

    /** The remote_write enum number; unknown numbers (newer senders) map to {@link #UNKNOWN}. */
    public static MetricType fromProtoNumber(long number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[(int) number] : UNKNOWN;
    }

    /**
     * The type named in a {@code # TYPE} line; {@code untyped} (Prometheus text format) is
     * {@link #UNKNOWN}. Returns null for names that are no type.
     */
    public static MetricType fromText(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("untyped")) {
            return UNKNOWN;
        }
        for (MetricType t : BY_NUMBER) {
            if (t.promName.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
