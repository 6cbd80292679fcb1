package io.cairn.it.bench;

import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.DirectorySize;
import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.ProcStats;
import io.cairn.it.harness.ServerProcess;
import io.cairn.it.harness.VictoriaMetricsProcess;
import io.cairn.it.workload.NodeExporterWorkload;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * End-to-end ingestion benchmark: sends a deterministic node_exporter-like workload through
 * Prometheus remote write to a server and reports throughput, bytes on disk per sample and
 * memory per million active series; optionally verifies a sample of what the server stored.
 *
 * <p>The server is either started here ({@code --target=vm} or {@code --target=cairn}: fresh data
 * directory under {@code --out-dir}, free port, stopped at the end) or already running
 * ({@code --target=url --url=http://host:port/api/v1/write}, with {@code --pid} and
 * {@code --data-dir} for memory and disk figures). Requests are encoded before the clock starts;
 * the driver's own CPU during sending is measured and reported next to the server's, because
 * both share the machine's cores. Run without arguments for the defaults, {@code --help} for the
 * options. Prints figures; asserts nothing about speed.
 */
public final class IngestBenchmark {
    private static final Set<String> OPTIONS = Set.of("target", "url", "pid", "data-dir", "series", "rounds",
            "interval-ms", "concurrency", "request-samples", "seed", "start-ms", "verify-hosts", "out-dir", "name",
            "result-file", "target-flags", "cairn-jvm-opts", "settle-timeout-s", "start-timeout-s", "help");

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, OPTIONS);
        if (a.has("help")) {
            System.out.println("options (--name=value): " + new java.util.TreeSet<>(OPTIONS) + "; see docs/benchmarks.md");
            return;
        }
        int exit = run(a);
        System.exit(exit);
    }

    static int run(BenchArgs a) throws Exception {
        String target = a.string("target", "url");
        String name = a.string("name", target);
        Path outDir = Path.of(a.string("out-dir", "bench-out/ingest-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        long seriesWanted = a.longValue("series", 100_000);
        int rounds = a.intValue("rounds", 20);
        long intervalMs = a.longValue("interval-ms", 15_000);
        int concurrency = a.intValue("concurrency", 4);
        int requestSamples = a.intValue("request-samples", 5_000);
        long seed = a.longValue("seed", 1);
        long dayMs = 86_400_000L;
        long startMs = a.longValue("start-ms", System.currentTimeMillis() / dayMs * dayMs);
        int verifyHosts = a.intValue("verify-hosts", 10);
        Path resultFile = Path.of(a.string("result-file", outDir.resolve(name + ".properties").toString()));

        NodeExporterWorkload workload = new NodeExporterWorkload(NodeExporterWorkload.hostsFor(seriesWanted), seed,
                startMs, intervalMs);
        BenchResult result = new BenchResult()
                .put("name", name).put("target", target).put("series", workload.seriesCount())
                .put("hosts", workload.hosts()).put("rounds", rounds).put("intervalMs", intervalMs)
                .put("samples", (long) workload.seriesCount() * rounds).put("requestSamples", requestSamples)
                .put("concurrency", concurrency).put("seed", seed).put("startMs", startMs)
                .put("startedAt", Instant.now());
        log("workload: %d hosts x %d series = %d active series, %d rounds every %d ms from %s, seed %d",
                workload.hosts(), workload.seriesPerHost(), workload.seriesCount(), rounds, intervalMs,
                Instant.ofEpochMilli(startMs), seed);

        long g0 = System.nanoTime();
        List<EncodedRequest> requests = RequestGenerator.generate(workload, rounds, requestSamples);
        double genSeconds = (System.nanoTime() - g0) / 1e9;
        long bodyBytes = requests.stream().mapToLong(r -> r.body().length).sum();
        log("encoded %d requests (%d samples each, %.1f MiB snappy) in %.1f s", requests.size(), requestSamples,
                bodyBytes / 1048576.0, genSeconds);
        result.put("requests", requests.size()).put("requestBytes", bodyBytes).put("generateSeconds", genSeconds);

        ServerProcess server = null;
        try {
            URI base;
            String writePath;
            Long pid;
            Path dataDir;
            String[] flags = a.string("target-flags", "").isBlank() ? new String[0] : a.string("target-flags", "").trim().split("\\s+");
            switch (target) {
                case "vm" -> server = VictoriaMetricsProcess.create(outDir.resolve(name), name, flags);
                case "cairn" -> {
                    CairnNode.Builder b = CairnNode.builder(outDir.resolve(name), name);
                    for (String f : flags) {
                        b.flag(f);
                    }
                    String jvm = a.string("cairn-jvm-opts", "").trim();
                    if (!jvm.isEmpty()) {
                        for (String o : jvm.split("\\s+")) {
                            b.jvmOption(o);
                        }
                    }
                    server = b.build();
                }
                case "url" -> { }
                default -> throw new IllegalArgumentException("--target must be vm, cairn or url, got " + target);
            }
            if (server != null) {
                server.start();
                server.waitHealthy(Duration.ofSeconds(a.longValue("start-timeout-s", 120)));
                base = server.httpUri();
                writePath = HttpApi.REMOTE_WRITE_PATH;
                pid = server.pid();
                dataDir = server.dataDir();
                log("started %s: pid %d, %s, data %s, log %s", name, pid, base, dataDir, server.logFile());
            } else {
                URI url = URI.create(a.string("url", "http://127.0.0.1:8428/api/v1/write"));
                base = URI.create(url.getScheme() + "://" + url.getAuthority());
                writePath = url.getPath().isEmpty() || url.getPath().equals("/") ? HttpApi.REMOTE_WRITE_PATH : url.getPath();
                pid = a.has("pid") ? a.longValue("pid", 0) : null;
                dataDir = a.has("data-dir") ? Path.of(a.string("data-dir", "")) : null;
            }
            result.put("url", base + writePath);
            HttpApi api = new HttpApi(base, Duration.ofSeconds(120));
            measure(a, api, writePath, pid, dataDir, requests, concurrency, workload, rounds, verifyHosts, result);
            if (server != null) {
                int code = server.stop();
                log("stopped %s (exit code %d)", name, code);
            }
        } catch (RuntimeException e) {
            result.put("failure", e.toString());
            log("FAILED: %s", e);
            if (server != null) {
                log("end of %s:%n%s", server.logFile(), tail(server));
            }
        } finally {
            if (server != null) {
                server.close();
            }
            result.put("finishedAt", Instant.now());
            result.write(resultFile);
            log("figures written to %s", resultFile);
        }
        return result.get("failure") == null ? 0 : 1;
    }

    private static void measure(BenchArgs a, HttpApi api, String writePath, Long pid, Path dataDir,
                                List<EncodedRequest> requests, int concurrency, NodeExporterWorkload workload,
                                int rounds, int verifyHosts, BenchResult result) throws Exception {
        long self = ProcessHandle.current().pid();
        double load0 = ProcStats.loadAverage1m();
        long driverCpu0 = ProcStats.cpuNanos(self);
        long targetCpu0 = pid == null ? 0 : ProcStats.cpuNanos(pid);
        long machine0 = ProcStats.machineBusyNanos();
        long total = (long) workload.seriesCount() * rounds;
        long t0 = System.nanoTime();
        SendStats stats = new Sender(api, writePath, concurrency, Duration.ofMinutes(10))
                .send(requests, Math.max(1, total / 10), done -> log("  %,d samples acknowledged (%.0f%%), %.0f samples/s",
                        done, 100.0 * done / total, done / ((System.nanoTime() - t0) / 1e9)));
        long driverCpu = ProcStats.cpuNanos(self) - driverCpu0;
        long targetCpu = pid == null ? 0 : ProcStats.cpuNanos(pid) - targetCpu0;
        long machine = ProcStats.machineBusyNanos() - machine0;
        double wall = stats.wallSeconds();
        double rate = stats.samplesOk() / wall;
        log("sent %,d samples in %.1f s: %,.0f samples/s; %d requests ok, %d failed %s, %d retries; "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                stats.samplesOk(), wall, rate, stats.requestsOk(), stats.requestsFailed(), stats.failuresByStatus(),
                stats.retries(), stats.latencyP50Ms(), stats.latencyP99Ms(), stats.latencyMaxMs());
        if (stats.firstFailure() != null) {
            log("first failure: %s", stats.firstFailure());
        }
        double driverCores = driverCpu / 1e9 / wall;
        double targetCores = targetCpu / 1e9 / wall;
        double otherCores = Math.max(0, (machine - driverCpu - targetCpu) / 1e9 / wall);
        log("CPU during sending (cores): target %.2f, driver %.2f (%.0f%% of driver+target), everything else %.2f; "
                + "load average %.2f -> %.2f", targetCores, driverCores, 100 * driverCores / Math.max(1e-9, driverCores + targetCores),
                otherCores, load0, ProcStats.loadAverage1m());
        result.put("wallSeconds", wall).put("samplesOk", stats.samplesOk()).put("samplesPerSecond", rate)
                .put("requestsFailed", stats.requestsFailed()).put("samplesFailed", stats.samplesFailed())
                .put("failuresByStatus", stats.failuresByStatus()).put("retries", stats.retries())
                .put("latencyP50Ms", stats.latencyP50Ms()).put("latencyP99Ms", stats.latencyP99Ms())
                .put("targetCpuCores", targetCores).put("driverCpuCores", driverCores).put("otherCpuCores", otherCores)
                .put("driverCpuShare", driverCores / Math.max(1e-9, driverCores + targetCores))
                .put("samplesPerServerCpuSecond", pid == null || targetCpu == 0 ? "n/a" : stats.samplesOk() / (targetCpu / 1e9))
                .put("loadAvg1mBefore", load0).put("loadAvg1mAfter", ProcStats.loadAverage1m());
        if (pid != null) {
            ProcStats.Memory m = ProcStats.memory(pid);
            result.put("rssAfterIngestBytes", m.rssBytes());
        }

        Settler.Outcome settled = Settler.settle(api, dataDir, Duration.ofSeconds(a.longValue("settle-timeout-s", 900)),
                line -> log("  %s", line));
        result.put("flushed", settled.flushed()).put("merged", settled.merged()).put("settleSeconds", settled.seconds());
        if (dataDir != null) {
            long disk = DirectorySize.bytes(dataDir);
            result.put("diskBytes", disk).put("bytesPerSample", (double) disk / Math.max(1, stats.samplesOk()))
                    .put("diskBreakdown", breakdown(dataDir));
            log("on disk after settling (%.1f s): %,d bytes = %.3f bytes/sample", settled.seconds(), disk,
                    (double) disk / Math.max(1, stats.samplesOk()));
        }
        if (pid != null) {
            ProcStats.Memory m = ProcStats.memory(pid);
            double perMillion = m.peakRssBytes() / (workload.seriesCount() / 1e6);
            result.put("peakRssBytes", m.peakRssBytes()).put("rssBytes", m.rssBytes()).put("peakRssPerMillionSeriesBytes", perMillion);
            log("memory: peak RSS %.1f MiB, RSS now %.1f MiB, peak RSS per 1M active series %.0f MiB",
                    m.peakRssBytes() / 1048576.0, m.rssBytes() / 1048576.0, perMillion / 1048576.0);
        }
        if (verifyHosts > 0) {
            Verifier.verify(api, workload, rounds, verifyHosts, result, IngestBenchmark::log);
        }
    }

    /** Size of each top-level entry of the data directory in MiB, e.g. "data 10.2, indexdb 3.1". */
    private static String breakdown(Path dataDir) {
        StringBuilder sb = new StringBuilder();
        try (var entries = java.nio.file.Files.list(dataDir)) {
            for (Path p : entries.sorted().toList()) {
                long bytes = java.nio.file.Files.isDirectory(p) ? DirectorySize.bytes(p) : java.nio.file.Files.size(p);
                if (bytes > 0) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(p.getFileName())
                            .append(String.format(Locale.ROOT, " %.1f", bytes / 1048576.0));
                }
            }
        } catch (java.io.IOException e) {
            return "(cannot list " + dataDir + ": " + e + ")";
        }
        return sb.toString();
    }

    private static String tail(ServerProcess server) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(server.logFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (java.io.IOException e) {
            return "(cannot read log: " + e + ")";
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
                String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
