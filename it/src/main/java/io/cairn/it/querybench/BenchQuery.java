package io.cairn.it.querybench;

import java.util.List;

/**
 * A dashboard-style query of the query benchmark and the window it runs over.
 *
 * @param name   short name for the table
 * @param promql the query; it must be valid PromQL and MetricsQL with the same meaning
 */
public record BenchQuery(String name, String promql) {
    /** A range query window: the last {@code rangeMs} of the data at {@code stepMs}. */
    public record Window(String name, long rangeMs, long stepMs) {}

    /** 24 h at a 60 s step (1441 points, what a Grafana panel of a day asks for) and 1 h at 15 s. */
    public static final List<Window> WINDOWS = List.of(
            new Window("24h/60s", 24 * 3_600_000L, 60_000),
            new Window("1h/15s", 3_600_000L, 15_000));

    /**
     * The queries over the node_exporter-like workload ({@link io.cairn.it.workload.NodeExporterWorkload}):
     * rates summed by a label, plain sums, topk, a histogram quantile, regex matchers,
     * avg_over_time, count by, and a ratio of two selectors.
     */
    public static final List<BenchQuery> QUERIES = List.of(
            new BenchQuery("cpu-rate-by-mode", "sum by (mode) (rate(node_cpu_seconds_total[5m]))"),
            new BenchQuery("cpu-busy-by-host",
                    "sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))"),
            new BenchQuery("mem-free-sum-by-host", "sum by (instance) (node_memory_MemFree_bytes)"),
            new BenchQuery("net-topk", "topk(5, rate(node_network_receive_bytes_total[5m]))"),
            new BenchQuery("http-p90", "histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"),
            new BenchQuery("regex-hosts-rate",
                    "rate(node_network_transmit_bytes_total{instance=~\"host-00001.*\", device!=\"lo\"}[5m])"),
            new BenchQuery("load-avg-over-time", "avg_over_time(node_load1[5m])"),
            new BenchQuery("count-by-fs", "count by (fstype) (node_filesystem_size_bytes)"),
            new BenchQuery("mem-used-ratio",
                    "1 - node_memory_MemAvailable_bytes / on(instance) node_memory_MemTotal_bytes"));
}
