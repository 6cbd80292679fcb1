package io.cairn.it.querybench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops a Java Flight Recorder recording in another JVM through {@code jcmd} (from
 * the JDK running this program), to see where a Cairn node spends its time while it answers the
 * benchmark's queries. Uses the "profile" settings (execution samples every 10 ms).
 */
final class JfrProfiler {
    private static final String NAME = "cairn-querybench";

    private final long pid;
    private final Path file;

    JfrProfiler(long pid, Path file) {
        this.pid = pid;
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    void start() {
        jcmd("JFR.start", "name=" + NAME, "settings=profile", "filename=" + file);
    }

    /** Stops the recording; the file is complete when this returns. */
    void stop() {
        jcmd("JFR.stop", "name=" + NAME);
    }

    private void jcmd(String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("Could not")) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }
}
