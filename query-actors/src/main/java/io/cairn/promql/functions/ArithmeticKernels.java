package io.cairn.promql.functions;

import io.cairn.promql.ast.BinaryOp;

/**
 * Element-wise float semantics of PromQL binary operators, matching Go's float64 behaviour
 * (notably {@code math.Pow} and {@code math.Mod} special cases, which differ from Java's).
 */
public final class ArithmeticKernels {
    private ArithmeticKernels() {}

    /** The value of an arithmetic operator. */
    public static double arithmetic(BinaryOp op, double l, double r) {
        switch (op) {
            case ADD:
                return l + r;
            case SUB:
                return l - r;
            case MUL:
                return l * r;
            case DIV:
                return l / r;
            case MOD:
                return goMod(l, r);
            case POW:
                return goPow(l, r);
            case ATAN2:
                return Math.atan2(l, r);
            default:
                throw new IllegalStateException("BUG: not an arithmetic operator: " + op);
        }
    }

    /** Whether a comparison operator holds (NaN compares false except for !=). */
    public static boolean compare(BinaryOp op, double l, double r) {
        switch (op) {
            case EQL:
                return l == r;
            case NEQ:
                return l != r;
            case GTR:
                return l > r;
            case LSS:
                return l < r;
            case GTE:
                return l >= r;
            case LTE:
                return l <= r;
            default:
                throw new IllegalStateException("BUG: not a comparison operator: " + op);
        }
    }

    /** Go's math.Mod: result has the sign of x; Mod(±Inf, y), Mod(x, 0), NaN args give NaN. */
    public static double goMod(double x, double y) {
        if (y == 0 || Double.isInfinite(x) || Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        return x % y;
    }

    /**
     * Go's math.Pow. Differs from Java's Math.pow for Pow(1, y) = 1 for any y (NaN included)
     * and Pow(-1, ±Inf) = 1.
     */
    public static double goPow(double x, double y) {
        if (x == 1 || y == 0) {
            return 1;
        }
        if (x == -1 && Double.isInfinite(y)) {
            return 1;
        }
        return Math.pow(x, y);
    }
}
