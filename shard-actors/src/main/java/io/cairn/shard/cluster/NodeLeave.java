package io.cairn.shard.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Graceful decommission of this node, as the HTTP edge, the shutdown hook and the
 * {@link NodeReporter} share it: once {@link #request requested}, the node tells the placement
 * coordinator in every report that it is leaving; the coordinator moves every replica off it
 * (new generations elsewhere, bootstrapped from the replicas still here); {@link #done} completes
 * when the placement lists no replica on this node any more (moved, and the old copies deleted
 * by the {@link ReplicaJanitor}). A request cannot be taken back while the node runs; a node
 * restarted without {@code -leave} stops draining.
 *
 * <p>Thread-safe.
 */
public final class NodeLeave {
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean requested;
    private volatile int remaining = -1;
    private volatile long requestedAtMillis;

    /** Starts the decommission (idempotent). */
    public void request(long nowMillis) {
        if (!requested) {
            requestedAtMillis = nowMillis;
            requested = true;
        }
    }

    public boolean isRequested() {
        return requested;
    }

    /** When it was requested (epoch ms), 0 if not. */
    public long requestedAtMillis() {
        return requested ? requestedAtMillis : 0;
    }

    /** Replicas the placement still lists on this node; -1 before the first count. */
    public int remainingReplicas() {
        return remaining;
    }

    /** Completes once the node holds no replica in the placement after a request. */
    public CompletionStage<Void> done() {
        return done;
    }

    public boolean isDone() {
        return done.isDone();
    }

    /** Called by the {@link NodeReporter} with the count of replicas still placed here. */
    void progress(int replicasHere) {
        remaining = replicasHere;
        if (requested && replicasHere == 0) {
            done.complete(null);
        }
    }
}
