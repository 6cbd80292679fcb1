package io.cairn.it.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Scrape targets with the metric shapes of the PromQL compliance tester's demo service, served
 * from this JVM so that the compatibility test's query list can use them: per instance a gauge
 * with a {@code type} label ({@code demo_memory_usage_bytes}), a constant
 * ({@code demo_num_cpus}), counters by {@code mode} ({@code demo_cpu_usage_seconds_total}), a
 * growing gauge ({@code demo_disk_usage_bytes}), a timestamp that moves every 30 s
 * ({@code demo_batch_last_success_timestamp_seconds}), a request-duration histogram by
 * method, path and status, and {@code demo_intermittent_metric}, which is exposed only in
 * alternate 10 s periods so that Prometheus writes staleness markers.
 *
 * <p>Values are smooth functions of the wall clock and the instance number; counters only grow.
 * They need not be reproducible: Prometheus scrapes them once and both servers under comparison
 * receive that same scrape. Each instance listens on its own free 127.0.0.1 port. The HTTP
 * server threads only read the clock, so the exporter is thread safe.
 */
final class DemoExporter implements AutoCloseable {
    private static final String[] MEMORY_TYPES = {"buffers", "cached", "free", "used"};
    private static final String[] CPU_MODES = {"idle", "system", "user"};
    private static final String[] BUCKETS = {"0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    /** Share of requests at or below each bucket bound (cumulative, so bucket counts never shrink with le). */
    private static final double[] BUCKET_SHARE = {0.05, 0.2, 0.45, 0.7, 0.88, 0.95, 0.985, 0.997, 1.0};
    private static final String[][] ENDPOINTS = {
        {"GET", "/api/foo", "200"}, {"GET", "/api/foo", "500"}, {"POST", "/api/bar", "200"}, {"GET", "/api/nop", "200"},
    };

    private final List<HttpServer> servers = new ArrayList<>();
    private final LongSupplier clockMs;
    private final long startMs;

    /** Starts {@code instances} targets; {@link #ports()} says where. */
    DemoExporter(int instances, LongSupplier clockMs) throws IOException {
        this.clockMs = clockMs;
        this.startMs = clockMs.getAsLong();
        for (int i = 0; i < instances; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            int instance = i;
            server.createContext("/metrics", exchange -> serve(exchange, instance));
            server.start();
            servers.add(server);
        }
    }

    /** The port of each instance, in instance order. */
    int[] ports() {
        int[] ports = new int[servers.size()];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = servers.get(i).getAddress().getPort();
        }
        return ports;
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
    }

    private void serve(HttpExchange exchange, int instance) throws IOException {
        byte[] body = exposition(instance, clockMs.getAsLong()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The text exposition of one instance at wall time {@code nowMs}. */
    String exposition(int instance, long nowMs) {
        double t = (nowMs - startMs) / 1000.0;
        StringBuilder out = new StringBuilder(4096);
        header(out, "demo_memory_usage_bytes", "gauge");
        for (int k = 0; k < MEMORY_TYPES.length; k++) {
            double base = (1 + k) * 1.5e9 + instance * 2.5e8;
            double wave = 3e8 * Math.sin(2 * Math.PI * t / (40 + 7 * k) + instance);
            sample(out, "demo_memory_usage_bytes", "type", MEMORY_TYPES[k], Math.rint(base + wave));
        }
        header(out, "demo_num_cpus", "gauge");
        sample(out, "demo_num_cpus", null, null, 4 << instance);
        header(out, "demo_cpu_usage_seconds_total", "counter");
        for (int m = 0; m < CPU_MODES.length; m++) {
            double speed = (m + 1) * (instance + 1) * 0.37;
            // Derivative speed * (1 + 0.5 sin) stays positive: a counter that never resets.
            double value = 1000 * (m + 1) + speed * (t + 0.5 * 20 * (1 - Math.cos(t / 20)));
            sample(out, "demo_cpu_usage_seconds_total", "mode", CPU_MODES[m], value);
        }
        header(out, "demo_disk_usage_bytes", "gauge");
        sample(out, "demo_disk_usage_bytes", null, null,
                Math.rint(4e10 + instance * 1e9 + 2.5e5 * t + 4e6 * Math.sin(t / 15)));
        header(out, "demo_batch_last_success_timestamp_seconds", "gauge");
        sample(out, "demo_batch_last_success_timestamp_seconds", null, null, (nowMs / 30_000) * 30.0);
        histogram(out, instance, t);
        if (((nowMs / 10_000) + instance) % 2 == 0) {
            header(out, "demo_intermittent_metric", "gauge");
            sample(out, "demo_intermittent_metric", null, null, 1 + instance);
        }
        return out.toString();
    }

    private static void histogram(StringBuilder out, int instance, double t) {
        String name = "demo_api_request_duration_seconds";
        header(out, name, "histogram");
        for (int e = 0; e < ENDPOINTS.length; e++) {
            String[] ep = ENDPOINTS[e];
            if (e == ENDPOINTS.length - 1 && instance == 0) {
                continue; // one endpoint only on some instances: aggregations see uneven groups
            }
            double requests = Math.floor(t * (3 + 2 * e + instance));
            String labels = "method=\"" + ep[0] + "\",path=\"" + ep[1] + "\",status=\"" + ep[2] + "\"";
            for (int b = 0; b < BUCKETS.length; b++) {
                out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BUCKETS[b]).append("\"} ")
                        .append(fmt(Math.floor(requests * BUCKET_SHARE[b]))).append('\n');
            }
            out.append(name).append("_sum{").append(labels).append("} ").append(fmt(requests * 0.083 * (1 + e))).append('\n');
            out.append(name).append("_count{").append(labels).append("} ").append(fmt(requests)).append('\n');
        }
    }

    private static void header(StringBuilder out, String name, String type) {
        out.append("# HELP ").append(name).append(" Synthetic demo metric.\n");
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String value, double v) {
        out.append(name);
        if (label != null) {
            out.append('{').append(label).append("=\"").append(value).append("\"}");
        }
        out.append(' ').append(fmt(v)).append('\n');
    }

    /** Java's shortest exact decimal form ("1.5E9"), which Prometheus' float parser accepts. */
    private static String fmt(double v) {
        return Double.toString(v);
    }
}
