package io.cairn.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh directories for the processes of one test or benchmark run, under
 * {@code target/it-runs} (or the system property {@code cairn.it.workDir}), named after the run
 * and the local time so that runs never share data and their logs stay for inspection.
 */
public final class RunDirectories {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private RunDirectories() {}

    /** Creates and returns a new, empty directory for a run called {@code runName}. */
    public static Path create(String runName) {
        Path root = Path.of(System.getProperty("cairn.it.workDir", "target/it-runs"));
        Path dir = root.resolve(runName + "-" + LocalDateTime.now().format(STAMP) + "-" + ProcessHandle.current().pid()
                + "-" + SEQUENCE.incrementAndGet())
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir, e);
        }
        return dir;
    }
}
