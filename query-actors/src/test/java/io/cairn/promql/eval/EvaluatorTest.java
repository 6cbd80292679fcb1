package io.cairn.promql.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.engine.Deadline;
import io.cairn.promql.engine.EngineOptions;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.promql.parser.PromQLParser;
import io.cairn.promql.promqltest.InMemorySeriesSource;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluator behaviour below the engine: grids, presence columns, name removal, matching. */
class EvaluatorTest {

    private static EvalValue eval(InMemorySeriesSource src, String q, EvalGrid grid) {
        EvalContext ctx = new EvalContext(src, Tenant.DEFAULT, EngineOptions.DEFAULTS, Deadline.none(),
                grid.start(), grid.end(), grid.count() > 1 ? grid.step() : 0, q);
        return new Evaluator(ctx).eval(PromQLParser.parse(q), grid);
    }

    private static InMemorySeriesSource source() {
        InMemorySeriesSource s = new InMemorySeriesSource();
        for (int i = 0; i < 10; i++) {
            s.appendFloat(Labels.of("__name__", "a", "x", "1"), i * 60_000L, i);
            s.appendFloat(Labels.of("__name__", "b", "x", "1"), i * 60_000L, 10 * i);
            s.appendFloat(Labels.of("__name__", "b", "x", "2"), i * 60_000L, 100 * i);
        }
        return s;
    }

    @Test
    void lookbackWindowIsLeftOpen() {
        InMemorySeriesSource s = new InMemorySeriesSource();
        s.appendFloat(Labels.of("__name__", "m"), 0, 1);
        StepVector v = (StepVector) eval(s, "m", new EvalGrid(0, 100_000, 4));
        // Present at 0, 100s, 200s; at 300s the sample is exactly 5m old and excluded.
        assertArrayEquals(new boolean[] {true, true, true, false}, v.series().get(0).present);
    }

    @Test
    void subqueryStepsAreAlignedToAbsoluteMultiples() {
        RangeInput r = (RangeInput) eval(source(), "a[5m:2m]", EvalGrid.single(7 * 60_000));
        long[] ts = java.util.Arrays.copyOf(r.series().get(0).timestamps(), r.series().get(0).count());
        // Window (2m, 7m]; steps at multiples of 2m: 4m and 6m.
        assertArrayEquals(new long[] {240_000, 360_000}, ts);
    }

    @Test
    void arithmeticMarksNameForRemovalButComparisonKeepsIt() {
        StepVector sum = (StepVector) eval(source(), "a + on(x) b", EvalGrid.single(60_000));
        assertEquals(1, sum.series().size());
        assertEquals(Labels.of("x", "1"), sum.series().get(0).visibleLabels());
        StepVector cmp = (StepVector) eval(source(), "b > 50", EvalGrid.single(60_000));
        assertEquals(Labels.of("__name__", "b", "x", "2"), cmp.series().get(0).visibleLabels());
        assertEquals(100, cmp.series().get(0).values[0]);
    }

    @Test
    void manyToOneNeedsGroupModifier() {
        QueryExecutionException e = assertThrows(QueryExecutionException.class,
                () -> eval(source(), "b * on() a", EvalGrid.single(60_000)));
        assertTrue(e.getMessage().startsWith("multiple matches for labels"), e.getMessage());
        StepVector v = (StepVector) eval(source(), "b * on() group_left a", new EvalGrid(0, 60_000, 3));
        assertEquals(2, v.series().size());
        assertArrayEquals(new double[] {0, 100, 400}, v.series().get(1).values, 0);
    }

    @Test
    void setOperatorsWorkPerStep() {
        StepVector v = (StepVector) eval(source(), "b > 150 or a", new EvalGrid(0, 60_000, 3));
        // b{x=2} exceeds 150 from 2m on; a{x=1} fills the other match group; a{x=2} does not exist.
        assertEquals(List.of("a", "b"), v.series().stream().map(s -> s.labels.metricName()).toList());
        assertArrayEquals(new boolean[] {false, false, true}, v.series().get(1).present);
    }

    @Test
    void aggregationGroupsOnceAndReducesPerStep() {
        StepVector v = (StepVector) eval(source(), "sum without (x) (b)", new EvalGrid(0, 60_000, 3));
        assertEquals(Labels.EMPTY, v.series().get(0).labels);
        assertArrayEquals(new double[] {0, 110, 220}, v.series().get(0).values, 0);
        StepVector top = (StepVector) eval(source(), "topk(1, b)", EvalGrid.single(60_000));
        assertEquals("2", top.series().get(0).labels.get("x"));
    }
}
