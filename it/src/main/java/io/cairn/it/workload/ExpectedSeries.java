package io.cairn.it.workload;

import io.cairn.it.harness.jsonl.ExportedSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The data a workload run sent for some hosts, regenerated as series in export form, to compare
 * with what a server returns from /api/v1/export.
 */
public final class ExpectedSeries {
    private ExpectedSeries() {}

    /** Every series of {@code host} with its samples of rounds [0, rounds). */
    public static List<ExportedSeries> forHost(NodeExporterWorkload workload, int host, int rounds) {
        int perHost = workload.seriesPerHost();
        long[][] ts = new long[perHost][rounds];
        double[][] values = new double[perHost][rounds];
        NodeExporterWorkload.Scraper scraper = workload.scraper(host, 1);
        for (int round = 0; round < rounds; round++) {
            int r = round;
            scraper.scrape(round, (seriesIndex, timestampMs, value) -> {
                int s = seriesIndex - host * perHost;
                ts[s][r] = timestampMs;
                values[s][r] = value;
            });
        }
        List<ExportedSeries> out = new ArrayList<>(perHost);
        for (int s = 0; s < perHost; s++) {
            String[] labels = workload.labels(host * perHost + s);
            TreeMap<String, String> map = new TreeMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                map.put(labels[i], labels[i + 1]);
            }
            out.add(new ExportedSeries(map, ts[s], values[s]));
        }
        return out;
    }

    /** The export selector that matches exactly the series of {@code host}. */
    public static String selector(int host) {
        return "{job=\"node\",instance=\"" + NodeExporterWorkload.instance(host) + "\"}";
    }
}
