package io.cairn.storage.engine;

import io.cairn.shard.manifest.PartRef;
import io.cairn.storage.index.SeriesIndex;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The parts a store served at one moment, kept alive for copying them to another replica: every
 * part holds a reference until {@link #close}, so a merge or retention drop that retires one of
 * them meanwhile deletes its file only afterwards (as a {@link StoreView} does for a query).
 * Unlike a view it holds no head, so a long copy pins no head memory.
 *
 * <p>Thread-safe: the part files are immutable and the series index answers reads from any
 * thread. The holder must call {@link #close} exactly once (later calls do nothing); the store
 * may be closed before that, after which {@link #labels} and {@link #tenantOf} fail.
 */
public final class PartsSnapshot implements Closeable {
    private final List<PartHandle> handles;
    private final Map<String, PartHandle> byName;
    private final SeriesIndex index;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Owner thread of the store: every handle is live (listed by the store's current view). */
    PartsSnapshot(List<PartHandle> live, SeriesIndex index) {
        this.handles = List.copyOf(live);
        this.byName = new HashMap<>();
        for (PartHandle p : handles) {
            p.retain();
            byName.put(p.ref.fileName(), p);
        }
        this.index = index;
    }

    /** The parts, in the store's read order (older data first within a day). */
    public List<PartRef> parts() {
        List<PartRef> out = new ArrayList<>(handles.size());
        for (PartHandle p : handles) {
            out.add(p.ref);
        }
        return out;
    }

    /** The file of a part of this snapshot. @throws IllegalArgumentException when not listed */
    public Path file(String fileName) {
        return handle(fileName).file;
    }

    /** Number of series in the part. */
    public int seriesCount(String fileName) {
        return handle(fileName).reader.seriesCount();
    }

    /** Series id at {@code i} in [0, seriesCount) of the part, ascending. */
    public long seriesIdAt(String fileName, int i) {
        return handle(fileName).reader.seriesIdAt(i);
    }

    /** Labels of a series of the store, or null when the index no longer has it. */
    public Labels labels(long seriesId) {
        return index.labels(seriesId);
    }

    /** Tenant of a series of the store, or null when the index no longer has it. */
    public Tenant tenantOf(long seriesId) {
        return index.tenantOf(seriesId);
    }

    private PartHandle handle(String fileName) {
        PartHandle p = byName.get(fileName);
        if (p == null) {
            throw new IllegalArgumentException("part " + fileName + " is not in this snapshot");
        }
        if (closed.get()) {
            throw new IllegalStateException("parts snapshot is closed");
        }
        return p;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (PartHandle p : handles) {
                p.release();
            }
        }
    }
}
