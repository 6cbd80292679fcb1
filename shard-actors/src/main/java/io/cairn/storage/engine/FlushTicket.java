package io.cairn.storage.engine;

import java.util.concurrent.CompletionStage;

/**
 * A head frozen for flushing. {@code lastAppend} completes with the WAL position of the last
 * row block appended to this head: once the parts written from it are in the manifest, the
 * WAL up to that position is no longer needed.
 */
public final class FlushTicket {
    final HeadHandle head;
    final CompletionStage<Long> lastAppend;
    final io.cairn.storage.index.SeriesIndex.PendingSync indexSync;

    /** Holds a reference on the head until {@link #release}, so IO can read it safely. */
    FlushTicket(HeadHandle head, CompletionStage<Long> lastAppend,
            io.cairn.storage.index.SeriesIndex.PendingSync indexSync) {
        head.retain();
        this.head = head;
        this.lastAppend = lastAppend;
        this.indexSync = indexSync;
    }

    /** Called by the store when the flush is committed or aborted. */
    void release() {
        head.release();
    }

    public int rows() {
        return head.head.rowCount();
    }

    public CompletionStage<Long> walPosition() {
        return lastAppend;
    }
}
