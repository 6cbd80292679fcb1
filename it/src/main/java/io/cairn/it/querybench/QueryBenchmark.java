package io.cairn.it.querybench;

import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.ServerProcess;
import io.cairn.it.harness.VictoriaMetricsProcess;
import io.cairn.it.workload.NodeExporterWorkload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Query latency benchmark, Cairn against VictoriaMetrics: loads the same node_exporter-like
 * history (default 10k series x 24 h at 15 s) into a fresh Cairn node and a fresh
 * VictoriaMetrics, lets both flush and merge, checks that they answer the benchmark's
 * dashboard queries alike, then runs each query as a range query over the last 24 h at a 60 s
 * step and over the last 1 h at 15 s, {@code --warmup} times unmeasured and {@code --runs} times
 * measured, alternating the two servers, and prints median and p90 latency side by side as a
 * Markdown table (also written to {@code --result-file}).
 *
 * <p>Latency is the client-side time from sending the request to having read the whole answer,
 * by default as {@link io.cairn.it.harness.LeanHttpClient} measures it (blocking HTTP/1.1 on the
 * measuring thread over one keep-alive connection per server, like curl); {@code --client=jdk}
 * times java.net.http.HttpClient instead, which adds its own per-request overhead;
 * {@code --client-overhead=N} appends a table of that overhead, each query sent N times through
 * both clients back to back ({@link ClientOverhead}).
 * VictoriaMetrics runs with its rollup result cache disabled ({@code -search.disableCache}) unless
 * {@code --vm-cache=true}: otherwise repeated identical queries measure its cache. With
 * {@code --profile=true} (default) a JFR recording of Cairn covers the measured runs and a
 * summary of where Cairn's time went is printed. {@code --reuse=true} with an {@code --out-dir}
 * that already holds loaded data restarts both servers on it instead of loading again. Prints
 * figures; asserts nothing about speed. {@code --help} lists the options.
 */
public final class QueryBenchmark {
    private static final Set<String> OPTIONS = Set.of("series", "hours", "interval-ms", "seed", "runs", "warmup",
            "out-dir", "result-file", "reuse", "profile", "vm-cache", "queries", "cairn-jvm-opts", "concurrency",
            "client", "client-overhead", "help");
    private static final String MARKER = "loaded.properties";

