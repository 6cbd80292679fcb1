package io.cairn.promql.eval;

import io.cairn.storage.api.RollupSpec;
import java.util.Arrays;

/**
 * The per-step inputs of a rollup spec as columns: window ends, evaluation times and the
 * constant scalar arguments (null when the function has none). Read-only once built, so the
 * ~32 shard rollups of one query on a node can share one instance.
 */
record StepColumns(long[] ends, long[] evalTimes, double[] arg1, double[] arg2) {
    static StepColumns of(RollupSpec spec) {
        int steps = spec.steps();
        long[] ends = new long[steps];
        long[] evalTimes = new long[steps];
        for (int i = 0; i < steps; i++) {
            ends[i] = spec.windowEnd(i);
            evalTimes[i] = spec.evalTime(i);
        }
        return new StepColumns(ends, evalTimes, argColumn(spec, 0), argColumn(spec, 1));
    }

    private static double[] argColumn(RollupSpec spec, int arg) {
        if (spec.args().length <= arg) {
            return null;
        }
        double[] column = new double[spec.steps()];
        Arrays.fill(column, spec.args()[arg]);
        return column;
    }
}
