package io.cairn.promql.eval;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.cairn.storage.model.Labels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** topk/bottomk's partial selection keeps exactly the prefix of a stable sort, ties and NaN included. */
class SelectBestTest {
    @Test
    void keepsTheStableSortPrefix() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int round = 0; round < 3_000; round++) {
            int present = rnd.nextInt(2, 60);
            StepSeries[] input = new StepSeries[present];
            for (int j = 0; j < present; j++) {
                input[j] = StepSeries.empty(Labels.of("i", Integer.toString(j)), 1);
                int kind = rnd.nextInt(10);
                // Few distinct values make ties common.
                input[j].values[0] = kind == 0 ? Double.NaN : kind == 1 ? Double.NEGATIVE_INFINITY
                        : rnd.nextInt(round % 2 == 0 ? 4 : 1_000);
            }
            int take = rnd.nextInt(1, present);
            boolean top = rnd.nextBoolean();
            StepSeries[] sorted = input.clone();
            Arrays.sort(sorted, (x, y) -> KAggregations.compare(x.values[0], y.values[0], top));
            StepSeries[] selected = input.clone();
            KAggregations.selectBest(selected, present, take, 0, top);
            for (int j = 0; j < take; j++) {
                assertSame(sorted[j], selected[j], "round " + round + " position " + j);
            }
        }
    }
}
