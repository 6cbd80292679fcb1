package io.cairn.it.querybench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Compares a server's query answer with a reference answer and lists every difference in words
 * precise enough to debug from: which series is missing or extra, at which timestamp a value
 * differs and by how much.
 *
 * <p>Series are matched by label set; their order is not compared (the API does not define it
 * except for {@code sort()}, which is not compared here). Within a series, timestamps must be
 * identical and values equal under a {@link Tolerance}. Two errors count as equal whatever their
 * messages say: servers word errors differently, and a query that must fail failed on both.
 * Stateless and thread safe.
 */
public final class ResultDiff {
    /** At most this many differences are spelled out; the rest are counted. */
    static final int MAX_LISTED = 12;

    private ResultDiff() {}

    /**
     * The differences of {@code actual} against {@code expected}; empty when they agree.
     *
     * @param expectedName name of the reference server in messages, e.g. "prometheus"
     * @param actualName   name of the server under test, e.g. "cairn"
     */
    public static List<String> compare(PromResponse expected, PromResponse actual, Tolerance tolerance,
                                       String expectedName, String actualName) {
        Collector out = new Collector();
        if (!expected.success() || !actual.success()) {
            if (expected.success() != actual.success()) {
                out.add(expectedName + " answered " + expected.summary() + " but " + actualName
                        + " answered " + actual.summary());
            }
            return out.finish();
        }
        PromResult e = expected.result();
        PromResult a = actual.result();
        if (e.type() != a.type()) {
            out.add("result type: " + expectedName + " " + e.type().apiName() + ", " + actualName + " "
                    + a.type().apiName());
            return out.finish();
        }
        if (e.type() == PromResult.ResultType.STRING && !e.text().equals(a.text())) {
            out.add("string result: " + expectedName + " \"" + e.text() + "\", " + actualName + " \""
                    + a.text() + "\"");
        }
        Map<SortedMap<String, String>, PromResult.Series> eByLabels = index(e, expectedName, out);
        Map<SortedMap<String, String>, PromResult.Series> aByLabels = index(a, actualName, out);
        for (var entry : eByLabels.entrySet()) {
            PromResult.Series as = aByLabels.get(entry.getKey());
            if (as == null) {
                out.add("series missing in " + actualName + ": " + describe(entry.getValue()));
            } else {
                comparePoints(entry.getValue(), as, tolerance, expectedName, actualName, out);
            }
        }
        for (var entry : aByLabels.entrySet()) {
            if (!eByLabels.containsKey(entry.getKey())) {
                out.add("extra series in " + actualName + ": " + describe(entry.getValue()));
            }
        }
        return out.finish();
    }

    private static Map<SortedMap<String, String>, PromResult.Series> index(PromResult r, String name, Collector out) {
        Map<SortedMap<String, String>, PromResult.Series> byLabels = new LinkedHashMap<>();
        for (PromResult.Series s : r.series()) {
            if (byLabels.put(s.labels(), s) != null) {
                out.add(name + " returned the label set " + s.labelText() + " more than once");
            }
        }
        return byLabels;
    }

    private static void comparePoints(PromResult.Series e, PromResult.Series a, Tolerance tolerance,
                                      String expectedName, String actualName, Collector out) {
        int i = 0;
        int j = 0;
        while (i < e.size() || j < a.size()) {
            long et = i < e.size() ? e.timestampsMs()[i] : Long.MAX_VALUE;
            long at = j < a.size() ? a.timestampsMs()[j] : Long.MAX_VALUE;
            if (et < at) {
                out.add(e.labelText() + " @" + et + ": " + expectedName + " has " + format(e.values()[i])
                        + ", " + actualName + " has no point");
                i++;
            } else if (at < et) {
                out.add(e.labelText() + " @" + at + ": " + actualName + " has " + format(a.values()[j])
                        + ", " + expectedName + " has no point");
                j++;
            } else {
                double ev = e.values()[i];
                double av = a.values()[j];
                if (!tolerance.equal(ev, av)) {
                    out.add(String.format(Locale.ROOT, "%s @%d: %s %s, %s %s (relative difference %.3g)",
                            e.labelText(), et, expectedName, format(ev), actualName, format(av),
                            Tolerance.relativeDifference(ev, av)));
                }
                i++;
                j++;
            }
        }
    }

    private static String describe(PromResult.Series s) {
        if (s.size() == 0) {
            return s.labelText() + " (no points)";
        }
        return s.labelText() + " (" + s.size() + " points, first @" + s.timestampsMs()[0] + " = "
                + format(s.values()[0]) + ")";
    }

    /** A value as the API would write it, with enough digits to see small differences. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    /**
     * The largest {@link Tolerance#relativeDifference} over points present in both answers at the
     * same timestamp in series with the same labels; 0 if there are none. For reports that show
     * how close two servers are without judging (VictoriaMetrics rounds and extrapolates
     * differently).
     */
    public static double maxRelativeDifference(PromResult expected, PromResult actual) {
        Map<SortedMap<String, String>, PromResult.Series> a = new LinkedHashMap<>();
        for (PromResult.Series s : actual.series()) {
            a.put(s.labels(), s);
        }
        double max = 0;
        for (PromResult.Series es : expected.series()) {
            PromResult.Series as = a.get(es.labels());
            if (as == null) {
                continue;
            }
            int j = 0;
            for (int i = 0; i < es.size(); i++) {
                long t = es.timestampsMs()[i];
                while (j < as.size() && as.timestampsMs()[j] < t) {
                    j++;
                }
                if (j < as.size() && as.timestampsMs()[j] == t) {
                    max = Math.max(max, Tolerance.relativeDifference(es.values()[i], as.values()[j]));
                }
            }
        }
        return max;
    }

    /** Keeps the first {@link #MAX_LISTED} differences and counts the rest. */
    private static final class Collector {
        private final List<String> lines = new ArrayList<>();
        private int total;

        void add(String line) {
            if (total++ < MAX_LISTED) {
                lines.add(line);
            }
        }

        List<String> finish() {
            if (total > MAX_LISTED) {
                lines.add("... and " + (total - MAX_LISTED) + " more differences");
            }
            return List.copyOf(lines);
        }
    }
}
