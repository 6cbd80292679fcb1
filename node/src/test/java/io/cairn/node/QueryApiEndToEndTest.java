package io.cairn.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cairn.node.config.FlagParser;
import io.cairn.node.config.NodeConfig;
import io.cairn.node.config.NodeSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus query surface of a real one-node Cairn (cluster sharding, replica entities,
 * storage) over HTTP on an ephemeral port: data goes in through /api/v1/import/prometheus and
 * comes back through the query, federate, metadata and status endpoints, checked byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Static: only static @TempDir fields are set before @BeforeAll runs. */
    @TempDir
    static Path dir;

    private ActorSystem<Void> system;
    private ServerBinding binding;
    private final HttpClient client = HttpClient.newHttpClient();
    private String base;
    private long freshMs;
    /** A whole minute ten minutes ago: inside the retention period, and round seconds. */
    private long t0;
    private String t0s;

    @BeforeAll
    void startNode() throws Exception {
        Config config = NodeConfig.load(FlagParser.parseArgs(List.of(
                "-storageDataPath=" + dir, "-shards=4", "-httpListenAddr=127.0.0.1:0",
                "-clusterListenAddr=127.0.0.1:0", "-managementListenAddr=127.0.0.1:0")),
                java.util.Map.of());
        // Coordinated shutdown would otherwise end the test JVM when the node stops.
        config = ConfigFactory.parseString("pekko.coordinated-shutdown.exit-jvm = off")
                .withFallback(config);
        system = ActorSystem.create(Behaviors.setup(ctx -> {
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            return Behaviors.empty();
        }), NodeConfig.SYSTEM_NAME, config);
        NodeServices services = new NodeServices(system, NodeSettings.from(config));
        binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(services.routes())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + binding.localAddress().getPort();

        freshMs = System.currentTimeMillis() - 1000;
        t0 = freshMs / 60_000 * 60_000 - 600_000;
        t0s = Long.toString(t0 / 1000);
        long t0 = this.t0;
        String text = "# TYPE temp gauge\n# HELP temp Temperature in \"C\".\n"
                + "temp{room=\"a\"} 20 " + (t0 - 60_000) + "\n"
                + "temp{room=\"a\"} 21.5 " + t0 + "\n"
                + "temp{room=\"b\"} 1e-7 " + t0 + "\n"
                + "fresh{job=\"x\"} 1234567 " + freshMs + "\n";
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status;
        do {
            status = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/import/prometheus"))
                    .POST(HttpRequest.BodyPublishers.ofString(text))).statusCode();
        } while (status != 204 && System.nanoTime() < deadline);
        assertEquals(204, status, "import never succeeded");
    }

    @AfterAll
    void stopNode() throws Exception {
        if (binding != null) {
            binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException,
            InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void instantQuery() throws Exception {
        HttpResponse<String> r = get("/api/v1/query?query=" + enc("temp") + "&time=" + t0s);
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"temp\",\"room\":\"a\"},\"value\":[" + t0s + ",\"21.5\"]},"
                + "{\"metric\":{\"__name__\":\"temp\",\"room\":\"b\"},\"value\":[" + t0s + ",\"1e-07\"]}"
                + "]}}", r.body());
    }

    @Test
    void rangeQueryByPostUnderTheTenantPath() throws Exception {
        HttpResponse<String> r = postForm("/select/0/prometheus/api/v1/query_range",
                "query=" + enc("sum(temp)") + "&start=" + (t0 / 1000 - 120) + "&end=" + t0s
                        + "&step=1m&nocache=1&deny_partial_response=1");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{},\"values\":[[" + (t0 / 1000 - 60) + ",\"20\"],[" + t0s
                + ",\"21.5000001\"]]}]}}", r.body());
    }

    @Test
    void otherTenantSeesNothing() throws Exception {
        HttpResponse<String> r = get("/select/5:1/prometheus/api/v1/query?query=temp&time=" + t0s);
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
                r.body());
    }

    @Test
    void errors() throws Exception {
        HttpResponse<String> parse = get("/api/v1/query?query=" + enc("temp{"));
        assertEquals(400, parse.statusCode());
        assertEquals("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid "
                + "parameter \\\"query\\\": 1:6: parse error: unexpected end of input inside "
                + "braces\"}", parse.body());
        HttpResponse<String> step = get("/api/v1/query_range?query=temp&start=1&end=2&step=0");
        assertEquals(400, step.statusCode());
        HttpResponse<String> exec = get("/api/v1/query?time=" + t0s + "&query="
                + enc("temp + on() temp"));
        assertEquals(422, exec.statusCode());
        assertTrue(exec.body().contains("\"errorType\":\"execution\""), exec.body());
    }

    @Test
    void federate() throws Exception {
        HttpResponse<String> r = get("/federate?" + enc("match[]") + "=" + enc("{job=\"x\"}"));
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=UTF-8",
                r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("# TYPE fresh untyped\nfresh{job=\"x\"} 1.234567e+06 " + freshMs + "\n",
                r.body());
    }

    @Test
    void metadata() throws Exception {
        HttpResponse<String> r = get("/api/v1/metadata?metric=temp");
        assertEquals("{\"status\":\"success\",\"data\":{\"temp\":[{\"type\":\"gauge\","
                + "\"help\":\"Temperature in \\\"C\\\".\",\"unit\":\"\"}]}}", r.body());
    }

    @Test
    void tsdbStatusOfADay() throws Exception {
        String day = java.time.Instant.ofEpochMilli(t0).atOffset(java.time.ZoneOffset.UTC)
                .toLocalDate().toString();
        HttpResponse<String> r = get("/api/v1/status/tsdb?topN=5&date=" + day);
        assertEquals(200, r.statusCode(), r.body());
        // fresh{job="x"} counts too unless midnight passed since t0.
        assertTrue(r.body().contains("\"seriesCountByMetricName\":[{\"name\":\"temp\","
                + "\"value\":2}"), r.body());
        HttpResponse<String> old = get("/api/v1/status/tsdb?date=2001-01-01");
        assertTrue(old.body().startsWith("{\"status\":\"success\",\"data\":{\"headStats\":"
                + "{\"numSeries\":0,"), old.body());
    }

    @Test
    void buildInfoAndEmptyEndpoints() throws Exception {
        assertTrue(get("/api/v1/status/buildinfo").body()
                .startsWith("{\"status\":\"success\",\"data\":{\"version\":\"2.53.0\","));
        assertEquals("{\"status\":\"success\",\"data\":{\"groups\":[]}}",
                get("/select/0/prometheus/api/v1/rules").body());
        assertEquals("{\"status\":\"success\",\"data\":{\"alerts\":[]}}",
                get("/api/v1/alerts").body());
        assertEquals("{\"status\":\"success\",\"data\":[]}",
                get("/api/v1/query_exemplars?query=temp").body());
        assertEquals(405, send(HttpRequest.newBuilder(URI.create(base
                + "/api/v1/query?query=1")).DELETE()).statusCode());
    }
}
