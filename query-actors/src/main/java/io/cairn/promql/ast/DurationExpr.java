package io.cairn.promql.ast;

import java.util.Objects;

/**
 * A duration as written in a range ({@code [5m]}), a subquery step or an offset. Usually a
 * plain {@link Literal}; Prometheus 3 duration expressions also allow arithmetic
 * ({@code [2m*15]}, {@code offset (1h + 5m)}), {@code step()}, {@code range()},
 * {@code min_of(a, b)} and {@code max_of(a, b)}. Non-constant ones depend on the query's step
 * and range, so the evaluator resolves them once per query with {@link #toMillis(long, long)}.
 *
 * <p>Arithmetic is done in float64 seconds, as in Prometheus; bare numbers are seconds.
 */
public sealed interface DurationExpr
        permits DurationExpr.Literal, DurationExpr.Step, DurationExpr.Range,
                DurationExpr.Unary, DurationExpr.Binary, DurationExpr.MinMax {

    /** The zero duration, used for "no offset". */
    Literal ZERO = new Literal(0);

    /** The value in seconds for a query with the given step and range (end - start). */
    double seconds(long stepMs, long rangeMs);

    /** Whether the value depends on neither step() nor range(). */
    boolean isConstant();

    /**
     * The value in milliseconds: rounded to nanoseconds, then truncated towards zero to
     * milliseconds, as Prometheus converts float seconds to a time.Duration and then to ms.
     */
    default long toMillis(long stepMs, long rangeMs) {
        return secondsToMillis(seconds(stepMs, rangeMs));
    }

    /**
     * The value of a constant duration in milliseconds.
     *
     * @throws IllegalStateException if it uses step() or range(): resolve it first
     */
    default long constantMillis() {
        if (!isConstant()) {
            throw new IllegalStateException("BUG: duration " + this + " depends on the query, resolve it first");
        }
        return toMillis(0, 0);
    }

    static long secondsToMillis(double seconds) {
        return Math.round(seconds * 1e9) / 1_000_000L;
    }

    static Literal ofMillis(long ms) {
        return new Literal(ms / 1000.0);
    }

    /** A number of seconds, written as a number ({@code 90}) or duration ({@code 1m30s}). */
    record Literal(double value) implements DurationExpr {
        @Override
        public double seconds(long stepMs, long rangeMs) {
            return value;
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public String toString() {
            return ExprPrinter.formatDuration(this);
        }
    }

    /** {@code step()}: the query's resolution step (0 for instant queries). */
    record Step() implements DurationExpr {
        @Override
        public double seconds(long stepMs, long rangeMs) {
            return stepMs / 1000.0;
        }

        @Override
        public boolean isConstant() {
            return false;
        }

        @Override
        public String toString() {
            return "step()";
        }
    }

    /** {@code range()}: end minus start of the query (0 for instant queries). */
    record Range() implements DurationExpr {
        @Override
        public double seconds(long stepMs, long rangeMs) {
            return rangeMs / 1000.0;
        }

        @Override
        public boolean isConstant() {
            return false;
        }

        @Override
        public String toString() {
            return "range()";
        }
    }

    /** A sign applied to a duration: {@code -5m}, {@code +step()}. */
    record Unary(boolean negate, DurationExpr operand) implements DurationExpr {
        public Unary {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public double seconds(long stepMs, long rangeMs) {
            double v = operand.seconds(stepMs, rangeMs);
            return negate ? -v : v;
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }

        @Override
        public String toString() {
            return ExprPrinter.formatDuration(this);
        }
    }

    /** Arithmetic: op is one of ADD, SUB, MUL, DIV, MOD, POW. */
    record Binary(BinaryOp op, DurationExpr lhs, DurationExpr rhs) implements DurationExpr {
        public Binary {
            Objects.requireNonNull(lhs, "lhs");
            Objects.requireNonNull(rhs, "rhs");
            switch (op) {
                case ADD, SUB, MUL, DIV, MOD, POW -> { }
                default -> throw new IllegalArgumentException("operator " + op + " not allowed in durations");
            }
        }

        @Override
        public double seconds(long stepMs, long rangeMs) {
            double l = lhs.seconds(stepMs, rangeMs);
            double r = rhs.seconds(stepMs, rangeMs);
            return switch (op) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                case DIV -> l / r;
                case MOD -> l % r;
                case POW -> Math.pow(l, r);
                default -> throw new IllegalStateException("BUG: operator " + op + " in duration");
            };
        }

        @Override
        public boolean isConstant() {
            return lhs.isConstant() && rhs.isConstant();
        }

        @Override
        public String toString() {
            return ExprPrinter.formatDuration(this);
        }
    }

    /** {@code min_of(a, b)} or {@code max_of(a, b)}. */
    record MinMax(boolean max, DurationExpr a, DurationExpr b) implements DurationExpr {
        public MinMax {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }

        @Override
        public double seconds(long stepMs, long rangeMs) {
            double x = a.seconds(stepMs, rangeMs);
            double y = b.seconds(stepMs, rangeMs);
            return max ? Math.max(x, y) : Math.min(x, y);
        }

        @Override
        public boolean isConstant() {
            return a.isConstant() && b.isConstant();
        }

        @Override
        public String toString() {
            return ExprPrinter.formatDuration(this);
        }
    }
}
