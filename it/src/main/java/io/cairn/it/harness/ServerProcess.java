package io.cairn.it.harness;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A database server the harness runs as a real process on 127.0.0.1: a Cairn node or
 * VictoriaMetrics. It keeps its ports and data directory across restarts, so a restart after
 * {@link #kill9()} shows exactly what survived the crash.
 *
 * <p>Lifecycle: {@link #start()} launches and returns at once; {@link #waitHealthy(Duration)}
 * polls GET /health; {@link #stop()} is a clean SIGTERM shutdown, {@link #kill9()} a crash;
 * {@link #restart()} starts again on the same data directory and ports; {@link #close()} kills
 * whatever still runs. Not thread safe: one owner drives it.
 */
public interface ServerProcess extends AutoCloseable {
    /** Name used in logs and messages (e.g. "n1", "victoria-metrics"). */
    String name();

    /** Launches the process; returns without waiting for it to serve. */
    void start();

    /**
     * Polls GET /health until it answers 200. Fails early, with the end of the log, if the process
     * exits meanwhile.
     *
     * @throws PollTimeoutException if the deadline passes first
     */
    void waitHealthy(Duration timeout);

    /** SIGTERM and wait (deadline 60 s); returns the exit code. Throws if it does not exit. */
    int stop();

    /** SIGKILL and wait until the process is gone. */
    void kill9();

    /** Stops the process with SIGTERM if it runs, then starts it on the same data directory and ports. */
    void restart();

    boolean isAlive();

    /** Operating-system pid of the current (or last) run. */
    long pid();

    /** Client of the server's HTTP API. */
    HttpApi api();

    /** http://127.0.0.1:port of the HTTP API. */
    URI httpUri();

    int httpPort();

    /** The storage directory the server owns (-storageDataPath). */
    Path dataDir();

    /** Where stdout and stderr of every run are appended. */
    Path logFile();

    /** Peak and current RSS of the current run (from /proc). */
    ProcStats.Memory memory();

    /** Kills the process (SIGKILL) if it still runs. Data and logs stay for inspection. */
    @Override
    void close();
}