    private QueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options o = new Options(args, OPTIONS);
        if (o.has("help")) {
            System.out.println("options (--name=value): " + OPTIONS);
            return;
        }
        System.exit(run(o));
    }

    static int run(Options o) throws Exception {
        Path outDir = Path.of(o.string("out-dir", "bench-out/query-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        Files.createDirectories(outDir);
        long intervalMs = o.longValue("interval-ms", 15_000);
        int rounds = Math.toIntExact(o.longValue("hours", 24) * 3_600_000L / intervalMs);
        long seriesWanted = o.longValue("series", 10_000);
        long seed = o.longValue("seed", 1);
        Properties marker = readMarker(outDir);
        boolean reuse = o.bool("reuse", false) && marker != null;
        long startMs = reuse ? Long.parseLong(marker.getProperty("startMs"))
                : (System.currentTimeMillis() / intervalMs) * intervalMs - rounds * intervalMs;
        NodeExporterWorkload workload = new NodeExporterWorkload(NodeExporterWorkload.hostsFor(seriesWanted), seed,
                startMs, intervalMs);
        if (reuse) {
            requireSameWorkload(marker, workload, rounds);
        }
        long dataEndMs = startMs + rounds * intervalMs;
        List<BenchQuery> queries = selectQueries(o.string("queries", ""));
        TimedClient.Kind clientKind = TimedClient.Kind.parse(o.string("client", "lean"));
        log("workload: %d hosts x %d series = %d series, %d rounds every %d ms, [%s, %s), seed %d; out %s",
                workload.hosts(), workload.seriesPerHost(), workload.seriesCount(), rounds, intervalMs,
                Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(dataEndMs), seed, outDir);

        List<String> vmFlags = new ArrayList<>(List.of("-search.latencyOffset=0s"));
        if (!o.bool("vm-cache", false)) {
            vmFlags.add("-search.disableCache");
        }
        CairnNode.Builder cb = CairnNode.builder(outDir.resolve("cairn"), "cairn");
        for (String opt : o.string("cairn-jvm-opts", "").trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                cb.jvmOption(opt);
            }
        }
        try (CairnNode cairn = cb.build();
             VictoriaMetricsProcess vm = VictoriaMetricsProcess.create(outDir.resolve("vm"), "vm",
                     vmFlags.toArray(String[]::new))) {
            for (ServerProcess s : List.of(cairn, vm)) {
                s.start();
                s.waitHealthy(Duration.ofSeconds(180));
                log("started %s", s);
            }
            HttpApi cairnApi = new HttpApi(cairn.httpUri(), Duration.ofSeconds(300));
            HttpApi vmApi = new HttpApi(vm.httpUri(), Duration.ofSeconds(300));
            if (!reuse) {
                Files.deleteIfExists(outDir.resolve(MARKER));
                WorkloadLoader loader = new WorkloadLoader(workload, rounds, 240, 100,
                        o.intValue("concurrency", 2), line -> log("  %s", line));
                double[] seconds = loader.load(List.of(cairnApi, vmApi));
                long samples = (long) workload.seriesCount() * rounds;
                log("loaded %,d samples: Cairn %.0f s (%,.0f samples/s), VictoriaMetrics %.0f s (%,.0f samples/s)",
                        samples, seconds[0], samples / seconds[0], seconds[1], samples / seconds[1]);
            }
            DataSettler.settle(vmApi, vm.dataDir(), Duration.ofMinutes(30), line -> log("  %s", line));
            DataSettler.settle(cairnApi, cairn.dataDir(), Duration.ofMinutes(30), line -> log("  %s", line));
            writeMarker(outDir, workload, rounds);

            long queryEndMs = dataEndMs / 60_000 * 60_000;
            JfrProfiler profiler = o.bool("profile", true) ? new JfrProfiler(cairn.pid(), outDir.resolve("cairn-queries.jfr")) : null;
            List<QueryOutcome> outcomes;
            QueryMeasurement m;
            try (TimedClient cairnTimed = clientKind.open(cairnApi, Duration.ofSeconds(300));
                 TimedClient vmTimed = clientKind.open(vmApi, Duration.ofSeconds(300))) {
                m = new QueryMeasurement(cairnApi, vmApi, cairnTimed, vmTimed, queryEndMs, QueryBenchmark::log);
                outcomes = m.run(queries, o.intValue("warmup", 3), o.intValue("runs", 10), profiler);
                if (cairnTimed.connections() >= 0) {
                    log("timed client %s: connections opened to Cairn %d, to VictoriaMetrics %d",
                            clientKind.description(), cairnTimed.connections(), vmTimed.connections());
                }
            }
            String report = report(o, clientKind, workload, rounds, queries, outcomes, cairn, vm);
            int pairs = o.intValue("client-overhead", 0);
            if (pairs > 0) {
                log("measuring the client overhead: %d request pairs per query, window and server", pairs);
                report += "\nClient overhead (each request through both clients back to back, per-pair "
                        + "difference jdk minus lean, median):\n\n" + m.clientOverhead(pairs, Duration.ofSeconds(300));
            }
            System.out.println(report);
            Path resultFile = Path.of(o.string("result-file", outDir.resolve("query-bench.md").toString()));
            Files.writeString(resultFile, report);
            log("report written to %s", resultFile);
            if (profiler != null) {
                String summary = JfrSummary.summarize(profiler.file(), 30)
                        + PhaseBreakdown.summarize(profiler.file(), m.cairnRuns(), 10);
                Files.writeString(outDir.resolve("cairn-profile.txt"), summary);
                System.out.println(summary);
            }
            cairn.stop();
            vm.stop();
        }
        return 0;
    }

    private static String report(Options o, TimedClient.Kind client, NodeExporterWorkload w, int rounds, List<BenchQuery> queries,
                                 List<QueryOutcome> outcomes, CairnNode cairn, VictoriaMetricsProcess vm) {
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "%d series (%d hosts) x %d samples at %d s; %d measured runs after %d warm-up "
                        + "runs per query and window; VictoriaMetrics rollup cache %s; client: %s; machine: %d cores%n%n",
                w.seriesCount(), w.hosts(), rounds, w.intervalMs() / 1000, o.intValue("runs", 10), o.intValue("warmup", 3),
                o.bool("vm-cache", false) ? "on" : "off (-search.disableCache)", client.description(),
                Runtime.getRuntime().availableProcessors()));
        r.append(BenchReport.table(outcomes)).append('\n');
        r.append("Queries:\n\n").append(BenchReport.queries(queries));
        String notes = BenchReport.notes(outcomes);
        if (!notes.isEmpty()) {
            r.append("\nDifferences between the answers:\n\n").append(notes);
        }
        r.append(String.format(Locale.ROOT, "%nPeak RSS: Cairn %.0f MiB, VictoriaMetrics %.0f MiB%n",
                cairn.memory().peakRssBytes() / 1048576.0, vm.memory().peakRssBytes() / 1048576.0));
        return r.toString();
    }

    private static List<BenchQuery> selectQueries(String names) {
        if (names.isBlank()) {
            return BenchQuery.QUERIES;
        }
        List<String> wanted = Arrays.asList(names.split(","));
        List<BenchQuery> out = BenchQuery.QUERIES.stream().filter(q -> wanted.contains(q.name())).toList();
        if (out.size() != wanted.size()) {
            throw new IllegalArgumentException("--queries=" + names + ": known names are "
                    + BenchQuery.QUERIES.stream().map(BenchQuery::name).toList());
        }
        return out;
    }

    private static Properties readMarker(Path outDir) throws IOException {
        Path f = outDir.resolve(MARKER);
        if (!Files.exists(f)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        return p;
    }

    private static void writeMarker(Path outDir, NodeExporterWorkload w, int rounds) throws IOException {
        Properties p = new Properties();
        p.setProperty("hosts", Integer.toString(w.hosts()));
        p.setProperty("seed", Long.toString(w.seed()));
        p.setProperty("startMs", Long.toString(w.startMs()));
        p.setProperty("intervalMs", Long.toString(w.intervalMs()));
        p.setProperty("rounds", Integer.toString(rounds));
        try (OutputStream out = Files.newOutputStream(outDir.resolve(MARKER))) {
            p.store(out, "data loaded into cairn/ and vm/ by the query benchmark");
        }
    }

    private static void requireSameWorkload(Properties marker, NodeExporterWorkload w, int rounds) {
        String want = w.hosts() + "/" + w.seed() + "/" + w.intervalMs() + "/" + rounds;
        String have = marker.getProperty("hosts") + "/" + marker.getProperty("seed") + "/"
                + marker.getProperty("intervalMs") + "/" + marker.getProperty("rounds");
        if (!want.equals(have)) {
            throw new IllegalArgumentException("--reuse: the out dir holds hosts/seed/interval/rounds " + have
                    + " but the options ask for " + want);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
                String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
