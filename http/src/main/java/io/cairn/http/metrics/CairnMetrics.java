package io.cairn.http.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The node's own metrics, served at /metrics in the Prometheus text format. One registry per
 * node (not the global default, so tests can run several nodes in one JVM).
 *
 * <p>Thread-safe.
 */
public final class CairnMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    /** Rows stored, by ingestion format. */
    public final Counter rowsInserted = Counter.builder().name("cairn_rows_inserted_total")
            .help("Rows accepted and stored, by ingestion format").labelNames("format")
            .register(registry);

    /** Rows refused for bad input (and reported to the client), by format. */
    public final Counter rowsRejected = Counter.builder().name("cairn_rows_rejected_total")
            .help("Rows rejected as invalid, by ingestion format").labelNames("format")
            .register(registry);

    public final Counter requests = Counter.builder().name("cairn_http_requests_total")
            .help("HTTP requests by path group and status code").labelNames("path", "code")
            .register(registry);

    /** Exposes a value computed on scrape (e.g. off-heap bytes, parts count). */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }

    /**
     * Exposes one value per label value, computed on scrape (e.g. bytes queued per replica);
     * label values absent from the map are simply not exported.
     */
    public void gauge(String name, String help, String labelName,
            java.util.function.Supplier<java.util.Map<String, ? extends Number>> values) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labelName)
                .callback(cb -> values.get().forEach((label, v) ->
                        cb.call(v.doubleValue(), label)))
                .register(registry);
    }

    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
