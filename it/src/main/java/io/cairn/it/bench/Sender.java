package io.cairn.it.bench;

import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Sends pre-encoded requests over {@code concurrency} parallel HTTP connections, in order of the
 * list (each worker takes the next unsent request), retrying like Prometheus' remote-write queue:
 * 5xx, 429 and connection failures are retried with exponential backoff from 30 ms to 5 s;
 * other 4xx answers are not retried (the data is dropped and counted as failed). A request that
 * still fails after {@code maxRetryTime} is counted as failed.
 */
final class Sender {
    private static final long MIN_BACKOFF_MS = 30;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final HttpApi api;
    private final String path;
    private final int concurrency;
    private final Duration maxRetryTime;

    Sender(HttpApi api, String path, int concurrency, Duration maxRetryTime) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        this.api = api;
        this.path = path;
        this.concurrency = concurrency;
        this.maxRetryTime = maxRetryTime;
    }

    /**
     * Sends every request and returns when all are answered (or given up).
     *
     * @param progress called from one worker with the samples acknowledged so far, roughly every
     *                 {@code progressEverySamples}
     */
    SendStats send(List<EncodedRequest> requests, long progressEverySamples, LongConsumer progress) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        LongAdder okRequests = new LongAdder();
        AtomicLong okSamples = new AtomicLong();
        LongAdder failedRequests = new LongAdder();
        LongAdder failedSamples = new LongAdder();
        LongAdder retries = new LongAdder();
        Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long[] latencyNanos = new long[requests.size()];
        AtomicLong nextProgress = new AtomicLong(progressEverySamples);

        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < requests.size()) {
                EncodedRequest request = requests.get(i);
                long deadline = System.nanoTime() + maxRetryTime.toNanos();
                long backoffMs = MIN_BACKOFF_MS;
                while (true) {
                    long t0 = System.nanoTime();
                    int status;
                    String error;
                    try {
                        HttpResult result = api.remoteWrite(path, request.body());
                        status = result.status();
                        error = result.isSuccess() ? null : "HTTP " + status + ": " + abbreviate(result.text());
                    } catch (UncheckedIOException e) {
                        status = 0;
                        error = e.getMessage();
                    }
                    if (error == null) {
                        latencyNanos[i] = System.nanoTime() - t0;
                        okRequests.increment();
                        long total = okSamples.addAndGet(request.samples());
                        long mark = nextProgress.get();
                        if (total >= mark && nextProgress.compareAndSet(mark, mark + progressEverySamples)) {
                            progress.accept(total);
                        }
                        break;
                    }
                    boolean retryable = status == 0 || status == 429 || status >= 500;
                    if (!retryable || System.nanoTime() > deadline) {
                        failures.computeIfAbsent(status, k -> new LongAdder()).increment();
                        firstFailure.compareAndSet(null, error);
                        failedRequests.increment();
                        failedSamples.add(request.samples());
                        break;
                    }
                    retries.increment();
                    try {
                        Thread.sleep(backoffMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
                }
            }
        };

        long start = System.nanoTime();
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            threads[t] = new Thread(worker, "sender-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> failureCounts = new ConcurrentHashMap<>();
        failures.forEach((k, v) -> failureCounts.put(k, v.sum()));
        long[] okLatencies = java.util.Arrays.stream(latencyNanos).filter(n -> n > 0).toArray();
        return new SendStats(okRequests.sum(), okSamples.get(), failedRequests.sum(), failedSamples.sum(), retries.sum(),
                SendStats.sortedCopy(failureCounts), firstFailure.get(), wall,
                SendStats.percentile(okLatencies, 0.5), SendStats.percentile(okLatencies, 0.99),
                SendStats.percentile(okLatencies, 1.0));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
