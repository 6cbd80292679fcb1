package io.cairn.it.harness;

import java.time.Duration;

/** A {@link Poll} deadline passed before the awaited state was reached. */
public final class PollTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PollTimeoutException(String what, Duration timeout, Throwable lastFailure) {
        super("timed out after " + timeout + " waiting for " + what
                + (lastFailure == null ? "" : " (last failure: " + lastFailure + ")"), lastFailure);
    }
}
