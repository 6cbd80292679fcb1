package io.cairn.storage.engine;

import io.cairn.storage.head.HeadBuffer;

/** A head buffer shared by views; its off-heap chunks are freed when the last view lets go. */
final class HeadHandle {
    final HeadBuffer head;
    private final RefCount refs;
    /**
     * Set when the head is frozen: completes with the durable WAL position of its last row
     * block, the checkpoint its parts may record (owner thread only).
     */
    java.util.concurrent.CompletionStage<Long> walPositionAtFreeze;

    HeadHandle(HeadBuffer head) {
        this.head = head;
        this.refs = new RefCount(head::close);
    }

    void retain() {
        refs.retain();
    }

    void release() {
        refs.release();
    }
}
