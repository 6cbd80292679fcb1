package io.cairn.storage.index;

import java.util.List;

/**
 * Cardinality statistics of one tenant, the fields of Prometheus' {@code /api/v1/status/tsdb}
 * (and VictoriaMetrics' equivalent): every list is sorted by value descending, then name, and
 * holds at most the requested top N entries. Immutable.
 *
 * @param totalSeries series of the tenant (active in the requested range)
 * @param totalLabelValuePairs distinct label=value pairs among them
 * @param seriesCountByMetricName series per metric name ({@code __name__} value)
 * @param labelValueCountByLabelName distinct values per label name
 * @param memoryInBytesByLabelName approximate bytes of label values per label name: the UTF-16
 *     length of each value times the series carrying it, as Prometheus estimates it
 * @param seriesCountByLabelValuePair series per {@code name=value} pair
 * @param seriesCountByLabelName series carrying each label name
 */
public record TsdbStatus(long totalSeries, long totalLabelValuePairs,
        List<Entry> seriesCountByMetricName, List<Entry> labelValueCountByLabelName,
        List<Entry> memoryInBytesByLabelName, List<Entry> seriesCountByLabelValuePair,
        List<Entry> seriesCountByLabelName) {

    /** One named count. */
    public record Entry(String name, long value) {}
}
