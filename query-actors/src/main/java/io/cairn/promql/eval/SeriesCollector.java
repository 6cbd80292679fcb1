package io.cairn.promql.eval;

import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers output points of an operator whose output series are identified by label set.
 *
 * <p>Over a multi-step grid, points with the same label set (name included) belong to one
 * series, and two points for the same series at the same step are an error, as in
 * Prometheus's range evaluation. Over a single-step grid Prometheus keeps such duplicates
 * (they may still be aggregated away or fail at the end), so each request gets its own series.
 * Not thread-safe.
 */
final class SeriesCollector {
    static final String DUPLICATE = "vector cannot contain metrics with the same labelset";

    private final int steps;
    private final Map<Labels, StepSeries> byLabels = new HashMap<>();
    private final List<StepSeries> out = new ArrayList<>();

    SeriesCollector(int steps) {
        this.steps = steps;
    }

    /** The series to write a point with these labels into. */
    StepSeries series(Labels labels, boolean dropName) {
        if (steps == 1) {
            StepSeries s = StepSeries.empty(labels, 1);
            s.dropName = dropName;
            out.add(s);
            return s;
        }
        StepSeries s = byLabels.get(labels);
        if (s == null) {
            s = StepSeries.empty(labels, steps);
            s.dropName = dropName;
            byLabels.put(labels, s);
            out.add(s);
        }
        return s;
    }

    /** Sets a point; @throws QueryExecutionException when the series has one at that step */
    static void set(StepSeries s, int step, double v) {
        if (s.present[step]) {
            throw new QueryExecutionException(DUPLICATE);
        }
        s.values[step] = v;
        s.present[step] = true;
    }

    StepVector result() {
        List<StepSeries> res = new ArrayList<>(out.size());
        for (StepSeries s : out) {
            if (s.anyPresent()) {
                res.add(s);
            }
        }
        return new StepVector(res);
    }
}
