package io.cairn.storage.engine;

import java.util.List;

/**
 * An immutable snapshot of what a store serves: parts (oldest first) and heads (frozen ones
 * being flushed, oldest first, then the active one last). Readers retain a view for the length
 * of a read; the owner publishes a new view on every flush, merge or drop and releases the old
 * one, whose parts and heads are closed when no view uses them any more.
 *
 * <p>Thread-safe.
 */
final class StoreView {
    final List<PartHandle> parts;
    final List<HeadHandle> heads;
    private final RefCount refs;

    /** Takes a reference on every part and head listed. */
    StoreView(List<PartHandle> parts, List<HeadHandle> heads) {
        this.parts = List.copyOf(parts);
        this.heads = List.copyOf(heads);
        for (PartHandle p : this.parts) {
            p.retain();
        }
        for (HeadHandle h : this.heads) {
            h.retain();
        }
        this.refs = new RefCount(this::releaseMembers);
    }

    boolean tryRetain() {
        return refs.tryRetain();
    }

    void release() {
        refs.release();
    }

    HeadHandle activeHead() {
        return heads.get(heads.size() - 1);
    }

    private void releaseMembers() {
        for (PartHandle p : parts) {
            p.release();
        }
        for (HeadHandle h : heads) {
            h.release();
        }
    }
}
