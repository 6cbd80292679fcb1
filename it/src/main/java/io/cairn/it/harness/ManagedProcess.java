package io.cairn.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process started from a fixed command line, which can be started again
 * after it exits. Standard output and standard error both go to one log file, appended across
 * restarts with a marker line per start, so a failing test can show what the process said.
 *
 * <p>Processes still running when this JVM exits are killed by a shutdown hook, so an aborted
 * test run leaves no server behind (except when the JVM itself is killed with SIGKILL).
 * Thread safety: the methods are synchronized; one owner (a test or the driver) is expected.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "cairn-it-process-reaper"));
    }

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Path workDir;
    private Process process;
    private int starts;

    /**
     * @param name    used in messages and log markers
     * @param command program and arguments, run without a shell
     * @param logFile receives stdout and stderr (appended); its directory is created
     * @param workDir working directory of the process; created if missing
     */
    public ManagedProcess(String name, List<String> command, Path logFile, Path workDir) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command for process " + name);
        }
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.workDir = workDir;
    }

    /** Starts the process; it must not be running. Returns without waiting for it to be ready. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running as pid " + process.pid());
        }
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            starts++;
            Files.writeString(logFile, "=== harness: start #" + starts + " of " + name + " at " + Instant.now()
                            + ": " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            process = builder.start();
            LIVE.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Operating-system process id of the current (or last) run. */
    public synchronized long pid() {
        return running().pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Exit code of the last run, or throws if it is still running or never ran. */
    public synchronized int exitValue() {
        return running().exitValue();
    }

    /**
     * Sends SIGKILL and waits until the process is gone: it gets no chance to flush or clean up,
     * like a power cut of the process (not of the machine: written pages stay in the OS cache).
     */
    public synchronized void kill9(Duration timeout) {
        Process p = running();
        p.destroyForcibly();
        awaitExit(p, timeout, "SIGKILL");
    }

    /**
     * Sends SIGTERM (a clean shutdown request) and waits for the exit. If the process does not
     * exit within {@code timeout} it is killed with SIGKILL and an IllegalStateException says so:
     * a server that ignores SIGTERM is a bug worth failing a test on.
     *
     * @return the exit code
     */
    public synchronized int stop(Duration timeout) {
        Process p = running();
        p.destroy();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                awaitExit(p, Duration.ofSeconds(30), "SIGKILL after ignored SIGTERM");
                throw new IllegalStateException(name + " (pid " + p.pid() + ") did not exit within " + timeout
                        + " of SIGTERM; killed it. Log: " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
        LIVE.remove(p);
        return p.exitValue();
    }

    /** The last {@code lines} lines of the log file, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.exists(logFile) ? Files.readAllLines(logFile, StandardCharsets.UTF_8) : List.of();
            return String.join(System.lineSeparator(), new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    public Path logFile() {
        return logFile;
    }

    public String name() {
        return name;
    }

    /** Kills the process with SIGKILL if it is still running; for cleanup after a test. */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            kill9(Duration.ofSeconds(30));
        }
    }

    private Process running() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    private void awaitExit(Process p, Duration timeout, String signal) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + p.pid() + ") still alive " + timeout + " after " + signal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to exit", e);
        }
        LIVE.remove(p);
    }
}
