package io.cairn.it.querybench;

import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.remotewrite.RemoteWriteLabels;
import io.cairn.it.harness.remotewrite.WriteRequestBuilder;
import io.cairn.it.workload.NodeExporterWorkload;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Writes a whole history of a {@link NodeExporterWorkload} into servers through Prometheus remote
 * write, time chunk by time chunk: the samples of {@code roundsPerChunk} consecutive scrape rounds
 * are generated once, packed as many-sample TimeSeries (as remote write allows, and as a
 * backfill would send them), and the same request bodies go to every target, so all targets
 * store exactly the same data. Every series' samples arrive in time order.
 *
 * <p>Memory: one chunk of samples (series x roundsPerChunk x 16 bytes) plus its encoded requests.
 * A request that fails is retried a few times (a server may answer 429 or 503 under load); one
 * that keeps failing aborts the load with the server's answer. Not thread safe.
 */
final class WorkloadLoader {
    private static final int ATTEMPTS = 5;

    private final NodeExporterWorkload workload;
    private final int rounds;
    private final int roundsPerChunk;
    private final int seriesPerRequest;
    private final int concurrency;
    private final Consumer<String> log;

    WorkloadLoader(NodeExporterWorkload workload, int rounds, int roundsPerChunk, int seriesPerRequest,
                   int concurrency, Consumer<String> log) {
        if (rounds < 1 || roundsPerChunk < 1 || seriesPerRequest < 1 || concurrency < 1) {
            throw new IllegalArgumentException("rounds, rounds per chunk, series per request and concurrency must be >= 1");
        }
        this.workload = workload;
        this.rounds = rounds;
        this.roundsPerChunk = roundsPerChunk;
        this.seriesPerRequest = seriesPerRequest;
        this.concurrency = concurrency;
        this.log = log;
    }

    /** Loads everything into each target; returns the seconds each target spent receiving. */
    double[] load(List<HttpApi> targets) throws InterruptedException {
        int series = workload.seriesCount();
        byte[][] labels = new byte[series][];
        for (int i = 0; i < series; i++) {
            labels[i] = RemoteWriteLabels.encode(workload.labels(i));
        }
        long[][] ts = new long[series][roundsPerChunk];
        double[][] vs = new double[series][roundsPerChunk];
        int[] filled = new int[series];
        NodeExporterWorkload.Scraper scraper = workload.scraper();
        double[] seconds = new double[targets.size()];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (int first = 0; first < rounds; first += roundsPerChunk) {
                int last = Math.min(rounds, first + roundsPerChunk);
                java.util.Arrays.fill(filled, 0);
                for (int round = first; round < last; round++) {
                    scraper.scrape(round, (s, t, v) -> {
                        ts[s][filled[s]] = t;
                        vs[s][filled[s]] = v;
                        filled[s]++;
                    });
                }
                List<byte[]> bodies = encode(labels, ts, vs, filled);
                for (int t = 0; t < targets.size(); t++) {
                    long start = System.nanoTime();
                    send(pool, targets.get(t), bodies);
                    seconds[t] += (System.nanoTime() - start) / 1e9;
                }
                if (((first / roundsPerChunk) + 1) % 4 == 0 || last == rounds) {
                    log.accept(String.format(java.util.Locale.ROOT, "loaded rounds [0, %d) of %d (%,d samples per target)",
                            last, rounds, (long) last * series));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return seconds;
    }

    private List<byte[]> encode(byte[][] labels, long[][] ts, double[][] vs, int[] filled) {
        List<byte[]> bodies = new ArrayList<>();
        WriteRequestBuilder builder = new WriteRequestBuilder(seriesPerRequest * roundsPerChunk * 12);
        for (int s = 0; s < labels.length; s++) {
            builder.addSeries(labels[s], ts[s], vs[s], filled[s]);
            if (builder.seriesCount() == seriesPerRequest) {
                bodies.add(builder.toSnappy());
                builder.reset();
            }
        }
        if (builder.seriesCount() > 0) {
            bodies.add(builder.toSnappy());
        }
        return bodies;
    }

    private static void send(ExecutorService pool, HttpApi target, List<byte[]> bodies) throws InterruptedException {
        List<Future<?>> pending = new ArrayList<>();
        for (byte[] body : bodies) {
            pending.add(pool.submit(() -> {
                sendOne(target, body);
                return null;
            }));
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("loading " + target.base() + " failed: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }

    private static void sendOne(HttpApi target, byte[] body) throws InterruptedException {
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResult r = target.remoteWrite(body);
                if (r.isSuccess()) {
                    return;
                }
                last = "HTTP " + r.status() + ": " + r.text();
                if (r.status() != 429 && r.status() < 500) {
                    break;
                }
            } catch (UncheckedIOException e) {
                last = e.getMessage();
            }
            Thread.sleep(200L << attempt); // backoff before retrying an overloaded server
        }
        throw new IllegalStateException("remote write to " + target.base() + " kept failing: " + last);
    }
}
