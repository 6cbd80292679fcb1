package io.cairn.storage.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference count that runs a release action exactly once when it drops to zero, and refuses
 * to be revived afterwards ({@link #tryRetain} fails), so a reader racing with the owner that
 * retires a resource either gets a live reference or retries with the newer resource.
 *
 * <p>Thread-safe.
 */
final class RefCount {
    private final AtomicInteger count = new AtomicInteger(1);
    private final Runnable onZero;

    /** Starts at one reference, held by the creator. */
    RefCount(Runnable onZero) {
        this.onZero = onZero;
    }

    boolean tryRetain() {
        for (;;) {
            int c = count.get();
            if (c == 0) {
                return false;
            }
            if (count.compareAndSet(c, c + 1)) {
                return true;
            }
        }
    }

    void retain() {
        if (!tryRetain()) {
            throw new IllegalStateException("BUG: retain after the last release");
        }
    }

    void release() {
        int c = count.decrementAndGet();
        if (c == 0) {
            onZero.run();
        } else if (c < 0) {
            throw new IllegalStateException("BUG: released more often than retained");
        }
    }
}
