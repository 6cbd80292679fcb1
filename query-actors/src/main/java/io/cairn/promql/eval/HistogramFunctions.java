package io.cairn.promql.eval;

import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.PosRange;
import io.cairn.promql.functions.BucketKernels;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * histogram_quantile, histogram_quantiles and histogram_fraction over classic histograms
 * (series with an {@code le} label). Bucket series are grouped once by their labels without
 * {@code le}; each step gathers the present buckets of a group and runs the bucket kernel.
 * Native histograms are not stored by Cairn, so they never reach these functions.
 */
final class HistogramFunctions {
    private HistogramFunctions() {}

    /** A classic histogram: its bucket series and their parsed upper bounds. */
    private record Group(Labels labels, List<StepSeries> buckets, double[] bounds) {}

    static StepVector quantile(Call c, double[] q, StepVector in, int n, EvalContext ctx) {
        warnBadQuantiles(q, c.args().get(0).pos(), ctx);
        List<Group> groups = groups(in, c.args().get(1).pos(), ctx);
        BucketKernels k = new BucketKernels();
        List<StepSeries> out = new ArrayList<>(groups.size());
        boolean forced = false;
        String forcedName = null;
        for (Group g : groups) {
            StepSeries o = output(g, g.labels, n);
            double[] bounds = new double[g.buckets.size()];
            double[] counts = new double[g.buckets.size()];
            for (int i = 0; i < n; i++) {
                int m = gather(g, i, bounds, counts);
                if (m == 0) {
                    continue;
                }
                o.values[i] = k.quantile(q[i], bounds, counts, m);
                o.present[i] = true;
                if (k.forcedMonotonic && !forced) {
                    forced = true;
                    forcedName = g.labels.metricName();
                }
            }
            if (o.anyPresent()) {
                out.add(o);
            }
        }
        if (forced) {
            infoForcedMonotonic(forcedName, c.args().get(1).pos(), ctx);
        }
        return new StepVector(out);
    }

    static StepVector quantiles(Call c, StepVector in, String label, List<double[]> qs, int n, EvalContext ctx) {
        for (double[] q : qs) {
            warnBadQuantiles(q, c.args().get(2).pos(), ctx);
        }
        List<Group> groups = groups(in, c.args().get(0).pos(), ctx);
        BucketKernels k = new BucketKernels();
        SeriesCollector out = new SeriesCollector(n);
        String forcedName = null;
        for (Group g : groups) {
            double[] bounds = new double[g.buckets.size()];
            double[] counts = new double[g.buckets.size()];
            for (double[] q : qs) {
                Labels labels = g.labels.toBuilder().set(label, quantileLabel(q[0])).build();
                StepSeries o = null;
                for (int i = 0; i < n; i++) {
                    int m = gather(g, i, bounds, counts);
                    if (m == 0) {
                        continue;
                    }
                    if (o == null || n == 1) {
                        o = out.series(labels, true);
                    }
                    SeriesCollector.set(o, n == 1 ? 0 : i, k.quantile(q[i], bounds, counts, m));
                    if (k.forcedMonotonic && forcedName == null) {
                        forcedName = g.labels.metricName() == null ? "" : g.labels.metricName();
                    }
                }
            }
        }
        if (forcedName != null) {
            infoForcedMonotonic(forcedName, c.args().get(0).pos(), ctx);
        }
        return out.result();
    }

    static StepVector fraction(Call c, double[] lower, double[] upper, StepVector in, int n, EvalContext ctx) {
        List<Group> groups = groups(in, c.args().get(2).pos(), ctx);
        BucketKernels k = new BucketKernels();
        List<StepSeries> out = new ArrayList<>(groups.size());
        for (Group g : groups) {
            StepSeries o = output(g, g.labels, n);
            double[] bounds = new double[g.buckets.size()];
            double[] counts = new double[g.buckets.size()];
            for (int i = 0; i < n; i++) {
                int m = gather(g, i, bounds, counts);
                if (m == 0) {
                    continue;
                }
                o.values[i] = k.fraction(lower[i], upper[i], bounds, counts, m);
                o.present[i] = true;
            }
            if (o.anyPresent()) {
                out.add(o);
            }
        }
        return new StepVector(out);
    }

    private static void infoForcedMonotonic(String metric, PosRange pos, EvalContext ctx) {
        ctx.annotations.info("input to histogram_quantile needed to be fixed for monotonicity (see "
                + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) "
                + "for metric name " + GoFormat.quote(metric == null ? "" : metric), pos);
    }

    /** Label value of a quantile in histogram_quantiles output: always with a fraction part. */
    static String quantileLabel(double q) {
        String s = GoFormat.formatFloat(q);
        if (s.indexOf('.') < 0 && !s.contains("Inf") && !s.contains("NaN")) {
            s = s + ".0";
        }
        return s;
    }

    private static void warnBadQuantiles(double[] q, PosRange pos, EvalContext ctx) {
        for (double v : q) {
            if (Double.isNaN(v) || v < 0 || v > 1) {
                ctx.annotations.warn("quantile value should be between 0 and 1, got " + GoFormat.formatG(v), pos);
                return;
            }
        }
    }

    private static StepSeries output(Group g, Labels labels, int n) {
        StepSeries o = StepSeries.empty(labels, n);
        o.dropName = true;
        return o;
    }

    private static int gather(Group g, int i, double[] bounds, double[] counts) {
        int m = 0;
        for (int b = 0; b < g.buckets.size(); b++) {
            StepSeries s = g.buckets.get(b);
            if (s.present[i]) {
                bounds[m] = g.bounds[b];
                counts[m++] = s.values[i];
            }
        }
        return m;
    }

    private static List<Group> groups(StepVector in, PosRange pos, EvalContext ctx) {
        Map<Labels, Integer> ids = new HashMap<>();
        List<Labels> keys = new ArrayList<>();
        List<List<StepSeries>> members = new ArrayList<>();
        List<List<Double>> bounds = new ArrayList<>();
        for (StepSeries s : in.series()) {
            String le = s.labels.get("le");
            Double bound = le == null ? null : GoFormat.parseFloat(le);
            if (bound == null) {
                ctx.annotations.warn("bucket label \"le\" is missing or has a malformed value of "
                        + GoFormat.quote(le == null ? "" : le) + " for metric name "
                        + GoFormat.quote(nameOf(s.labels)), pos);
                continue;
            }
            Labels key = s.labels.without("le");
            Integer id = ids.get(key);
            if (id == null) {
                id = keys.size();
                ids.put(key, id);
                keys.add(key);
                members.add(new ArrayList<>());
                bounds.add(new ArrayList<>());
            }
            members.get(id).add(s);
            bounds.get(id).add(bound);
        }
        List<Group> out = new ArrayList<>(keys.size());
        for (int g = 0; g < keys.size(); g++) {
            List<Double> b = bounds.get(g);
            double[] arr = new double[b.size()];
            for (int k = 0; k < arr.length; k++) {
                arr[k] = b.get(k);
            }
            out.add(new Group(keys.get(g), members.get(g), arr));
        }
        return out;
    }

    private static String nameOf(Labels l) {
        String n = l.metricName();
        return n == null ? "" : n;
    }
}
