package io.cairn.shard.bootstrap;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Tuning of peer bootstraps, from {@code cairn.bootstrap.*} (every key optional; the defaults
 * below apply). Immutable.
 *
 * @param chunkBytes bytes of a part file per chunk message ({@code chunk-size}, default 1 MiB)
 * @param window chunk requests (and their writes) in flight per file ({@code window}, 4): pull
 *     based flow control, the source never sends more than was asked for
 * @param seriesPageSize series per registration page ({@code series-page-size}, 4096)
 * @param askTimeout timeout of one chunk, series page or part description request
 *     ({@code ask-timeout}, 30 s)
 * @param prepareTimeout timeout of the copy plan, which includes a flush of the source's head
 *     ({@code prepare-timeout}, 2 min)
 * @param sourceIdleTimeout a copy session with no request for this long releases its parts
 *     ({@code source-idle-timeout}, 2 min)
 * @param maxAttempts attempts before the bootstrap gives up ({@code max-attempts}, 10)
 * @param minBackoff pause before the second attempt, doubled up to {@code maxBackoff}
 *     ({@code min-backoff} 1 s, {@code max-backoff} 30 s)
 * @param chunkRetries fetches of one chunk after a checksum mismatch or timeout before the
 *     attempt fails ({@code chunk-retries}, 3)
 * @param progressLogPercent an INFO line every this many percent ({@code progress-log-percent},
 *     10)
 */
public record BootstrapSettings(int chunkBytes, int window, int seriesPageSize,
        Duration askTimeout, Duration prepareTimeout, Duration sourceIdleTimeout,
        int maxAttempts, Duration minBackoff, Duration maxBackoff, int chunkRetries,
        int progressLogPercent) {

    /**
     * Largest chunk a source sends, whatever it is asked for: well below cluster.conf's Artery
     * {@code maximum-frame-size} (8 MiB), beyond which a remote message is dropped.
     */
    public static final int MAX_CHUNK_BYTES = 4 << 20;

    public static final BootstrapSettings DEFAULTS = new BootstrapSettings(1 << 20, 4, 4096,
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(2), 10,
            Duration.ofSeconds(1), Duration.ofSeconds(30), 3, 10);

    public BootstrapSettings {
        if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("cairn.bootstrap.chunk-size must be in [1, "
                    + MAX_CHUNK_BYTES + "] bytes, got " + chunkBytes);
        }
        if (window < 1 || seriesPageSize < 1 || maxAttempts < 1 || chunkRetries < 0) {
            throw new IllegalArgumentException("cairn.bootstrap: window, series-page-size and "
                    + "max-attempts must be positive and chunk-retries not negative, got "
                    + window + ", " + seriesPageSize + ", " + maxAttempts + ", " + chunkRetries);
        }
        if (progressLogPercent < 1 || progressLogPercent > 100) {
            throw new IllegalArgumentException("cairn.bootstrap.progress-log-percent must be in "
                    + "[1, 100], got " + progressLogPercent);
        }
    }

    /** The settings under {@code cairn.bootstrap} of {@code root}, defaults for absent keys. */
    public static BootstrapSettings fromConfig(Config root) {
        if (!root.hasPath("cairn.bootstrap")) {
            return DEFAULTS;
        }
        Config c = root.getConfig("cairn.bootstrap");
        BootstrapSettings d = DEFAULTS;
        return new BootstrapSettings(
                c.hasPath("chunk-size") ? (int) Math.min(Integer.MAX_VALUE, c.getBytes("chunk-size"))
                        : d.chunkBytes,
                c.hasPath("window") ? c.getInt("window") : d.window,
                c.hasPath("series-page-size") ? c.getInt("series-page-size") : d.seriesPageSize,
                c.hasPath("ask-timeout") ? c.getDuration("ask-timeout") : d.askTimeout,
                c.hasPath("prepare-timeout") ? c.getDuration("prepare-timeout") : d.prepareTimeout,
                c.hasPath("source-idle-timeout") ? c.getDuration("source-idle-timeout")
                        : d.sourceIdleTimeout,
                c.hasPath("max-attempts") ? c.getInt("max-attempts") : d.maxAttempts,
                c.hasPath("min-backoff") ? c.getDuration("min-backoff") : d.minBackoff,
                c.hasPath("max-backoff") ? c.getDuration("max-backoff") : d.maxBackoff,
                c.hasPath("chunk-retries") ? c.getInt("chunk-retries") : d.chunkRetries,
                c.hasPath("progress-log-percent") ? c.getInt("progress-log-percent")
                        : d.progressLogPercent);
    }

    /** Pause before attempt {@code attempt} (2, 3, ...): exponential, capped. */
    public Duration backoff(int attempt) {
        Duration d = minBackoff;
        for (int i = 2; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
