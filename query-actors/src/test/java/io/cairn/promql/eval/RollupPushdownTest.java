package io.cairn.promql.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.engine.Deadline;
import io.cairn.promql.engine.EngineOptions;
import io.cairn.promql.parser.PromQLParser;
import io.cairn.promql.promqltest.InMemorySeriesSource;
import io.cairn.promql.promqltest.PartitionedRollupSource;
import io.cairn.storage.api.RollupSource;
import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rollups pushed down to (stand-in) shards give the answers of the evaluator over raw samples,
 * and the qualifying expressions really are pushed down (no raw samples read).
 */
class RollupPushdownTest {
    private static final EvalGrid RANGE = new EvalGrid(3_600_000, 60_000, 61);
    private static final EvalGrid INSTANT = EvalGrid.single(5_400_000);

    /** Random counters and gauges with jittered scrapes, gaps, resets and staleness markers. */
    private static InMemorySeriesSource data() {
        InMemorySeriesSource s = new InMemorySeriesSource();
        Random rnd = new Random(7);
        for (int host = 0; host < 6; host++) {
            for (String mode : new String[] {"idle", "user", "system"}) {
                Labels counter = Labels.of("__name__", "cpu_total", "host", "h" + host, "mode", mode);
                Labels gauge = Labels.of("__name__", "load", "host", "h" + host, "mode", mode);
                double c = 0;
                for (long t = 0; t < 7_200_000; t += 15_000) {
                    long ts = t + rnd.nextInt(20);
                    if (rnd.nextInt(50) == 0) {
                        continue; // a missed scrape
                    }
                    c = rnd.nextInt(300) == 0 ? 0 : c + rnd.nextInt(1000) / 100.0;
                    s.appendFloat(counter, ts, c);
                    s.appendFloat(gauge, ts, rnd.nextInt(400) == 0 ? StaleMarker.VALUE
                            : rnd.nextGaussian() * 3);
                }
            }
        }
        return s;
    }

    /** Records whether the engine asked for raw samples or rollups. */
    private static class Recording implements RollupSource {
        final PartitionedRollupSource delegate;
        int selects;
        int rollups;

        Recording(InMemorySeriesSource src) {
            this.delegate = new PartitionedRollupSource(src, 4);
        }

        @Override
        public List<SeriesData> select(Tenant tenant, List<LabelMatcher> matchers, long minT,
                long maxT, int maxSeries) {
            selects++;
            return delegate.select(tenant, matchers, minT, maxT, maxSeries);
        }

        @Override
        public List<StepRows> rollup(Tenant tenant, List<LabelMatcher> matchers, long minT,
                long maxT, int maxSeries, RollupSpec spec) {
            rollups++;
            return delegate.rollup(tenant, matchers, minT, maxT, maxSeries, spec);
        }
    }

