package io.cairn.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a process's memory and CPU accounting from Linux /proc: what the benchmark reports as
 * peak RSS (VmHWM), current RSS (VmRSS) and CPU time (utime + stime).
 *
 * <p>CPU times come in clock ticks; Linux reports them in USER_HZ, which is 100 on every
 * architecture the JVM runs on, so ticks are converted at 10 ms each. Stateless, thread safe.
 */
public final class ProcStats {
    /** USER_HZ: the unit of the CPU times in /proc/[pid]/stat and /proc/stat. */
    public static final long TICK_NANOS = 10_000_000L;

    private ProcStats() {}

    /** Resident set size of a process, both in bytes. */
    public record Memory(long peakRssBytes, long rssBytes) {}

    /** Peak (VmHWM) and current (VmRSS) resident set size of {@code pid}. */
    public static Memory memory(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        long hwm = -1;
        long rss = -1;
        for (String line : readLines(status)) {
            if (line.startsWith("VmHWM:")) {
                hwm = kibibytes(line, status);
            } else if (line.startsWith("VmRSS:")) {
                rss = kibibytes(line, status);
            }
        }
        if (hwm < 0 || rss < 0) {
            throw new IllegalStateException(status + " has no VmHWM/VmRSS lines (is " + pid + " a zombie?)");
        }
        return new Memory(hwm * 1024, rss * 1024);
    }

    /** User plus system CPU time consumed so far by {@code pid} (all its threads), in nanoseconds. */
    public static long cpuNanos(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String line = readLines(stat).get(0);
        // The command name (field 2) is in parentheses and may contain spaces: split after it.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
    }

    /** CPU time of every process on the machine that was not idle (first line of /proc/stat), in nanoseconds. */
    public static long machineBusyNanos() {
        String[] f = readLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already in user/nice]
        long busy = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy * TICK_NANOS;
    }

    /** The 1-minute load average of the machine, to show how busy the shared cores were. */
    public static double loadAverage1m() {
        return Double.parseDouble(readLines(Path.of("/proc/loadavg")).get(0).split(" ")[0]);
    }

    private static long kibibytes(String line, Path file) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 3 || !parts[2].equals("kB")) {
            throw new IllegalStateException("unexpected line in " + file + ": " + line);
        }
        return Long.parseLong(parts[1]);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
