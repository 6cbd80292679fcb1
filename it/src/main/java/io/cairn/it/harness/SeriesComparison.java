package io.cairn.it.harness;

import io.cairn.it.harness.jsonl.ExportedSeries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Compares what a server returned with what was sent, sample for sample: series are matched by
 * their full label set, samples by timestamp, values by their exact bits (a database that stores
 * 12345.67 must return the same double). Tallies accumulate over many {@link #compare} calls.
 *
 * <p>For inexact stores (VictoriaMetrics keeps about 12 significant decimal digits) the largest
 * relative deviation is reported, so a report tells "lossy but close" from "wrong".
 * Not thread safe.
 */
public final class SeriesComparison {
    private static final int MAX_EXAMPLES = 10;

    private long seriesExpected;
    private long seriesMissing;
    private long seriesUnexpected;
    private long samplesExpected;
    private long samplesExact;
    private long samplesMissing;
    private long samplesUnexpected;
    private long valuesDiffering;
    private double maxRelativeDeviation;
    private final List<String> examples = new ArrayList<>();

    /** Compares one set of expected series with the actual series returned for the same selector. */
    public SeriesComparison compare(List<ExportedSeries> expected, List<ExportedSeries> actual) {
        Map<SortedMap<String, String>, ExportedSeries> byLabels = new HashMap<>();
        for (ExportedSeries a : actual) {
            if (byLabels.put(a.labels(), a) != null) {
                example("series returned twice: " + a);
            }
        }
        for (ExportedSeries e : expected) {
            seriesExpected++;
            samplesExpected += e.size();
            ExportedSeries a = byLabels.remove(e.labels());
            if (a == null) {
                seriesMissing++;
                samplesMissing += e.size();
                example("missing series " + e);
                continue;
            }
            compareSamples(e, a);
        }
        for (ExportedSeries extra : byLabels.values()) {
            seriesUnexpected++;
            samplesUnexpected += extra.size();
            example("unexpected series " + extra);
        }
        return this;
    }

    private void compareSamples(ExportedSeries e, ExportedSeries a) {
        Map<Long, Double> actualByTs = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            actualByTs.put(a.timestamps()[i], a.values()[i]);
        }
        for (int i = 0; i < e.size(); i++) {
            long ts = e.timestamps()[i];
            Double got = actualByTs.remove(ts);
            if (got == null) {
                samplesMissing++;
                example("missing sample " + e.labels() + " @" + ts);
                continue;
            }
            double want = e.values()[i];
            if (Double.doubleToRawLongBits(got) == Double.doubleToRawLongBits(want)
                    || (Double.isNaN(got) && Double.isNaN(want))) {
                samplesExact++;
            } else {
                valuesDiffering++;
                double rel = want == 0 ? Math.abs(got) : Math.abs((got - want) / want);
                maxRelativeDeviation = Math.max(maxRelativeDeviation, Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel);
                example(String.format(Locale.ROOT, "value differs %s @%d: sent %s, got %s", e.labels(), ts,
                        Double.toString(want), Double.toString(got)));
            }
        }
        samplesUnexpected += actualByTs.size();
        if (!actualByTs.isEmpty()) {
            example("unexpected samples in " + e.labels() + " at " + actualByTs.keySet());
        }
    }

    private void example(String text) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(text);
        }
    }

    /** True if every expected sample came back exactly and nothing else came back. */
    public boolean isExact() {
        return seriesMissing == 0 && seriesUnexpected == 0 && samplesMissing == 0 && samplesUnexpected == 0
                && valuesDiffering == 0 && samplesExact == samplesExpected;
    }

    /** True if nothing is missing or extra, though values may deviate. */
    public boolean isComplete() {
        return seriesMissing == 0 && seriesUnexpected == 0 && samplesMissing == 0 && samplesUnexpected == 0;
    }

    public long seriesExpected() {
        return seriesExpected;
    }

    public long samplesExpected() {
        return samplesExpected;
    }

    public long samplesExact() {
        return samplesExact;
    }

    public long samplesMissing() {
        return samplesMissing;
    }

    public long valuesDiffering() {
        return valuesDiffering;
    }

    public long seriesMissing() {
        return seriesMissing;
    }

    public long seriesUnexpected() {
        return seriesUnexpected;
    }

    public long samplesUnexpected() {
        return samplesUnexpected;
    }

    public double maxRelativeDeviation() {
        return maxRelativeDeviation;
    }

    public List<String> examples() {
        return List.copyOf(examples);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "series: %d expected, %d missing, %d unexpected; samples: %d expected, %d exact, %d missing, "
                        + "%d unexpected, %d values differ (max relative deviation %.3g)%s",
                seriesExpected, seriesMissing, seriesUnexpected, samplesExpected, samplesExact, samplesMissing,
                samplesUnexpected, valuesDiffering, maxRelativeDeviation,
                examples.isEmpty() ? "" : "; e.g. " + String.join(" | ", examples));
    }
}
