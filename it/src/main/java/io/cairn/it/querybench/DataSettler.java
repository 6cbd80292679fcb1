package io.cairn.it.querybench;

import io.cairn.it.harness.DirectorySize;
import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.Poll;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Brings a freshly loaded server to the state queries should be measured in: buffered rows
 * flushed to immutable parts and merges done, so that no background work competes with the
 * queries and neither server is measured over a write buffer the other has already merged.
 *
 * <p>Servers with {@code /internal/force_flush} and {@code /internal/force_merge}
 * (VictoriaMetrics) are asked to flush and merge and then polled until
 * {@code vm_active_force_merges} is 0. A server without them (Cairn flushes its head every
 * couple of seconds and merges in the background by itself) is waited for: settled once its data
 * directory has kept its size for {@link #STABLE_FOR}.
 */
final class DataSettler {
    static final Duration STABLE_FOR = Duration.ofSeconds(15);

    private DataSettler() {}

    static void settle(HttpApi api, Path dataDir, Duration timeout, Consumer<String> log) {
        long start = System.nanoTime();
        if (call(api, "/internal/force_flush") && call(api, "/internal/force_merge")) {
            Poll.until(timeout, "forced merges on " + api.base() + " to finish", () -> {
                Double active = api.scrapeMetric("vm_active_force_merges");
                return active == null || active == 0;
            });
        }
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        Poll.until(timeout, "data directory " + dataDir + " to keep its size for " + STABLE_FOR, () -> {
            long size = DirectorySize.bytes(dataDir);
            long now = System.nanoTime();
            if (size != last[0]) {
                last[0] = size;
                since[0] = now;
            }
            return now - since[0] >= STABLE_FOR.toNanos();
        });
        log.accept(String.format(java.util.Locale.ROOT, "%s settled in %.1f s: %,d bytes in %s", api.base(),
                (System.nanoTime() - start) / 1e9, last[0], dataDir));
    }

    /** GET, or POST where GET is not allowed; true if the endpoint exists and answered 2xx. */
    private static boolean call(HttpApi api, String path) {
        try {
            HttpResult r = api.get(path);
            if (r.status() == 405) {
                r = api.post(path, new byte[0], "text/plain");
            }
            return r.isSuccess();
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
