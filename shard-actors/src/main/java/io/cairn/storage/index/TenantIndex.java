package io.cairn.storage.index;

import io.cairn.storage.model.Tenant;
import java.util.BitSet;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntObjConsumer;

/**
 * The inverted index of one tenant: label name id -> label value id -> pair id (whose postings
 * live in {@link LabelPairs}), plus the ascending ordinals of all its live series, used for
 * selectors without a positive matcher. Only pairs with live series are present, so the names
 * and values listed here are exactly those of the tenant's live series.
 *
 * <p>Not thread-safe: the owner mutates under the index write lock, readers hold the read lock.
 * The maps are built with allocation-free iteration turned off, because Agrona's shared
 * iterator instances would otherwise be raced by concurrent readers.
 */
final class TenantIndex {
    final Tenant tenant;
    final int slot;
    private final Int2ObjectHashMap<Int2IntHashMap> names =
            new Int2ObjectHashMap<>(16, 0.65f, false);
    private int[] all = new int[16];
    private int allSize;

    TenantIndex(Tenant tenant, int slot) {
        this.tenant = tenant;
        this.slot = slot;
    }

    /** The pair id of (name, value) for this tenant, or -1. */
    int pair(int nameId, int valueId) {
        Int2IntHashMap values = names.get(nameId);
        return values == null ? -1 : values.get(valueId);
    }

    /** valueId -> pairId of one label name, or null when no live series has the name. */
    Int2IntHashMap values(int nameId) {
        return names.get(nameId);
    }

    void forEachName(IntObjConsumer<Int2IntHashMap> consumer) {
        names.forEachInt(consumer);
    }

    int nameCount() {
        return names.size();
    }

    void putPair(int nameId, int valueId, int pair) {
        Int2IntHashMap values = names.get(nameId);
        if (values == null) {
            values = new Int2IntHashMap(4, 0.65f, -1, false);
            names.put(nameId, values);
        }
        values.put(valueId, pair);
    }

    void removePair(int nameId, int valueId) {
        Int2IntHashMap values = names.get(nameId);
        if (values != null) {
            values.remove(valueId);
            if (values.isEmpty()) {
                names.remove(nameId);
            }
        }
    }

    void addSeries(int ordinal) {
        all = SortedInts.append(all, allSize, ordinal);
        allSize++;
    }

    void removeMarked(BitSet doomed) {
        allSize = SortedInts.removeMarked(all, allSize, doomed);
        all = SortedInts.trim(all, allSize);
    }

    /** Ascending ordinals of all live series; valid entries are {@code [0, seriesCount())}. */
    int[] allSeries() {
        return all;
    }

    int seriesCount() {
        return allSize;
    }
}
