package io.cairn.promql.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.model.Labels;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupPartialsTest {
    private static final int STEPS = 7;

    /** The size hint only changes how arrays grow: the same partials for any hint. */
    @ParameterizedTest
    @ValueSource(strings = {"sum", "min", "max", "count", "group"})
    void anyHintGivesTheSamePartialsAndCombinedGroups(String op) {
        var aggregation = new RollupSpec.Aggregation(op, List.of("host"), false);
        StepRows unhinted = fill(new GroupPartials(aggregation, STEPS));
        for (int hint : new int[] {1, 3, 5, 40}) {
            StepRows hinted = fill(new GroupPartials(aggregation, STEPS, hint));
            assertEquals(unhinted.labels(), hinted.labels(), "hint " + hint);
            assertArrayEquals(unhinted.values(), hinted.values(), "hint " + hint);
            assertArrayEquals(unhinted.compensation(), hinted.compensation(), "hint " + hint);
            assertArrayEquals(unhinted.present(), hinted.present(), "hint " + hint);

            GroupPartials combined = new GroupPartials(aggregation, STEPS, hint);
            combined.combine(hinted);
            combined.combine(unhinted);
            GroupPartials reference = new GroupPartials(aggregation, STEPS);
            reference.combine(unhinted);
            reference.combine(unhinted);
            List<StepSeries> got = combined.result(true);
            List<StepSeries> want = reference.result(true);
            assertEquals(want.size(), got.size());
            for (int g = 0; g < want.size(); g++) {
                assertEquals(want.get(g).labels, got.get(g).labels);
                assertArrayEquals(want.get(g).values, got.get(g).values);
                assertArrayEquals(want.get(g).present, got.get(g).present);
            }
        }
    }

    /** 5 hosts, 3 series each, values with gaps, in a fixed random order. */
    private static StepRows fill(GroupPartials groups) {
        SplittableRandom random = new SplittableRandom(3);
        for (int s = 0; s < 15; s++) {
            double[] v = new double[STEPS];
            boolean[] present = new boolean[STEPS];
            for (int i = 0; i < STEPS; i++) {
                v[i] = random.nextInt(4) == 0 ? Double.NaN : random.nextDouble(-1e3, 1e3);
                present[i] = random.nextInt(5) != 0;
            }
            groups.add(Labels.of("__name__", "m", "host", "h" + (s * 7 % 5), "cpu", "" + s), v,
                    present);
        }
        assertEquals(5, groups.size());
        return groups.partial(15, 15 * STEPS, List.of("m"));
    }
}
