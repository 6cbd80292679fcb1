package io.cairn.it.workload;

/** Receives the samples of a scrape, one call per series, without boxing. */
@FunctionalInterface
public interface SampleSink {
    /**
     * @param seriesIndex index of the series in its workload (see {@link NodeExporterWorkload#labels(int)})
     * @param timestampMs scrape time in milliseconds since the epoch
     * @param value       sample value
     */
    void accept(int seriesIndex, long timestampMs, double value);
}
