package io.cairn.http.ingest;

/**
 * The unit of InfluxDB line protocol timestamps, from the {@code precision} query parameter
 * (v1 names {@code n, u, ms, s, m, h} and v2 names {@code ns, us, ms, s}); nanoseconds by
 * default.
 */
public enum InfluxPrecision {
    NANOSECONDS(-1_000_000),
    MICROSECONDS(-1_000),
    MILLISECONDS(1),
    SECONDS(1_000),
    MINUTES(60_000),
    HOURS(3_600_000);

    /** Positive: multiply by it to get ms; negative: floor-divide by its negation. */
    private final long factor;

    InfluxPrecision(long factor) {
        this.factor = factor;
    }

    /**
     * Parses the {@code precision} parameter; null or empty means nanoseconds.
     *
     * @throws IngestException naming the value when it is no known precision
     */
    public static InfluxPrecision parse(String precision) {
        if (precision == null || precision.isEmpty()) {
            return NANOSECONDS;
        }
        return switch (precision) {
            case "n", "ns" -> NANOSECONDS;
            case "u", "us", "µ", "µs" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> throw new IngestException("unsupported precision=" + precision
                    + ": want ns, us, ms, s, m or h");
        };
    }

    /** The timestamp in milliseconds, or {@link Long#MIN_VALUE} when it overflows. */
    long toMillis(long t) {
        if (factor < 0) {
            return Math.floorDiv(t, -factor);
        }
        long hi = Math.multiplyHigh(t, factor);
        long lo = t * factor;
        return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : Long.MIN_VALUE;
    }
}
