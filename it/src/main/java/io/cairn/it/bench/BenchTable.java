package io.cairn.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Prints the side-by-side table of several {@link IngestBenchmark} result files (one column
 * per server) as Markdown, and writes it to a file when {@code --out=<file>} is given.
 *
 * <p>Usage: {@code BenchTable [--out=table.md] vm.properties cairn.properties}.
 */
public final class BenchTable {
    private BenchTable() {}

    public static void main(String[] args) throws IOException {
        Path out = null;
        List<BenchResult> results = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else {
                results.add(BenchResult.read(Path.of(arg)));
            }
        }
        String table = render(results);
        System.out.print(table);
        if (out != null) {
            Files.writeString(out, table, StandardCharsets.UTF_8);
        }
    }

    static String render(List<BenchResult> results) {
        StringBuilder sb = new StringBuilder("| | ");
        for (BenchResult r : results) {
            sb.append(r.get("name")).append(" | ");
        }
        sb.append("\n|---|");
        sb.append("---:|".repeat(results.size())).append('\n');
        row(sb, results, "active series", r -> grouped(r.get("series")));
        row(sb, results, "scrape rounds x samples/request x connections",
                r -> r.get("rounds") + " x " + r.get("requestSamples") + " x " + r.get("concurrency"));
        row(sb, results, "samples sent (ok)", r -> grouped(r.get("samplesOk")));
        row(sb, results, "**samples/s (wall)**", r -> grouped(r.get("samplesPerSecond")));
        row(sb, results, "**samples per server CPU-second**", r -> grouped(r.get("samplesPerServerCpuSecond")));
        row(sb, results, "failed samples / retries", r -> r.get("samplesFailed") + " / " + r.get("retries"));
        row(sb, results, "request latency p50 / p99 (ms)", r -> decimals(r.get("latencyP50Ms"), 1) + " / " + decimals(r.get("latencyP99Ms"), 1));
        row(sb, results, "**bytes/sample on disk**", r -> decimals(r.get("bytesPerSample"), 3));
        row(sb, results, "bytes on disk (MiB)", r -> mib(r.get("diskBytes")));
        row(sb, results, "**peak RSS (MiB)**", r -> mib(r.get("peakRssBytes")));
        row(sb, results, "**peak RSS per 1M active series (MiB)**", r -> mib(r.get("peakRssPerMillionSeriesBytes")));
        row(sb, results, "RSS after settling (MiB)", r -> mib(r.get("rssBytes")));
        row(sb, results, "CPU cores used while sending: server / driver / rest of machine",
                r -> decimals(r.get("targetCpuCores"), 2) + " / " + decimals(r.get("driverCpuCores"), 2) + " / "
                        + decimals(r.get("otherCpuCores"), 2));
        row(sb, results, "flush / merge endpoints, settle time (s)",
                r -> r.get("flushed") + " / " + r.get("merged") + ", " + decimals(r.get("settleSeconds"), 1));
        row(sb, results, "verified samples exact / checked (max rel. deviation)",
                r -> r.get("verifyExact") == null ? null
                        : grouped(r.get("verifyExact")) + " / " + grouped(r.get("verifySamples")) + " (" + r.get("verifyMaxRelDeviation") + ")");
        row(sb, results, "on disk by top-level directory (MiB)", r -> r.get("diskBreakdown"));
        row(sb, results, "failure", r -> firstLine(r.get("failure")));
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<BenchResult> results, String label, Function<BenchResult, String> cell) {
        sb.append("| ").append(label).append(" | ");
        for (BenchResult r : results) {
            String v;
            try {
                v = cell.apply(r);
            } catch (RuntimeException e) {
                v = null;
            }
            sb.append(v == null || v.contains("null") ? "n/a" : v.replace("|", "\\|")).append(" | ");
        }
        sb.append('\n');
    }

    /** The start of a failure message: the table must stay readable; the .properties file has it all. */
    private static String firstLine(String failure) {
        if (failure == null) {
            return null;
        }
        int cut = failure.indexOf(" (last failure");
        String head = cut > 0 ? failure.substring(0, cut) : failure;
        return head.length() > 160 ? head.substring(0, 160) + "..." : head;
    }

    private static String decimals(String number, int digits) {
        return number == null ? null : String.format(Locale.ROOT, "%." + digits + "f", Double.parseDouble(number));
    }

    private static String mib(String bytes) {
        return bytes == null ? null : String.format(Locale.ROOT, "%.1f", Double.parseDouble(bytes) / 1048576.0);
    }

    private static String grouped(String number) {
        return number == null || number.equals("n/a") ? null : String.format(Locale.ROOT, "%,d", Math.round(Double.parseDouble(number)));
    }
}
