package io.cairn.storage.index;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.BitSet;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies replayed log records to an {@link IndexState}. Consecutive deletions are applied as
 * one batch (a bulk delete costs one pass over the touched postings, not one per series).
 * Records that contradict the state (a day or deletion for an id never created, a creation of
 * a live id with other labels) can only follow lost records; they are counted and skipped.
 * It also re-derives which base ids needed collision probing, by rehashing each series.
 */
final class LogReplayer implements IndexRecordHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogReplayer.class);

    private final IndexState state;
    private final LongHashSet collidedBases;
    private final SeriesHasher hasher;
    private final BitSet pendingDeletes = new BitSet();
    private long orphans;
    private long conflicts;

    LogReplayer(IndexState state, LongHashSet collidedBases, SeriesHasher hasher) {
        this.state = state;
        this.collidedBases = collidedBases;
        this.hasher = hasher;
    }

    @Override
    public void seriesCreated(long id, long tenantPacked, Labels labels) {
        applyDeletes();
        Tenant tenant = Tenant.unpack(tenantPacked);
        int ord = state.series.ordinalOf(id);
        if (ord != LongIntHashMap.MISSING) {
            if (!state.sameSeries(ord, tenant, labels)) {
                conflicts++;
                LOG.error("series index log: series id {} created again with other labels {} "
                        + "(kept {})", Long.toHexString(id), labels, state.labels(ord));
            }
            return;
        }
        long base = hasher.hash(tenant, labels);
        if (base != id) {
            collidedBases.add(base);
        }
        state.create(id, tenant, labels);
    }

    @Override
    public void seriesActiveOnDays(long id, int firstDay, int lastDay) {
        applyDeletes();
        int ord = state.series.ordinalOf(id);
        if (ord == LongIntHashMap.MISSING) {
            orphans++;
            return;
        }
        for (int d = firstDay; d <= lastDay; d++) {
            state.activate(ord, d);
        }
    }

    @Override
    public void seriesDeleted(long id) {
        int ord = state.series.ordinalOf(id);
        if (ord == LongIntHashMap.MISSING || pendingDeletes.get(ord)) {
            orphans++;
            return;
        }
        pendingDeletes.set(ord);
    }

    @Override
    public void daysDropped(int beforeDay) {
        applyDeletes();
        state.dropDaysBefore(beforeDay);
    }

    /** Applies what is still pending; call once after the last record. */
    void finish() {
        applyDeletes();
        if (orphans > 0) {
            LOG.warn("series index log: skipped {} records about series that were never "
                    + "created (their creation was lost)", orphans);
        }
    }

    long orphans() {
        return orphans;
    }

    long conflicts() {
        return conflicts;
    }

    private void applyDeletes() {
        if (!pendingDeletes.isEmpty()) {
            state.removeSeries(pendingDeletes);
            pendingDeletes.clear();
        }
    }
}