    private static StepVector eval(io.cairn.storage.api.SeriesSource src, String q, EvalGrid g) {
        EvalContext ctx = new EvalContext(src, Tenant.DEFAULT, EngineOptions.DEFAULTS,
                Deadline.none(), g.start(), g.end(), g.count() > 1 ? g.step() : 0, q);
        return (StepVector) new Evaluator(ctx).eval(PromQLParser.parse(q), g);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "load",
        "load offset 7m",
        "load @ 3000",
        "rate(cpu_total[5m])",
        "increase(cpu_total[3m] offset 1m)",
        "avg_over_time(load[5m])",
        "quantile_over_time(0.3, load[10m])",
        "predict_linear(load[10m], 600)",
        "last_over_time(load[2m])",
        "sum by (mode) (rate(cpu_total[5m]))",
        "sum without (host) (rate(cpu_total[5m]))",
        "sum by (host) (load)",
        "count by (mode) (load)",
        "min by (mode) (deriv(load[5m]))",
        "max(max_over_time(load[5m]))",
        "group by (host) (cpu_total)",
        "sum by (__name__) (last_over_time(load[5m]))",
        "sum(changes(load[10m]))",
    })
    void pushedDownAnswersEqualRawAnswers(String q) {
        for (EvalGrid g : List.of(RANGE, INSTANT)) {
            InMemorySeriesSource src = data();
            Recording rec = new Recording(src);
            StepVector pushed = eval(rec, q, g);
            StepVector raw = eval(src, q, g);
            assertEquals(0, rec.selects, q + ": read raw samples");
            assertTrue(rec.rollups > 0, q + ": no rollup");
            assertSame(q, raw, pushed);
        }
    }

    /**
     * Shards finish in any order, so pushed-down groups are listed by their labels: the same
     * answer whichever part arrives first (here: all of them reversed).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sum by (host) (rate(cpu_total[5m]))", "count by (mode) (load)"})
    void pushedDownGroupsComeOutInLabelOrderWhateverOrderThePartsArriveIn(String q) {
        Recording inOrder = new Recording(data());
        Recording reversed = new Recording(data()) {
            @Override
            public void rollupInto(Tenant tenant, List<LabelMatcher> matchers, long minT,
                    long maxT, int maxSeries, RollupSpec spec,
                    java.util.function.Consumer<StepRows> eachPart) {
                List<StepRows> parts = new ArrayList<>(rollup(tenant, matchers, minT, maxT,
                        maxSeries, spec));
                java.util.Collections.reverse(parts);
                parts.forEach(eachPart);
            }
        };
        for (EvalGrid g : List.of(RANGE, INSTANT)) {
            List<Labels> expected = eval(inOrder, q, g).series().stream()
                    .map(s -> s.labels).toList();
            List<Labels> sorted = new ArrayList<>(expected);
            sorted.sort(Comparator.naturalOrder());
            assertEquals(sorted, expected, q);
            assertEquals(expected, eval(reversed, q, g).series().stream()
                    .map(s -> s.labels).toList(), q);
        }
    }

    /** Aggregations that cannot be split still get their input series rolled up. */
    @ParameterizedTest
    @ValueSource(strings = {
        "stddev by (mode) (load)",
        "quantile(0.5, load)",
        "topk(2, rate(cpu_total[5m]))",
        "rate(cpu_total[5m:1m])",
        "1 - load / on(host, mode) group_left cpu_total",
    })
    void aggregatesOverRolledUpSeriesEqualRawAnswers(String q) {
        InMemorySeriesSource src = data();
        Recording rec = new Recording(src);
        StepVector pushed = eval(rec, q, RANGE);
        assertEquals(0, rec.selects, q + ": read raw samples");
        assertSame(q, eval(src, q, RANGE), pushed);
    }

    /** Selector modes that need samples around the windows, and sample timestamps. */
    @ParameterizedTest
    @ValueSource(strings = {
        "rate(cpu_total[5m] anchored)",
        "increase(cpu_total[5m] smoothed)",
        "timestamp(load)",
    })
    void otherExpressionsReadRawSamples(String q) {
        InMemorySeriesSource src = data();
        Recording rec = new Recording(src);
        StepVector pushed = eval(rec, q, RANGE);
        assertTrue(rec.selects > 0, q + ": no raw read");
        assertSame(q, eval(src, q, RANGE), pushed);
    }

    private static void assertSame(String q, StepVector expected, StepVector actual) {
        List<StepSeries> e = sorted(expected);
        List<StepSeries> a = sorted(actual);
        assertEquals(e.size(), a.size(), q + ": series count");
        assertTrue(!e.isEmpty(), q + ": the data gives no result at all");
        for (int k = 0; k < e.size(); k++) {
            StepSeries x = e.get(k);
            StepSeries y = a.get(k);
            assertEquals(x.visibleLabels(), y.visibleLabels(), q);
            for (int i = 0; i < x.values.length; i++) {
                assertEquals(x.present[i], y.present[i], q + " " + x.labels + " step " + i);
                if (x.present[i]) {
                    double tolerance = Math.abs(x.values[i]) * 1e-12;
                    assertEquals(x.values[i], y.values[i], tolerance,
                            q + " " + x.labels + " step " + i);
                }
            }
        }
    }

    private static List<StepSeries> sorted(StepVector v) {
        List<StepSeries> out = new ArrayList<>(v.series());
        out.sort(Comparator.comparing(StepSeries::visibleLabels));
        return out;
    }
}
