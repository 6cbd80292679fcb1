package io.cairn.it.bench;

import io.cairn.it.harness.DirectorySize;
import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.Poll;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Brings a server's data directory to its settled size after ingestion, so that bytes on disk
 * compare fairly: asks it to flush buffered data ({@code /internal/force_flush}) and to merge
 * its parts ({@code /internal/force_merge}) where it has those endpoints (VictoriaMetrics does;
 * for Cairn they are optional), then waits until no forced merge is running (if the server
 * reports {@code vm_active_force_merges}) and the directory size has stopped changing; merges
 * again until a merge no longer changes the size.
 */
final class Settler {
    /** The directory must keep its size this long to count as settled. */
    private static final Duration STABLE_FOR = Duration.ofSeconds(5);
    private static final int MAX_MERGE_ROUNDS = 5;

    private Settler() {}

    /** What the settle phase did, for the report. */
    record Outcome(boolean flushed, boolean merged, double seconds) {}

    static Outcome settle(HttpApi api, Path dataDir, Duration timeout, java.util.function.Consumer<String> log) {
        long start = System.nanoTime();
        boolean flushed = call(api, "/internal/force_flush", log);
        boolean merged = false;
        long previous = -1;
        // A forced merge skips parts that a background merge holds at that moment (VictoriaMetrics
        // then returns at once), so repeat until a forced merge no longer changes the size.
        for (int attempt = 0; attempt < MAX_MERGE_ROUNDS; attempt++) {
            boolean answered = call(api, "/internal/force_merge", log);
            merged |= answered;
            if (answered) {
                Poll.until(timeout, "forced merges to finish", () -> {
                    Double active = api.scrapeMetric("vm_active_force_merges");
                    return active == null || active == 0;
                });
            }
            if (dataDir == null) {
                break;
            }
            long size = awaitStableSize(dataDir, timeout);
            log.accept("data directory settled at " + size + " bytes");
            if (!answered || size == previous) {
                break;
            }
            previous = size;
        }
        return new Outcome(flushed, merged, (System.nanoTime() - start) / 1e9);
    }

    private static long awaitStableSize(Path dataDir, Duration timeout) {
        long[] last = {-1};
        long[] stableSince = {System.nanoTime()};
        Poll.until(timeout, "data directory " + dataDir + " to keep its size for " + STABLE_FOR, () -> {
            long size = DirectorySize.bytes(dataDir);
            long now = System.nanoTime();
            if (size != last[0]) {
                last[0] = size;
                stableSince[0] = now;
                return false;
            }
            return now - stableSince[0] >= STABLE_FOR.toNanos();
        });
        return last[0];
    }

    /** GET (then POST on 405) of an optional endpoint; true if it answered 2xx. */
    private static boolean call(HttpApi api, String path, java.util.function.Consumer<String> log) {
        try {
            HttpResult r = api.get(path);
            if (r.status() == 405) {
                r = api.post(path, new byte[0], "text/plain");
            }
            log.accept(path + " -> HTTP " + r.status());
            return r.isSuccess();
        } catch (UncheckedIOException e) {
            log.accept(path + " failed: " + e.getMessage());
            return false;
        }
    }
}
