package io.cairn.promql.engine;

import java.time.Duration;

/**
 * A point in time by which a query must finish, on the {@link System#nanoTime()} clock.
 * Immutable; checked by the evaluator between nodes and inside long loops.
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);

    private final long deadlineNanos;
    private final Duration budget;

    private Deadline(long deadlineNanos, Duration budget) {
        this.deadlineNanos = deadlineNanos;
        this.budget = budget;
    }

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        long end = now + nanos;
        if (nanos > 0 && end < now) {
            end = Long.MAX_VALUE;
        }
        return new Deadline(end, timeout);
    }

    /** A deadline that never passes. */
    public static Deadline none() {
        return NONE;
    }

    public boolean expired() {
        return this != NONE && System.nanoTime() - deadlineNanos > 0;
    }

    /** @throws QueryTimeoutException when the deadline has passed */
    public void check() {
        if (expired()) {
            throw new QueryTimeoutException("query timed out in query execution after "
                    + budget + "; raise -search.maxQueryDuration or narrow the query");
        }
    }
}
