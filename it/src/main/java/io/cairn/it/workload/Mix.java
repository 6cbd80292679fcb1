package io.cairn.it.workload;

/**
 * Stateless pseudo-random numbers for the workload: every number is a hash of its coordinates
 * (seed, host, series, scrape, ...), so any subset of hosts can be regenerated alone and gives
 * exactly the values a full run sent. SplitMix64's finaliser does the mixing.
 */
final class Mix {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Mix() {}

    static long hash(long seed, long a, long b, long c, long d) {
        long h = mix64(seed + GOLDEN);
        h = mix64(h ^ (a * GOLDEN));
        h = mix64(h ^ (b * GOLDEN + 1));
        h = mix64(h ^ (c * GOLDEN + 2));
        return mix64(h ^ (d * GOLDEN + 3));
    }

    /** A value in [min, max] drawn from hash {@code h}. */
    static long uniform(long h, long min, long max) {
        long span = max - min + 1;
        return span <= 0 ? min : min + Math.floorMod(h, span);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
