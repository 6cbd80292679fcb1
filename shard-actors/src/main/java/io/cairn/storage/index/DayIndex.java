package io.cairn.storage.index;

import java.util.Arrays;
import java.util.BitSet;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The per-day index: for each UTC day (days since the epoch) the set of series ordinals that
 * received samples that day, as a bitset over ordinals. A bitset costs one bit per ordinal
 * ever allocated per retained day (125 KB a day per million series), answers membership in
 * O(1) without allocating, and unions cheaply for multi-day queries.
 *
 * <p>Not thread-safe: the owner mutates under the index write lock, readers hold the read lock.
 */
final class DayIndex {
    private final Int2ObjectHashMap<BitSet> byDay = new Int2ObjectHashMap<>(64, 0.65f, false);

    /** Whether the series was active on the day. Allocation-free. */
    boolean contains(int day, int ordinal) {
        BitSet set = byDay.get(day);
        return set != null && set.get(ordinal);
    }

    /** Marks the series active on the day; returns false when it already was. */
    boolean add(int day, int ordinal) {
        BitSet set = byDay.get(day);
        if (set == null) {
            set = new BitSet();
            byDay.put(day, set);
        }
        if (set.get(ordinal)) {
            return false;
        }
        set.set(ordinal);
        return true;
    }

    BitSet get(int day) {
        return byDay.get(day);
    }

    /** Retained days, ascending. */
    int[] days() {
        int[] out = new int[byDay.size()];
        int[] i = {0};
        byDay.forEachInt((day, set) -> out[i[0]++] = day);
        Arrays.sort(out);
        return out;
    }

    void dropBefore(int day) {
        for (int d : days()) {
            if (d < day) {
                byDay.remove(d);
            }
        }
    }

    void removeMarked(BitSet doomed) {
        byDay.forEachInt((day, set) -> set.andNot(doomed));
    }

    /** Total (series, day) memberships: one log record each, for compaction accounting. */
    long memberships() {
        long[] n = {0};
        byDay.forEachInt((day, set) -> n[0] += set.cardinality());
        return n[0];
    }

    long heapBytes() {
        long[] n = {16L + 64L * byDay.size()};
        byDay.forEachInt((day, set) -> n[0] += 40 + set.size() / 8);
        return n[0];
    }
}
