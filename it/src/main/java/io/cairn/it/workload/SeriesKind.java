package io.cairn.it.workload;

/**
 * How a workload series evolves from one scrape to the next. The state of a series is an
 * integer count of quanta; its sample value is {@code state * quantum / 10^decimals}, so every
 * value is a short decimal (like real exporters produce) computed with a single correctly
 * rounded division.
 */
public enum SeriesKind {
    /** Never changes after its initial value (build info, memory total, up). */
    CONSTANT,
    /** Grows by a random step in [stepMin, stepMax] every scrape (cpu seconds, bytes sent). */
    COUNTER,
    /** Random walk by a step in [stepMin, stepMax], clamped to [lo, hi] (free memory, load). */
    GAUGE,
    /** A fresh random value in [lo, hi] every scrape (scrape duration). */
    RANDOM,
    /** Cumulative histogram bucket: grows by the observations of its bucket and all smaller ones. */
    HISTOGRAM_BUCKET,
    /** Histogram _count: grows by all observations of the scrape. */
    HISTOGRAM_COUNT,
    /** Histogram _sum in milliseconds: grows by the observations weighted by their bucket's midpoint. */
    HISTOGRAM_SUM,
    /** The scrape timestamp itself in milliseconds (node_time_seconds with 3 decimals). */
    TIMESTAMP
}
