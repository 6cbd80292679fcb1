package io.cairn.it.prometheus;

import io.cairn.it.harness.FreePorts;
import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.ManagedProcess;
import io.cairn.it.harness.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Prometheus server run as a process on a free 127.0.0.1 port with its own TSDB directory
 * and a configuration file the caller writes (see {@link PrometheusConfig}), all under one home
 * directory; its output goes to {@code home/prometheus.log}.
 *
 * <p>The binary is the system property {@code prometheus.bin}, else {@code prometheus} on the
 * PATH, else /usr/bin/prometheus; {@link #findBinary()} lets tests skip where it is missing.
 * Not thread safe: one owner drives it.
 */
final class PrometheusServer implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final int port;
    private final HttpApi api;
    private ManagedProcess process;

    /** A server whose files live under {@code home}; the port is chosen now, nothing is started. */
    PrometheusServer(Path home) {
        this.home = home.toAbsolutePath();
        this.port = FreePorts.allocate();
        this.api = new HttpApi(uri());
    }

    /** The prometheus executable, if installed. */
    static Optional<Path> findBinary() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("prometheus.bin");
        if (configured != null) {
            candidates.add(Path.of(configured));
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "prometheus"));
                }
            }
            candidates.add(Path.of("/usr/bin/prometheus"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toAbsolutePath);
    }

    int port() {
        return port;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    HttpApi api() {
        return api;
    }

    Path logFile() {
        return home.resolve("prometheus.log");
    }

    /**
     * Writes {@code configYaml} to {@code home/prometheus.yml}, starts the server and waits
     * until {@code /-/ready} answers 200.
     */
    void start(Path binary, String configYaml, Duration readyTimeout) {
        Path config = home.resolve("prometheus.yml");
        try {
            Files.createDirectories(home);
            Files.writeString(config, configYaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        List<String> cmd = List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle");
        process = new ManagedProcess("prometheus", cmd, logFile(), home);
        process.start();
        Poll.until(readyTimeout, "prometheus to answer GET /-/ready with 200 on " + uri(), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with code " + process.exitValue()
                        + "; end of " + logFile() + ":\n" + process.logTail(40));
            }
            return api.get("/-/ready").status() == 200;
        });
    }

    /**
     * Replaces the configuration and has Prometheus reload it ({@code POST /-/reload}). Targets that
     * are gone get staleness markers for all their series; an unchanged remote_write section keeps
     * its queue, so nothing already scraped is lost.
     */
    void reload(String configYaml) {
        Path config = home.resolve("prometheus.yml");
        try {
            Files.writeString(config, configYaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        api.post("/-/reload", new byte[0], "text/plain").requireSuccess("reload of " + config);
    }

    /** The last lines Prometheus logged, for failure messages. */
    String logTail() {
        return process == null ? "(never started)" : process.logTail(40);
    }

    /** Stops Prometheus with SIGTERM if it runs (it then flushes its head); kills it if it hangs. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                process.stop(STOP_TIMEOUT);
            } finally {
                process.close();
            }
        }
    }
}
