package io.cairn.it.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.jsonl.ExportedSeries;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeExporterWorkloadTest {
    private static final long START = 1_700_000_000_000L;
    private static final int ROUNDS = 30;

    @Test
    void sizesFollowTheTemplate() {
        NodeExporterWorkload w = new NodeExporterWorkload(7, 1, START, 15_000);
        assertTrue(w.seriesPerHost() >= 200 && w.seriesPerHost() <= 400, "series per host: " + w.seriesPerHost());
        assertEquals(7 * w.seriesPerHost(), w.seriesCount());
        assertEquals(1, NodeExporterWorkload.hostsFor(1));
        assertEquals(1, NodeExporterWorkload.hostsFor(w.seriesPerHost()));
        assertEquals(2, NodeExporterWorkload.hostsFor(w.seriesPerHost() + 1));
    }

    @Test
    void labelSetsAreUniqueSortedAndCarryHostLabels() {
        NodeExporterWorkload w = new NodeExporterWorkload(3, 1, START, 15_000);
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < w.seriesCount(); i++) {
            String[] labels = w.labels(i);
            assertTrue(seen.add(List.of(labels)), "duplicate series " + List.of(labels));
            assertEquals("__name__", labels[0]);
            for (int l = 2; l < labels.length; l += 2) {
                assertTrue(labels[l - 2].compareTo(labels[l]) < 0, "unsorted " + List.of(labels));
            }
            List<String> list = List.of(labels);
            assertEquals(NodeExporterWorkload.instance(w.hostOf(i)), list.get(list.indexOf("instance") + 1));
            assertEquals("node", list.get(list.indexOf("job") + 1));
        }
    }

    @Test
    void sameParametersGiveSameDataAndTheSeedChangesIt() {
        List<ExportedSeries> a = ExpectedSeries.forHost(new NodeExporterWorkload(4, 1, START, 15_000), 2, ROUNDS);
        List<ExportedSeries> b = ExpectedSeries.forHost(new NodeExporterWorkload(4, 1, START, 15_000), 2, ROUNDS);
        List<ExportedSeries> c = ExpectedSeries.forHost(new NodeExporterWorkload(4, 2, START, 15_000), 2, ROUNDS);
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }

    @Test
    void aSubsetOfHostsReproducesWhatAFullRunSent() {
        NodeExporterWorkload w = new NodeExporterWorkload(5, 9, START, 15_000);
        int perHost = w.seriesPerHost();
        long[][] ts = new long[w.seriesCount()][ROUNDS];
        double[][] values = new double[w.seriesCount()][ROUNDS];
        NodeExporterWorkload.Scraper all = w.scraper();
        for (int r = 0; r < ROUNDS; r++) {
            int round = r;
            all.scrape(r, (s, t, v) -> {
                ts[s][round] = t;
                values[s][round] = v;
            });
        }
        for (int host : new int[] {0, 3, 4}) {
            List<ExportedSeries> expected = ExpectedSeries.forHost(w, host, ROUNDS);
            for (int s = 0; s < perHost; s++) {
                assertArrayEquals(ts[host * perHost + s], expected.get(s).timestamps());
                assertArrayEquals(values[host * perHost + s], expected.get(s).values());
            }
        }
    }

    @Test
    void valuesBehaveLikeTheirKinds() {
        NodeExporterWorkload w = new NodeExporterWorkload(2, 3, START, 15_000);
        List<SeriesTemplate> template = NodeExporterTemplate.create();
        for (int host = 0; host < w.hosts(); host++) {
            List<ExportedSeries> series = ExpectedSeries.forHost(w, host, ROUNDS);
            for (int s = 0; s < series.size(); s++) {
                SeriesTemplate t = template.get(s);
                ExportedSeries e = series.get(s);
                double[] v = e.values();
                for (int r = 1; r < ROUNDS; r++) {
                    long step = e.timestamps()[r] - e.timestamps()[r - 1];
                    assertTrue(step > 15_000 - NodeExporterWorkload.JITTER_MS && step < 15_000 + NodeExporterWorkload.JITTER_MS,
                            "scrape step " + step);
                    switch (t.kind()) {
                        case CONSTANT -> assertEquals(v[0], v[r], e.toString());
                        case COUNTER, HISTOGRAM_BUCKET, HISTOGRAM_COUNT, HISTOGRAM_SUM ->
                                assertTrue(v[r] >= v[r - 1], "counter decreased: " + e);
                        case GAUGE -> assertTrue(v[r] >= t.lo() * (double) t.quantum() / Math.pow(10, t.decimals())
                                && v[r] <= t.hi() * (double) t.quantum() / Math.pow(10, t.decimals()), "gauge out of range: " + e);
                        case TIMESTAMP -> assertEquals(e.timestamps()[r] / 1000.0, v[r]);
                        case RANDOM -> { }
                    }
                }
                for (double value : v) {
                    // Every value is a short decimal: its shortest representation has at most
                    // the template's decimals.
                    assertTrue(new BigDecimal(Double.toString(value)).stripTrailingZeros().scale() <= t.decimals(),
                            t.name() + " value " + value + " has more than " + t.decimals() + " decimals");
                }
            }
        }
    }

    @Test
    void histogramsAreCumulativeAndInfEqualsCount() {
        NodeExporterWorkload w = new NodeExporterWorkload(1, 5, START, 15_000);
        List<ExportedSeries> series = ExpectedSeries.forHost(w, 0, ROUNDS);
        int histograms = 0;
        for (int i = 0; i < series.size(); i++) {
            ExportedSeries s = series.get(i);
            if (!s.metricName().equals("http_request_duration_seconds_bucket") || !s.labels().get("le").equals("0.005")) {
                continue;
            }
            histograms++;
            int buckets = NodeExporterTemplate.BUCKET_LE.length;
            for (int r = 0; r < ROUNDS; r++) {
                for (int b = 1; b < buckets; b++) {
                    assertTrue(series.get(i + b).values()[r] >= series.get(i + b - 1).values()[r], "not cumulative");
                }
                assertEquals("+Inf", series.get(i + buckets - 1).labels().get("le"));
                assertEquals("http_request_duration_seconds_count", series.get(i + buckets + 1).metricName());
                assertEquals(series.get(i + buckets - 1).values()[r], series.get(i + buckets + 1).values()[r]);
            }
            assertTrue(series.get(i + buckets - 1).values()[ROUNDS - 1] > 0, "no observations at all");
        }
        assertEquals(3, histograms);
    }

    @Test
    void roundsMustBeScrapedInOrder() {
        NodeExporterWorkload.Scraper s = new NodeExporterWorkload(1, 1, START, 15_000).scraper();
        assertThrows(IllegalArgumentException.class, () -> s.scrape(1, (i, t, v) -> { }));
        s.scrape(0, (i, t, v) -> { });
        assertEquals(1, s.nextRound());
        assertThrows(IllegalArgumentException.class, () -> new NodeExporterWorkload(0, 1, START, 15_000));
        assertThrows(IllegalArgumentException.class, () -> new NodeExporterWorkload(2, 1, START, 15_000).scraper(1, 2));
    }
}
