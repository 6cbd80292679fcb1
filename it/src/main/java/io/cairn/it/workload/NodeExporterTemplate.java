package io.cairn.it.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The series one simulated host exposes: a node_exporter-like mix of cpu-seconds counters
 * (0.01 s resolution), memory and filesystem gauges in bytes, network and disk counters, load
 * averages with two decimals, a request-duration histogram, Go runtime metrics and constant info
 * series. Shapes and magnitudes follow a real 8-cpu Linux host scraped every 15 s.
 */
public final class NodeExporterTemplate {
    private static final int CPUS = 8;
    private static final long GIB = 1L << 30;
    private static final long PAGE = 4096;
    /** Histogram bucket bounds in seconds; the last bucket is +Inf. */
    static final String[] BUCKET_LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};
    /** Representative duration of an observation in each bucket, in milliseconds. */
    static final long[] BUCKET_MID_MS = {3, 8, 18, 38, 75, 175, 375, 750, 1750, 3750, 7500, 15000};
    /** Most observations a bucket gets per scrape (before the handler's factor). */
    static final long[] BUCKET_WEIGHT = {40, 30, 25, 20, 12, 8, 5, 3, 2, 1, 1, 1};

    private final List<SeriesTemplate> series = new ArrayList<>();
    private int histograms;

    private NodeExporterTemplate() {}

    /** The series of one host, in a fixed order. */
    public static List<SeriesTemplate> create() {
        NodeExporterTemplate t = new NodeExporterTemplate();
        t.cpu();
        t.memory();
        t.filesystems();
        t.network();
        t.disks();
        t.system();
        t.histograms();
        t.goRuntime();
        t.info();
        return List.copyOf(t.series);
    }

    private void cpu() {
        String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        // Ticks (1/100 s) per 15 s scrape and cpu; they add up to about 1500.
        long[][] steps = {{900, 1450}, {0, 30}, {0, 3}, {0, 2}, {0, 20}, {0, 0}, {10, 150}, {20, 400}};
        long[][] inits = {{50_000_000, 90_000_000}, {10_000, 900_000}, {0, 5_000}, {0, 3_000}, {1_000, 200_000},
            {0, 0}, {1_000_000, 9_000_000}, {2_000_000, 20_000_000}};
        for (int cpu = 0; cpu < CPUS; cpu++) {
            for (int m = 0; m < modes.length; m++) {
                add("node_cpu_seconds_total", SeriesKind.COUNTER, 2, 1, inits[m][0], inits[m][1], steps[m][0], steps[m][1],
                        0, 0, "cpu", Integer.toString(cpu), "mode", modes[m]);
            }
            add("node_cpu_scaling_frequency_hertz", SeriesKind.GAUGE, 0, 1_000_000, 800, 3_600, -200, 200, 800, 3_600,
                    "cpu", Integer.toString(cpu));
        }
    }

    private void memory() {
        long total = 16 * GIB / PAGE;
        add("node_memory_MemTotal_bytes", SeriesKind.CONSTANT, 0, PAGE, total, total, 0, 0, 0, 0);
        add("node_memory_SwapTotal_bytes", SeriesKind.CONSTANT, 0, PAGE, total / 8, total / 8, 0, 0, 0, 0);
        String[] walking = {"MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached", "Active", "Inactive",
            "Active_anon", "Inactive_anon", "Active_file", "Inactive_file", "Dirty", "Writeback", "AnonPages",
            "Mapped", "Shmem", "Slab", "SReclaimable", "SUnreclaim", "SwapFree", "PageTables", "Committed_AS"};
        for (int i = 0; i < walking.length; i++) {
            long hi = total / (1 + i % 4);
            add("node_memory_" + walking[i] + "_bytes", SeriesKind.GAUGE, 0, PAGE, hi / 8, hi / 2,
                    -2_000 * (1 + i % 3), 2_000 * (1 + i % 3), 0, hi);
        }
    }

    private void filesystems() {
        String[][] fs = {{"/dev/sda1", "ext4", "/"}, {"/dev/sda2", "ext4", "/home"}, {"tmpfs", "tmpfs", "/run"},
            {"/dev/sdb1", "xfs", "/var/lib/data"}};
        for (String[] f : fs) {
            String[] l = {"device", f[0], "fstype", f[1], "mountpoint", f[2]};
            long size = 500 * GIB / PAGE;
            add("node_filesystem_size_bytes", SeriesKind.CONSTANT, 0, PAGE, size, size, 0, 0, 0, 0, l);
            add("node_filesystem_free_bytes", SeriesKind.GAUGE, 0, PAGE, size / 4, size / 2, -500, 600, 0, size, l);
            add("node_filesystem_avail_bytes", SeriesKind.GAUGE, 0, PAGE, size / 5, size / 3, -500, 600, 0, size, l);
            add("node_filesystem_files", SeriesKind.CONSTANT, 0, 1, 32_768_000, 32_768_000, 0, 0, 0, 0, l);
            add("node_filesystem_files_free", SeriesKind.GAUGE, 0, 1, 30_000_000, 32_000_000, -50, 50, 0, 32_768_000, l);
            add("node_filesystem_readonly", SeriesKind.CONSTANT, 0, 1, 0, 0, 0, 0, 0, 0, l);
            add("node_filesystem_device_error", SeriesKind.CONSTANT, 0, 1, 0, 0, 0, 0, 0, 0, l);
        }
    }

    private void network() {
        String[] devices = {"eth0", "eth1", "lo"};
        for (String dev : devices) {
            for (String dir : new String[] {"receive", "transmit"}) {
                add("node_network_" + dir + "_bytes_total", SeriesKind.COUNTER, 0, 1, 1_000_000_000L, 900_000_000_000L,
                        100_000, 90_000_000, 0, 0, "device", dev);
                add("node_network_" + dir + "_packets_total", SeriesKind.COUNTER, 0, 1, 1_000_000, 900_000_000,
                        100, 70_000, 0, 0, "device", dev);
                add("node_network_" + dir + "_errs_total", SeriesKind.COUNTER, 0, 1, 0, 10, 0, 0, 0, 0, "device", dev);
                add("node_network_" + dir + "_drop_total", SeriesKind.COUNTER, 0, 1, 0, 500, 0, 1, 0, 0, "device", dev);
            }
            add("node_network_up", SeriesKind.CONSTANT, 0, 1, 1, 1, 0, 0, 0, 0, "device", dev);
            add("node_network_mtu_bytes", SeriesKind.CONSTANT, 0, 1, 1500, 1500, 0, 0, 0, 0, "device", dev);
        }
    }

    private void disks() {
        for (String dev : new String[] {"sda", "sdb"}) {
            add("node_disk_reads_completed_total", SeriesKind.COUNTER, 0, 1, 1_000_000, 90_000_000, 0, 3_000, 0, 0, "device", dev);
            add("node_disk_writes_completed_total", SeriesKind.COUNTER, 0, 1, 1_000_000, 90_000_000, 10, 9_000, 0, 0, "device", dev);
            add("node_disk_read_bytes_total", SeriesKind.COUNTER, 0, 512, 1_000_000, 900_000_000, 0, 200_000, 0, 0, "device", dev);
            add("node_disk_written_bytes_total", SeriesKind.COUNTER, 0, 512, 1_000_000, 900_000_000, 100, 400_000, 0, 0, "device", dev);
            add("node_disk_io_time_seconds_total", SeriesKind.COUNTER, 3, 1, 1_000_000, 90_000_000, 0, 15_000, 0, 0, "device", dev);
            add("node_disk_read_time_seconds_total", SeriesKind.COUNTER, 3, 1, 1_000_000, 90_000_000, 0, 9_000, 0, 0, "device", dev);
            add("node_disk_write_time_seconds_total", SeriesKind.COUNTER, 3, 1, 1_000_000, 90_000_000, 0, 20_000, 0, 0, "device", dev);
        }
    }

    private void system() {
        add("node_load1", SeriesKind.GAUGE, 2, 1, 0, 400, -40, 40, 0, 1_600);
        add("node_load5", SeriesKind.GAUGE, 2, 1, 0, 400, -15, 15, 0, 1_600);
        add("node_load15", SeriesKind.GAUGE, 2, 1, 0, 400, -5, 5, 0, 1_600);
        add("node_context_switches_total", SeriesKind.COUNTER, 0, 1, 1_000_000_000L, 90_000_000_000L, 50_000, 900_000, 0, 0);
        add("node_intr_total", SeriesKind.COUNTER, 0, 1, 1_000_000_000L, 90_000_000_000L, 30_000, 500_000, 0, 0);
        add("node_forks_total", SeriesKind.COUNTER, 0, 1, 100_000, 90_000_000, 0, 400, 0, 0);
        add("node_procs_running", SeriesKind.GAUGE, 0, 1, 1, 8, -2, 2, 1, 40);
        add("node_procs_blocked", SeriesKind.GAUGE, 0, 1, 0, 2, -1, 1, 0, 10);
        add("node_entropy_available_bits", SeriesKind.GAUGE, 0, 1, 3_000, 3_900, -100, 100, 256, 4_096);
        add("node_boot_time_seconds", SeriesKind.CONSTANT, 0, 1, 1_690_000_000L, 1_700_000_000L, 0, 0, 0, 0);
        add("node_time_seconds", SeriesKind.TIMESTAMP, 3, 1, 0, 0, 0, 0, 0, 0);
        String[] vmstat = {"pgfault", "pgmajfault", "pgpgin", "pgpgout", "pswpin", "pswpout", "oom_kill"};
        long[] vmstatStep = {400_000, 50, 9_000, 20_000, 10, 10, 0};
        for (int i = 0; i < vmstat.length; i++) {
            add("node_vmstat_" + vmstat[i], SeriesKind.COUNTER, 0, 1, 0, 9_000_000_000L, 0, vmstatStep[i], 0, 0);
        }
        add("node_netstat_Tcp_CurrEstab", SeriesKind.GAUGE, 0, 1, 10, 400, -10, 10, 0, 5_000);
        add("node_netstat_Tcp_ActiveOpens", SeriesKind.COUNTER, 0, 1, 0, 90_000_000, 0, 900, 0, 0);
        add("node_netstat_Tcp_PassiveOpens", SeriesKind.COUNTER, 0, 1, 0, 90_000_000, 0, 900, 0, 0);
        add("node_netstat_Tcp_RetransSegs", SeriesKind.COUNTER, 0, 1, 0, 9_000_000, 0, 40, 0, 0);
        add("node_netstat_Udp_InDatagrams", SeriesKind.COUNTER, 0, 1, 0, 90_000_000, 0, 2_000, 0, 0);
        add("node_netstat_Udp_OutDatagrams", SeriesKind.COUNTER, 0, 1, 0, 90_000_000, 0, 2_000, 0, 0);
        add("node_sockstat_TCP_inuse", SeriesKind.GAUGE, 0, 1, 10, 400, -10, 10, 0, 5_000);
        add("node_sockstat_sockets_used", SeriesKind.GAUGE, 0, 1, 100, 900, -20, 20, 0, 10_000);
        for (int i = 0; i < 4; i++) {
            add("node_hwmon_temp_celsius", SeriesKind.GAUGE, 1, 1, 300, 600, -10, 10, 200, 950,
                    "chip", "platform_coretemp_0", "sensor", "temp" + (i + 1));
        }
    }

    private void histograms() {
        String[] handlers = {"/api/v1/query", "/api/v1/write", "/metrics"};
        for (String handler : handlers) {
            int g = histograms++;
            for (int b = 0; b < BUCKET_LE.length; b++) {
                series.add(new SeriesTemplate("http_request_duration_seconds_bucket",
                        new String[] {"handler", handler, "le", BUCKET_LE[b], "method", "GET"},
                        SeriesKind.HISTOGRAM_BUCKET, 0, 1, 0, 0, 0, 0, 0, 0, g, b));
            }
            series.add(new SeriesTemplate("http_request_duration_seconds_sum",
                    new String[] {"handler", handler, "method", "GET"}, SeriesKind.HISTOGRAM_SUM, 3, 1, 0, 0, 0, 0, 0, 0, g, -1));
            series.add(new SeriesTemplate("http_request_duration_seconds_count",
                    new String[] {"handler", handler, "method", "GET"}, SeriesKind.HISTOGRAM_COUNT, 0, 1, 0, 0, 0, 0, 0, 0, g, -1));
        }
    }

    private void goRuntime() {
        add("go_goroutines", SeriesKind.GAUGE, 0, 1, 6, 12, -1, 1, 5, 30);
        add("go_threads", SeriesKind.GAUGE, 0, 1, 6, 12, 0, 0, 5, 30);
        add("go_memstats_alloc_bytes", SeriesKind.GAUGE, 0, 8, 300_000, 900_000, -40_000, 40_000, 100_000, 4_000_000);
        add("go_memstats_heap_inuse_bytes", SeriesKind.GAUGE, 0, 8192, 300, 900, -40, 40, 100, 4_000);
        add("go_memstats_sys_bytes", SeriesKind.GAUGE, 0, 8192, 2_000, 3_000, 0, 1, 1_000, 9_000);
        for (String q : new String[] {"0", "0.25", "0.5", "0.75", "1"}) {
            add("go_gc_duration_seconds", SeriesKind.RANDOM, 9, 1, 0, 0, 0, 0, 20_000, 900_000, "quantile", q);
        }
        add("go_gc_duration_seconds_sum", SeriesKind.COUNTER, 9, 1, 0, 90_000_000_000L, 0, 3_000_000, 0, 0);
        add("go_gc_duration_seconds_count", SeriesKind.COUNTER, 0, 1, 0, 900_000, 0, 3, 0, 0);
        add("process_cpu_seconds_total", SeriesKind.COUNTER, 2, 1, 100, 9_000_000, 0, 4, 0, 0);
        add("process_resident_memory_bytes", SeriesKind.GAUGE, 0, PAGE, 4_000, 6_000, -20, 20, 2_000, 20_000);
        add("process_open_fds", SeriesKind.GAUGE, 0, 1, 8, 12, -1, 1, 5, 40);
        add("process_max_fds", SeriesKind.CONSTANT, 0, 1, 1_048_576, 1_048_576, 0, 0, 0, 0);
        add("process_start_time_seconds", SeriesKind.CONSTANT, 2, 1, 169_000_000_000L, 170_000_000_000L, 0, 0, 0, 0);
    }

    private void info() {
        add("up", SeriesKind.CONSTANT, 0, 1, 1, 1, 0, 0, 0, 0);
        add("node_exporter_build_info", SeriesKind.CONSTANT, 0, 1, 1, 1, 0, 0, 0, 0,
                "branch", "HEAD", "goversion", "go1.19.4", "revision", "d0b5e3fa", "version", "1.5.0");
        add("node_uname_info", SeriesKind.CONSTANT, 0, 1, 1, 1, 0, 0, 0, 0,
                "domainname", "(none)", "machine", "x86_64", "release", "6.1.0-13-amd64", "sysname", "Linux");
        add("scrape_duration_seconds", SeriesKind.RANDOM, 6, 1, 0, 0, 0, 0, 8_000, 90_000);
        add("scrape_samples_scraped", SeriesKind.CONSTANT, 0, 1, 260, 260, 0, 0, 0, 0);
        add("scrape_samples_post_metric_relabeling", SeriesKind.CONSTANT, 0, 1, 260, 260, 0, 0, 0, 0);
        add("scrape_series_added", SeriesKind.CONSTANT, 0, 1, 0, 0, 0, 0, 0, 0);
    }

    private void add(String name, SeriesKind kind, int decimals, long quantum, long initMin, long initMax,
                     long stepMin, long stepMax, long lo, long hi, String... labels) {
        series.add(new SeriesTemplate(name, labels, kind, decimals, quantum, initMin, initMax, stepMin, stepMax,
                lo, hi, -1, -1));
    }
}
