package io.cairn.it.harness;

import java.time.Duration;
import java.util.Optional;

/**
 * Polls a condition until it holds or a deadline passes: the only way tests and the driver wait
 * for another process. Waiting between polls is backoff, never synchronisation: the caller
 * always states what it waits for, and a timeout names it.
 *
 * <p>A probe that throws counts as "not yet" (a server that is still starting refuses
 * connections); the last such failure is attached to the timeout so it explains the wait. A
 * probe that knows the state can never be reached (the server process exited) throws
 * {@link GiveUp}, which ends the wait at once.
 * Thread safety: stateless, callable from any thread.
 */
public final class Poll {
    private static final long FIRST_PAUSE_MS = 20;
    private static final long MAX_PAUSE_MS = 500;

    private Poll() {}

    /** A condition that may fail while the awaited state is not reached yet. */
    @FunctionalInterface
    public interface Probe {
        boolean check() throws Exception;
    }

    /** A probe that yields a value once it is available. */
    @FunctionalInterface
    public interface ValueProbe<T> {
        Optional<T> check() throws Exception;
    }

    /**
     * Returns once {@code probe} returns true.
     *
     * @throws PollTimeoutException naming {@code what} if {@code timeout} passes first
     */
    public static void until(Duration timeout, String what, Probe probe) {
        untilValue(timeout, what, () -> probe.check() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Returns the first value {@code probe} produces.
     *
     * @throws PollTimeoutException naming {@code what} if {@code timeout} passes first
     */
    public static <T> T untilValue(Duration timeout, String what, ValueProbe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMs = FIRST_PAUSE_MS;
        Exception lastFailure = null;
        while (true) {
            try {
                Optional<T> value = probe.check();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (GiveUp e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PollTimeoutException(what, timeout, e);
            } catch (Exception e) {
                lastFailure = e;
            }
            long remainingNs = deadline - System.nanoTime();
            if (remainingNs <= 0) {
                throw new PollTimeoutException(what, timeout, lastFailure);
            }
            pause(Math.min(pauseMs, Math.max(1, remainingNs / 1_000_000)), what, timeout);
            pauseMs = Math.min(MAX_PAUSE_MS, pauseMs * 2);
        }
    }

    /** Thrown by a probe to stop polling at once: waiting longer cannot help. */
    public static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public GiveUp(String message) {
            super(message);
        }
    }

    private static void pause(long ms, String what, Duration timeout) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PollTimeoutException(what, timeout, e);
        }
    }
}
