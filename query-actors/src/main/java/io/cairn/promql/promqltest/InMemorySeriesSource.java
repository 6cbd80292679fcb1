package io.cairn.promql.promqltest;

import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link SeriesSource} over series held in memory, for promqltest scripts and unit tests.
 * Tenants are ignored: the whole store is one tenant's data.
 *
 * <p>Cairn stores floats only. Native-histogram samples of a script are kept as bare timestamps
 * so that the runner can tell exactly which queries read native-histogram data (and report
 * those cases as skipped); likewise series loaded with {@code @st} start timestamps are flagged.
 * {@link #select} never returns histogram samples.
 *
 * <p>Thread-safe: all methods are synchronized.
 */
public final class InMemorySeriesSource implements SeriesSource {

    private final Map<Labels, StoredSeries> series = new TreeMap<>();
    private final List<String> histogramReads = new ArrayList<>();
    private final List<String> startTimestampReads = new ArrayList<>();
    private long droppedSamples;

    /**
     * Appends one float sample (staleness markers included). Samples older than the newest one
     * of the series, or at its timestamp, are dropped as a TSDB without out-of-order window
     * would reject them.
     */
    public synchronized void appendFloat(Labels labels, long t, double v) {
        StoredSeries s = series.computeIfAbsent(labels, StoredSeries::new);
        if (t <= s.lastT) {
            droppedSamples++;
            return;
        }
        s.addFloat(t, v);
    }

    /** Records a native-histogram sample (its value is not kept). */
    public synchronized void appendHistogram(Labels labels, long t) {
        StoredSeries s = series.computeIfAbsent(labels, StoredSeries::new);
        if (t <= s.lastT) {
            droppedSamples++;
            return;
        }
        s.addHistogram(t);
    }

    /** Flags a series as carrying start timestamps (an {@code @st} line). */
    public synchronized void markStartTimestamps(Labels labels) {
        series.computeIfAbsent(labels, StoredSeries::new).startTimestamps = true;
    }

    /** Samples rejected because they were out of order. */
    public synchronized long droppedSamples() {
        return droppedSamples;
    }

    /** Histogram-bearing series read since the last {@link #resetReadTracking()}. */
    public synchronized List<String> histogramReads() {
        return List.copyOf(histogramReads);
    }

    /** Start-timestamp series read since the last {@link #resetReadTracking()}. */
    public synchronized List<String> startTimestampReads() {
        return List.copyOf(startTimestampReads);
    }

    public synchronized void resetReadTracking() {
        histogramReads.clear();
        startTimestampReads.clear();
    }

    @Override
    public synchronized List<SeriesData> select(Tenant tenant, List<LabelMatcher> matchers,
            long minTimeMs, long maxTimeMs, int maxSeries) {
        List<SeriesData> out = new ArrayList<>();
        for (StoredSeries s : series.values()) {
            if (!matchesAll(s.labels, matchers)) {
                continue;
            }
            if (s.hasHistogramIn(minTimeMs, maxTimeMs)) {
                histogramReads.add(s.labels.toString());
            }
            int from = lowerBound(s.ts, s.count, minTimeMs);
            int to = lowerBound(s.ts, s.count, maxTimeMs + (maxTimeMs == Long.MAX_VALUE ? 0 : 1));
            if (maxTimeMs == Long.MAX_VALUE) {
                to = s.count;
            }
            if (to <= from) {
                continue;
            }
            if (s.startTimestamps) {
                startTimestampReads.add(s.labels.toString());
            }
            if (out.size() >= maxSeries) {
                throw new SeriesLimitExceededException(maxSeries);
            }
            int n = to - from;
            out.add(new SeriesData(s.labels, Arrays.copyOfRange(s.ts, from, to),
                    Arrays.copyOfRange(s.vals, from, to), n));
        }
        return out;
    }

    private static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    private static int lowerBound(long[] a, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One series' samples; floats and histogram timestamps kept apart. */
    private static final class StoredSeries {
        final Labels labels;
        long[] ts = new long[8];
        double[] vals = new double[8];
        int count;
        long[] histTs = new long[0];
        int histCount;
        long lastT = Long.MIN_VALUE;
        boolean startTimestamps;

        StoredSeries(Labels labels) {
            this.labels = labels;
        }

        void addFloat(long t, double v) {
            if (count == ts.length) {
                ts = Arrays.copyOf(ts, count * 2);
                vals = Arrays.copyOf(vals, count * 2);
            }
            ts[count] = t;
            vals[count++] = v;
            lastT = t;
        }

        void addHistogram(long t) {
            if (histCount == histTs.length) {
                histTs = Arrays.copyOf(histTs, Math.max(8, histCount * 2));
            }
            histTs[histCount++] = t;
            lastT = t;
        }

        boolean hasHistogramIn(long min, long max) {
            int i = lowerBound(histTs, histCount, min);
            return i < histCount && histTs[i] <= max;
        }
    }
}
