package io.cairn.promql.promqltest;

import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies a {@code load} command to an {@link InMemorySeriesSource}: slot i of each series is
 * written at {@code i * interval}; {@code _} writes nothing; histogram slots are recorded as
 * such. For {@code load_with_nhcb}, the native histograms with custom buckets that Prometheus
 * would build from classic bucket series are recorded under the base name, so that queries
 * reading them are recognised.
 */
final class ScriptLoader {
    private ScriptLoader() {}

    static void apply(ScriptCommand.Load load, InMemorySeriesSource source) {
        Map<Labels, SeriesDescription> series = new LinkedHashMap<>();
        for (int i = 0; i < load.series().size(); i++) {
            SeriesDescription s = load.series().get(i);
            if (s.startTimestamps()) {
                source.markStartTimestamps(s.labels());
                continue;
            }
            series.remove(s.labels());
            series.put(s.labels(), s);
        }
        for (SeriesDescription s : series.values()) {
            for (int slot = 0; slot < s.slots(); slot++) {
                long t = slot * load.intervalMs();
                switch (s.kinds()[slot]) {
                    case SeriesDescription.FLOAT -> source.appendFloat(s.labels(), t, s.values()[slot]);
                    case SeriesDescription.HISTOGRAM -> source.appendHistogram(s.labels(), t);
                    default -> { }
                }
            }
        }
        if (load.withNhcb()) {
            addNhcb(series.values(), load.intervalMs(), source);
        }
    }

    private static void addNhcb(Iterable<SeriesDescription> series, long interval, InMemorySeriesSource source) {
        Map<Labels, TreeSet<Long>> times = new TreeMap<>();
        List<Labels> withBuckets = new ArrayList<>();
        for (SeriesDescription s : series) {
            String name = s.labels().metricName();
            if (name == null) {
                continue;
            }
            String base = null;
            for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
                if (name.endsWith(suffix)) {
                    base = name.substring(0, name.length() - suffix.length());
                    if (suffix.equals("_bucket") && s.labels().get("le") == null) {
                        base = null;
                    }
                    break;
                }
            }
            if (base == null) {
                continue;
            }
            Labels key = s.labels().without("le").toBuilder().set(Labels.METRIC_NAME, base).build();
            TreeSet<Long> ts = times.computeIfAbsent(key, k -> new TreeSet<>());
            for (int slot = 0; slot < s.slots(); slot++) {
                if (s.kinds()[slot] == SeriesDescription.FLOAT) {
                    ts.add(slot * interval);
                }
            }
            if (name.endsWith("_bucket")) {
                withBuckets.add(key);
            }
        }
        for (Map.Entry<Labels, TreeSet<Long>> e : times.entrySet()) {
            if (!withBuckets.contains(e.getKey())) {
                continue;
            }
            for (long t : e.getValue()) {
                source.appendHistogram(e.getKey(), t);
            }
        }
    }
}
