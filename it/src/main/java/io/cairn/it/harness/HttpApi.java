package io.cairn.it.harness;

import io.cairn.it.harness.jsonl.ExportParser;
import io.cairn.it.harness.jsonl.ExportedSeries;
import io.cairn.it.harness.jsonl.ImportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Client of the VictoriaMetrics-compatible HTTP API that both Cairn and VictoriaMetrics serve:
 * remote write, JSON-lines import and export, instant and range queries, health and internal
 * endpoints. Plain HTTP/1.1 over java.net.http.
 *
 * <p>Methods return {@link HttpResult} for the caller to judge, except the typed helpers
 * ({@link #export}, {@link #importSeries}) which throw IllegalStateException on a non-2xx answer.
 * I/O failures (connection refused, timeout) surface as UncheckedIOException.
 * Thread safe: one instance may be shared by many sending threads.
 */
public final class HttpApi {
    /** Path of Prometheus remote write on a VictoriaMetrics-compatible server. */
    public static final String REMOTE_WRITE_PATH = "/api/v1/write";

    private final URI base;
    private final HttpClient client;
    private final Duration requestTimeout;

    /** A client of the server at {@code base} (e.g. http://127.0.0.1:8428), 60 s per request. */
    public HttpApi(URI base) {
        this(base, Duration.ofSeconds(60));
    }

    public HttpApi(URI base, Duration requestTimeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public URI base() {
        return base;
    }

    /**
     * Sends one Prometheus remote-write request: {@code body} is a snappy-compressed protobuf
     * WriteRequest (see {@link io.cairn.it.harness.remotewrite.WriteRequestBuilder}).
     */
    public HttpResult remoteWrite(byte[] body) {
        return remoteWrite(REMOTE_WRITE_PATH, body);
    }

    /** As {@link #remoteWrite(byte[])}, to another path (e.g. /insert/7/prometheus/api/v1/write). */
    public HttpResult remoteWrite(String path, byte[] body) {
        HttpRequest request = request(path)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request);
    }

    /** POSTs series as JSON lines to /api/v1/import and requires a 2xx answer. */
    public void importSeries(List<ExportedSeries> series) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImportWriter.write(series, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        post("/api/v1/import", out.toByteArray(), "application/json").requireSuccess("import of " + series.size() + " series");
    }

    /**
     * Exports every series matching the series selector {@code match} (e.g. {@code {job="node"}})
     * with all samples in [startMs, endMs] (inclusive; pass null for an open end).
     */
    public List<ExportedSeries> export(String match, Long startMs, Long endMs) {
        List<ExportedSeries> out = new ArrayList<>();
        export(match, startMs, endMs, out::add);
        return out;
    }

    /** Streaming variant of {@link #export(String, Long, Long)}: series are handed over as parsed. */
    public void export(String match, Long startMs, Long endMs, Consumer<ExportedSeries> sink) {
        StringBuilder query = new StringBuilder("/api/v1/export?match[]=").append(encode(match));
        if (startMs != null) {
            query.append("&start=").append(seconds(startMs));
        }
        if (endMs != null) {
            query.append("&end=").append(seconds(endMs));
        }
        HttpRequest request = request(query.toString()).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    new HttpResult(response.statusCode(), body.readAllBytes()).requireSuccess("export of " + match);
                }
                ExportParser.parse(body, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("export of " + match + " from " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during export from " + base, e);
        }
    }

    /** Instant query at {@code timeMs}; the body is the Prometheus JSON response. */
    public HttpResult query(String promql, long timeMs) {
        return get("/api/v1/query?query=" + encode(promql) + "&time=" + seconds(timeMs));
    }

    /** Range query over [startMs, endMs] with {@code stepMs}; the body is the Prometheus JSON response. */
    public HttpResult queryRange(String promql, long startMs, long endMs, long stepMs) {
        return get(queryRangePath(promql, startMs, endMs, stepMs));
    }

    /**
     * The path and percent-encoded query string of the range query {@link #queryRange} sends, for
     * other clients (e.g. {@link LeanHttpClient}) to send the identical request.
     */
    public static String queryRangePath(String promql, long startMs, long endMs, long stepMs) {
        return "/api/v1/query_range?query=" + encode(promql) + "&start=" + seconds(startMs)
                + "&end=" + seconds(endMs) + "&step=" + seconds(stepMs);
    }

    /** True if GET /health answers 200; false on any other answer or connection failure. */
    public boolean isHealthy() {
        try {
            return get("/health").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** GET of a path with its query string, e.g. {@code /metrics}. */
    public HttpResult get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    /** POST of a body with the given content type. */
    public HttpResult post(String pathAndQuery, byte[] body, String contentType) {
        return send(request(pathAndQuery).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /**
     * The value of an unlabelled sample line {@code name value} in the server's /metrics, or
     * null if the metric is absent. For counters like VictoriaMetrics' vm_active_force_merges.
     */
    public Double scrapeMetric(String name) {
        String text = get("/metrics").requireSuccess("GET /metrics").text();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return null;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(requestTimeout);
    }

    private HttpResult send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResult(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Milliseconds as the decimal seconds the Prometheus API takes, exact to the millisecond. */
    static String seconds(long ms) {
        if (ms < 0) {
            return "-" + seconds(-ms);
        }
        return String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }
}
