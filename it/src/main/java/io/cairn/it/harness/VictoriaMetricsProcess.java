package io.cairn.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Single-node VictoriaMetrics (the benchmark peer and a reference implementation of the HTTP
 * API) run as a real process on a free 127.0.0.1 port, with its own data directory and log
 * under its home directory, and a 100-year retention so that fixed historical timestamps of a
 * deterministic workload are accepted.
 *
 * <p>The binary is the system property {@code victoria-metrics.bin}, else
 * {@code victoria-metrics} on the PATH, else /usr/bin/victoria-metrics. Tests call
 * {@link #findBinary()} in a JUnit assumption so that they are skipped where it is missing.
 */
public final class VictoriaMetricsProcess extends AbstractServerProcess {
    private final Path home;
    private final Path binary;
    private final List<String> flags;

    private VictoriaMetricsProcess(Path home, String name, Path binary, List<String> flags) {
        super(name, home.resolve("data"), FreePorts.allocate());
        this.home = home.toAbsolutePath();
        this.binary = binary;
        this.flags = List.copyOf(flags);
    }

    /**
     * VictoriaMetrics with data in {@code home/data} and its log in {@code home/<name>.log}, not
     * started yet. {@code extraFlags} are appended (e.g. {@code -dedup.minScrapeInterval=15s}).
     *
     * @throws IllegalStateException if the binary cannot be found
     */
    public static VictoriaMetricsProcess create(Path home, String name, String... extraFlags) {
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
                "victoria-metrics binary not found (PATH, /usr/bin, -Dvictoria-metrics.bin); "
                        + "install it with scripts/install-test-deps.sh"));
        return new VictoriaMetricsProcess(home, name, binary, List.of(extraFlags));
    }

    /** The victoria-metrics executable, if installed. */
    public static Optional<Path> findBinary() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("victoria-metrics.bin");
        if (configured != null) {
            candidates.add(Path.of(configured));
        } else {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "victoria-metrics"));
                }
            }
            candidates.add(Path.of("/usr/bin/victoria-metrics"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toAbsolutePath);
    }

    @Override
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("-storageDataPath=" + dataDir());
        cmd.add("-httpListenAddr=127.0.0.1:" + httpPort());
        cmd.add("-retentionPeriod=100y");
        cmd.addAll(flags);
        return cmd;
    }

    @Override
    Path homeDir() {
        return home;
    }
}
