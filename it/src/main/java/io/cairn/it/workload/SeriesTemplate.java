package io.cairn.it.workload;

/**
 * One series of a simulated host, without the host's own labels (instance, job).
 *
 * @param name        metric name
 * @param labels      further labels as alternating names and values
 * @param kind        how the value evolves
 * @param decimals    value = state * quantum / 10^decimals
 * @param quantum     unit of the state (e.g. 4096 for page-sized memory figures)
 * @param initMin     smallest initial state (in quanta)
 * @param initMax     largest initial state
 * @param stepMin     smallest change per scrape (COUNTER, GAUGE)
 * @param stepMax     largest change per scrape
 * @param lo          lower clamp (GAUGE) or lower bound (RANDOM)
 * @param hi          upper clamp (GAUGE) or upper bound (RANDOM)
 * @param group       histogram number within the host (histogram kinds), else -1
 * @param bucket      bucket index within the histogram (HISTOGRAM_BUCKET), else -1
 */
public record SeriesTemplate(String name, String[] labels, SeriesKind kind, int decimals, long quantum,
                             long initMin, long initMax, long stepMin, long stepMax, long lo, long hi,
                             int group, int bucket) {
    public SeriesTemplate {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException(name + ": labels must be name/value pairs");
        }
        if (decimals < 0 || decimals > 9 || quantum < 1 || initMin > initMax || stepMin > stepMax || lo > hi) {
            throw new IllegalArgumentException("inconsistent template for " + name);
        }
    }
}
