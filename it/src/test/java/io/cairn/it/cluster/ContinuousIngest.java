package io.cairn.it.cluster;

import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.jsonl.ExportedSeries;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes rounds of samples through one node, one request per round, in the background: round k
 * writes one sample of each of {@link #SERIES} series at {@code base + k s}. A round that is not
 * acknowledged (5xx, connection refused) is sent again until it is, as Prometheus retries, so
 * that the data written is exactly rounds {@code [0, acknowledged())}, which
 * {@link #expected(int)} rebuilds sample for sample.
 */
final class ContinuousIngest implements AutoCloseable {
    static final int SERIES = 12;
    static final String METRIC = "it_life";
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final AtomicReference<CairnNode> target;
    private final long baseMs;
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    ContinuousIngest(CairnNode first) {
        this.target = new AtomicReference<>(first);
        this.baseMs = (System.currentTimeMillis() / 1000 - 3600) * 1000;
        this.thread = new Thread(this::run, "continuous-ingest");
        thread.setDaemon(true);
        thread.start();
    }

    /** Rounds acknowledged so far: all rows of rounds below it are stored. */
    int acknowledged() {
        return acked.get();
    }

    int retries() {
        return retries.get();
    }

    /** Sends the next rounds through {@code node}. */
    void via(CairnNode node) {
        target.set(node);
    }

    private void run() {
        try {
            // A round that failed may have stored some rows: it is retried until acknowledged,
            // also when stopping, so that nothing beyond the acknowledged rounds is stored.
            boolean settled = true;
            for (int round = 0; !(stopping && settled); ) {
                HttpResult r;
                try {
                    r = target.get().api().post("/api/v1/import", body(round),
                            "application/json");
                } catch (UncheckedIOException e) {
                    r = null;
                }
                settled = r != null && r.isSuccess();
                if (settled) {
                    acked.set(++round);
                } else {
                    retries.incrementAndGet();
                }
                LockSupport.parkNanos(PACE_NANOS); // pacing, not synchronisation
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private byte[] body(int round) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < SERIES; s++) {
            b.append("{\"metric\":{\"__name__\":\"").append(METRIC).append("\",\"series\":\"s")
                    .append(s).append("\"},\"values\":[").append(value(round, s))
                    .append("],\"timestamps\":[").append(baseMs + round * 1000L).append("]}\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double value(int round, int series) {
        return round * 10 + series + 0.25;
    }

    /** What rounds {@code [0, rounds)} wrote, sorted by labels. */
    List<ExportedSeries> expected(int rounds) {
        List<ExportedSeries> out = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            long[] ts = new long[rounds];
            double[] vs = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                ts[k] = baseMs + k * 1000L;
                vs[k] = value(k, s);
            }
            out.add(ExportedSeries.of(ts, vs, "__name__", METRIC, "series", "s" + s));
        }
        out.sort(java.util.Comparator.comparing(x -> x.labels().toString()));
        return out;
    }

    /** Exported series cut to the first {@code rounds} rounds' timestamps. */
    List<ExportedSeries> firstRounds(List<ExportedSeries> exported, int rounds) {
        long end = baseMs + rounds * 1000L;
        List<ExportedSeries> out = new ArrayList<>();
        for (ExportedSeries e : exported) {
            int n = 0;
            while (n < e.size() && e.timestamps()[n] < end) {
                n++;
            }
            out.add(new ExportedSeries(e.labels(), java.util.Arrays.copyOf(e.timestamps(), n),
                    java.util.Arrays.copyOf(e.values(), n)));
        }
        out.sort(java.util.Comparator.comparing(x -> x.labels().toString()));
        return out;
    }

    /** Stops after the round in flight is acknowledged; returns the rounds written. */
    int stop() throws InterruptedException {
        stopping = true;
        thread.join(TimeUnit.MINUTES.toMillis(2));
        if (failure != null) {
            throw new IllegalStateException("ingest failed", failure);
        }
        return acked.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stopping = true;
            thread.join(TimeUnit.MINUTES.toMillis(2));
        }
    }
}
