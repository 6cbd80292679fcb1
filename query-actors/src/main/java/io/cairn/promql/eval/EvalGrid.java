package io.cairn.promql.eval;

/**
 * The evaluation timestamps of one node: {@code start, start + step, ...}, {@code count} of
 * them (epoch ms). A whole range query is one grid; a subquery evaluates its inner expression
 * on its own, step-aligned grid. Instant queries are a grid of one point. Immutable.
 */
public record EvalGrid(long start, long step, int count) {
    public EvalGrid {
        if (count < 0 || (count > 1 && step <= 0)) {
            throw new IllegalStateException("BUG: bad grid start=" + start + " step=" + step + " count=" + count);
        }
    }

    public static EvalGrid single(long t) {
        return new EvalGrid(t, 1, 1);
    }

    public long time(int i) {
        return start + i * step;
    }

    public long end() {
        return count == 0 ? start : time(count - 1);
    }
}
