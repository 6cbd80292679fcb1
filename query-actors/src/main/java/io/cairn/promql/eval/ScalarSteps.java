package io.cairn.promql.eval;

/** A scalar per step of the grid; a scalar always has a value (possibly NaN) at every step. */
public record ScalarSteps(double[] values) implements EvalValue {
    public static ScalarSteps constant(double v, int steps) {
        double[] a = new double[steps];
        java.util.Arrays.fill(a, v);
        return new ScalarSteps(a);
    }
}
