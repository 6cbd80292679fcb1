package io.cairn.storage.engine;

/** UTC day numbers: the time partitions of parts and the per-day index. */
public final class Days {
    public static final long DAY_MS = 86_400_000L;

    private Days() {}

    public static int of(long timestampMs) {
        return (int) Math.floorDiv(timestampMs, DAY_MS);
    }

    public static long start(int day) {
        return day * DAY_MS;
    }

    public static long end(int day) {
        return start(day) + DAY_MS - 1;
    }
}
