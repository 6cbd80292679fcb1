package io.cairn.it.harness;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What Cairn nodes and VictoriaMetrics have in common: one {@link ManagedProcess}, an HTTP port,
 * a data directory and health polling. Subclasses only build the command line.
 */
abstract class AbstractServerProcess implements ServerProcess {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Path dataDir;
    private final int httpPort;
    private final HttpApi api;
    private ManagedProcess process;

    AbstractServerProcess(String name, Path dataDir, int httpPort) {
        this.name = name;
        this.dataDir = dataDir.toAbsolutePath();
        this.httpPort = httpPort;
        this.api = new HttpApi(httpUri());
    }

    /** The command line; called once, on the first start, and reused by every restart. */
    abstract List<String> command();

    /** Directory for the log file and the process's working directory. */
    abstract Path homeDir();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start() {
        if (process == null) {
            process = new ManagedProcess(name, command(), homeDir().resolve(name + ".log"), homeDir());
        }
        process.start();
    }

    @Override
    public final void waitHealthy(Duration timeout) {
        ManagedProcess p = requireStarted();
        Poll.until(timeout, name + " to answer GET /health with 200 on " + httpUri(), () -> {
            if (!p.isAlive()) {
                throw new Poll.GiveUp(name + " exited with code " + p.exitValue()
                        + " before it became healthy; end of " + p.logFile() + ":\n" + p.logTail(LOG_TAIL_LINES));
            }
            return api.isHealthy();
        });
    }

    @Override
    public final int stop() {
        return requireStarted().stop(STOP_TIMEOUT);
    }

    @Override
    public final void kill9() {
        requireStarted().kill9(KILL_TIMEOUT);
    }

    @Override
    public final void restart() {
        if (isAlive()) {
            stop();
        }
        start();
    }

    @Override
    public final boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public final long pid() {
        return requireStarted().pid();
    }

    @Override
    public final HttpApi api() {
        return api;
    }

    @Override
    public final URI httpUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    @Override
    public final int httpPort() {
        return httpPort;
    }

    @Override
    public final Path dataDir() {
        return dataDir;
    }

    @Override
    public final Path logFile() {
        return homeDir().resolve(name + ".log");
    }

    @Override
    public final ProcStats.Memory memory() {
        return ProcStats.memory(pid());
    }

    /** The last lines the process wrote, for assertion messages. */
    public final String logTail() {
        return process == null ? "(never started)" : process.logTail(LOG_TAIL_LINES);
    }

    @Override
    public final void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name + "@" + httpUri() + (isAlive() ? " pid " + pid() : " (not running)");
    }

    private ManagedProcess requireStarted() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }
}
