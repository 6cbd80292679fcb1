package io.cairn.storage.index;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.agrona.collections.Long2LongHashMap;

/**
 * The in-memory series index of one replica: strings, label pairs and postings, per-tenant
 * inverted indexes, per-series columns and the per-day index. It applies the same mutations
 * whether they come from live writes or from replaying the log, so both end in the same state.
 *
 * <p>Not thread-safe. {@link SeriesIndex} serialises mutations (owner thread, write lock) and
 * lets readers in under the read lock.
 */
final class IndexState {
    final StringDictionary strings = new StringDictionary();
    final LabelPairs pairs = new LabelPairs();
    final SeriesTable series;
    final DayIndex days = new DayIndex();
    private final Long2LongHashMap tenantSlots = new Long2LongHashMap(16, 0.65f, -1);
    private final List<TenantIndex> tenants = new ArrayList<>();
    private int[] pairScratch = new int[32];
    private int droppedBeforeDay = Integer.MIN_VALUE;

    IndexState(int expectedSeries) {
        series = new SeriesTable(expectedSeries);
    }

    /** The tenant's index, or null when it has never had a series. Allocation-free. */
    TenantIndex tenant(Tenant tenant) {
        long slot = tenantSlots.get(tenant.packed());
        return slot < 0 ? null : tenants.get((int) slot);
    }

    TenantIndex tenantBySlot(int slot) {
        return tenants.get(slot);
    }

    List<TenantIndex> tenants() {
        return tenants;
    }

    private TenantIndex tenantOrCreate(Tenant tenant) {
        TenantIndex t = tenant(tenant);
        if (t == null) {
            t = new TenantIndex(tenant, tenants.size());
            tenants.add(t);
            tenantSlots.put(tenant.packed(), t.slot);
        }
        return t;
    }

    /** Adds a new live series with the given id, which must not be live yet; returns its ordinal. */
    int create(long id, Tenant tenant, Labels labels) {
        if (series.ordinalOf(id) != LongIntHashMap.MISSING) {
            throw new IllegalStateException("BUG: series id " + Long.toHexString(id)
                    + " is already live");
        }
        TenantIndex t = tenantOrCreate(tenant);
        int n = labels.size();
        if (pairScratch.length < n) {
            pairScratch = new int[Math.max(n, 2 * pairScratch.length)];
        }
        for (int i = 0; i < n; i++) {
            int name = strings.intern(labels.name(i));
            int value = strings.intern(labels.value(i));
            int pair = t.pair(name, value);
            if (pair < 0) {
                pair = pairs.create(t.slot, name, value);
                t.putPair(name, value, pair);
            }
            pairScratch[i] = pair;
        }
        int ord = series.add(id, t.slot, labels.fingerprintCheck(), pairScratch, n);
        for (int i = 0; i < n; i++) {
            pairs.add(pairScratch[i], ord);
        }
        t.addSeries(ord);
        return ord;
    }

    /** Marks the series active on the day; returns false when it already was. */
    boolean activate(int ord, int day) {
        series.noteDay(ord, day);
        return days.add(day, ord);
    }

    /** The packed tenant of the series at {@code ord}. Allocation-free. */
    long tenantPacked(int ord) {
        return tenants.get(series.tenant(ord)).tenant.packed();
    }

    /**
     * Whether the live series at {@code ord} is exactly (tenant, labels). Allocation-free: the
     * interned strings are compared with the caller's, no Labels object is built.
     */
    boolean sameSeries(int ord, Tenant tenant, Labels labels) {
        if (tenants.get(series.tenant(ord)).tenant.packed() != tenant.packed()) {
            return false;
        }
        int n = series.pairCount(ord);
        if (n != labels.size()) {
            return false;
        }
        int base = series.firstPairIndex(ord);
        for (int i = 0; i < n; i++) {
            int pair = series.pairAtPoolIndex(base + i);
            if (!strings.get(pairs.name(pair)).equals(labels.name(i))
                    || !strings.get(pairs.value(pair)).equals(labels.value(i))) {
                return false;
            }
        }
        return true;
    }

    Labels labels(int ord) {
        int n = series.pairCount(ord);
        String[] nv = new String[2 * n];
        int base = series.firstPairIndex(ord);
        for (int i = 0; i < n; i++) {
            int pair = series.pairAtPoolIndex(base + i);
            nv[2 * i] = strings.get(pairs.name(pair));
            nv[2 * i + 1] = strings.get(pairs.value(pair));
        }
        return Labels.of(nv);
    }

    /** The value id of the series' label {@code nameId}, or -1 when it lacks the label. */
    int valueOf(int ord, int nameId) {
        int from = series.firstPairIndex(ord);
        int to = from + series.pairCount(ord);
        for (int i = from; i < to; i++) {
            int pair = series.pairAtPoolIndex(i);
            if (pairs.name(pair) == nameId) {
                return pairs.value(pair);
            }
        }
        return -1;
    }

    /**
     * Removes the doomed live series from every structure in one pass per touched posting,
     * so deleting many series costs O(touched postings), not O(series x posting).
     */
    void removeSeries(BitSet doomed) {
        if (doomed.isEmpty()) {
            return;
        }
        BitSet touchedPairs = new BitSet();
        BitSet touchedTenants = new BitSet();
        for (int ord = doomed.nextSetBit(0); ord >= 0; ord = doomed.nextSetBit(ord + 1)) {
            if (series.isDead(ord)) {
                throw new IllegalStateException("BUG: removing dead series ordinal " + ord);
            }
            int from = series.firstPairIndex(ord);
            int to = from + series.pairCount(ord);
            for (int i = from; i < to; i++) {
                touchedPairs.set(series.pairAtPoolIndex(i));
            }
            touchedTenants.set(series.tenant(ord));
            series.kill(ord);
        }
        for (int p = touchedPairs.nextSetBit(0); p >= 0; p = touchedPairs.nextSetBit(p + 1)) {
            if (pairs.removeMarked(p, doomed) == 0) {
                tenants.get(pairs.tenant(p)).removePair(pairs.name(p), pairs.value(p));
            }
        }
        for (int t = touchedTenants.nextSetBit(0); t >= 0; t = touchedTenants.nextSetBit(t + 1)) {
            tenants.get(t).removeMarked(doomed);
        }
        days.removeMarked(doomed);
    }

    /** Forgets days before {@code day} and the series that have no later day. */
    void dropDaysBefore(int day) {
        days.dropBefore(day);
        BitSet doomed = new BitSet();
        for (int ord = 0, n = series.ordinalCount(); ord < n; ord++) {
            if (!series.isDead(ord) && series.lastDay(ord) < day) {
                doomed.set(ord);
            }
        }
        removeSeries(doomed);
        droppedBeforeDay = Math.max(droppedBeforeDay, day);
    }

    int droppedBeforeDay() {
        return droppedBeforeDay;
    }

    long heapBytes() {
        return series.heapBytes() + pairs.heapBytes() + days.heapBytes();
    }
}
