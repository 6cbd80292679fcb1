package io.cairn.promql.engine;

import io.cairn.promql.eval.EvalGrid;
import io.cairn.promql.eval.EvalValue;
import io.cairn.promql.eval.LabelUtil;
import io.cairn.promql.eval.RangeInput;
import io.cairn.promql.eval.RangeSeries;
import io.cairn.promql.eval.ScalarSteps;
import io.cairn.promql.eval.StepSeries;
import io.cairn.promql.eval.StepVector;
import io.cairn.promql.eval.StringValue;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an evaluated grid into the API result: removes metric names marked for delayed
 * removal, rejects duplicate label sets as Prometheus does, and sorts matrices by labels.
 */
final class ResultShaper {
    static final String DUPLICATE = "vector cannot contain metrics with the same labelset";

    private ResultShaper() {}

    static QueryValue instant(EvalValue v, long t) {
        if (v instanceof ScalarSteps s) {
            return new ScalarResult(t, s.values()[0]);
        }
        if (v instanceof StringValue s) {
            return new StringResult(t, s.value());
        }
        if (v instanceof RangeInput r) {
            return matrixOfWindow(r);
        }
        StepVector vec = (StepVector) v;
        List<VectorResult.Sample> out = new ArrayList<>(vec.series().size());
        Set<Labels> seen = new HashSet<>();
        for (StepSeries s : vec.series()) {
            if (!s.present[0]) {
                continue;
            }
            Labels l = s.visibleLabels();
            if (!seen.add(l)) {
                throw new QueryExecutionException(DUPLICATE);
            }
            out.add(new VectorResult.Sample(l, t, s.values[0]));
        }
        return new VectorResult(out);
    }

    private static MatrixResult matrixOfWindow(RangeInput r) {
        long end = r.windowEnd()[0];
        long start = end - r.rangeMs();
        List<MatrixResult.Series> out = new ArrayList<>();
        Set<Labels> seen = new HashSet<>();
        for (RangeSeries s : r.series()) {
            long[] ts = s.timestamps();
            int from = 0;
            while (from < s.count() && ts[from] <= start) {
                from++;
            }
            int to = from;
            while (to < s.count() && ts[to] <= end) {
                to++;
            }
            if (to == from) {
                continue;
            }
            Labels l = s.dropName() ? LabelUtil.dropMetricName(s.labels()) : s.labels();
            if (!seen.add(l)) {
                throw new QueryExecutionException(DUPLICATE);
            }
            out.add(new MatrixResult.Series(l, java.util.Arrays.copyOfRange(ts, from, to),
                    java.util.Arrays.copyOfRange(s.values(), from, to), to - from));
        }
        out.sort(Comparator.comparing(MatrixResult.Series::labels));
        return new MatrixResult(out);
    }

    static MatrixResult range(EvalValue v, EvalGrid grid) {
        int n = grid.count();
        if (v instanceof ScalarSteps s) {
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                ts[i] = grid.time(i);
            }
            return new MatrixResult(List.of(new MatrixResult.Series(Labels.EMPTY, ts, s.values().clone(), n)));
        }
        StepVector vec = (StepVector) v;
        // Series whose labels coincide once names are removed are merged when they never
        // have a point at the same step; otherwise the result is ambiguous.
        Map<Labels, boolean[]> presence = new LinkedHashMap<>();
        Map<Labels, double[]> values = new LinkedHashMap<>();
        for (StepSeries s : vec.series()) {
            Labels l = s.visibleLabels();
            boolean[] p = presence.get(l);
            if (p == null) {
                presence.put(l, s.present.clone());
                values.put(l, s.values.clone());
                continue;
            }
            double[] vals = values.get(l);
            for (int i = 0; i < n; i++) {
                if (s.present[i]) {
                    if (p[i]) {
                        throw new QueryExecutionException(DUPLICATE);
                    }
                    p[i] = true;
                    vals[i] = s.values[i];
                }
            }
        }
        List<MatrixResult.Series> out = new ArrayList<>(presence.size());
        for (Map.Entry<Labels, boolean[]> e : presence.entrySet()) {
            boolean[] p = e.getValue();
            double[] vals = values.get(e.getKey());
            int c = 0;
            for (boolean b : p) {
                if (b) {
                    c++;
                }
            }
            if (c == 0) {
                continue;
            }
            long[] ts = new long[c];
            double[] vs = new double[c];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (p[i]) {
                    ts[k] = grid.time(i);
                    vs[k++] = vals[i];
                }
            }
            out.add(new MatrixResult.Series(e.getKey(), ts, vs, c));
        }
        out.sort(Comparator.comparing(MatrixResult.Series::labels));
        return new MatrixResult(out);
    }
}
