package io.cairn.http.ingest;

import java.util.Objects;

/**
 * What Prometheus knows about a metric family besides its samples: type, help text and unit
 * ({@code ""} when not given). Immutable.
 */
public record MetricMetadata(MetricType type, String help, String unit) {
    public MetricMetadata {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(unit, "unit");
    }
}
