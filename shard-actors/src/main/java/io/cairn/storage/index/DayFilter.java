package io.cairn.storage.index;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which series a time range can touch, from the per-day index: those active on some UTC day
 * overlapping {@code [minTimeMs, maxTimeMs]}. Ranges longer than {@code maxDays} use no
 * filter (every live series), as the union of that many day sets would cost more than it
 * saves. Built per query under the read lock; confined to the query's thread.
 */
final class DayFilter {
    static final long DAY_MS = 86_400_000L;

    /** No restriction: every live series qualifies. */
    static final DayFilter ALL = new DayFilter(List.of(), false);
    /** Nothing qualifies: no series was active on any day of the range. */
    static final DayFilter NONE = new DayFilter(List.of(), true);

    private final List<BitSet> sets;
    private final boolean none;
    private BitSet union;

    private DayFilter(List<BitSet> sets, boolean none) {
        this.sets = sets;
        this.none = none;
    }

    static int dayOf(long timestampMs) {
        return (int) Math.floorDiv(timestampMs, DAY_MS);
    }

    static DayFilter of(DayIndex days, long minTimeMs, long maxTimeMs, int maxDays) {
        if (maxTimeMs < minTimeMs) {
            return NONE;
        }
        long first = Math.floorDiv(minTimeMs, DAY_MS);
        long last = Math.floorDiv(maxTimeMs, DAY_MS);
        if (last - first + 1 > maxDays) {
            return ALL;
        }
        int[] retained = days.days();
        List<BitSet> sets = new ArrayList<>();
        for (int d : retained) {
            if (d >= first && d <= last) {
                sets.add(days.get(d));
            }
        }
        return sets.isEmpty() ? NONE : new DayFilter(sets, false);
    }

    boolean isAll() {
        return !none && sets.isEmpty();
    }

    boolean isNone() {
        return none;
    }

    boolean test(int ordinal) {
        if (none) {
            return false;
        }
        if (sets.isEmpty()) {
            return true;
        }
        if (sets.size() > 2) {
            return union().get(ordinal);
        }
        for (int i = 0, n = sets.size(); i < n; i++) {
            if (sets.get(i).get(ordinal)) {
                return true;
            }
        }
        return false;
    }

    /** The ordinals active in the range (only for a restricting filter). */
    BitSet union() {
        if (union == null) {
            if (sets.size() == 1) {
                union = sets.get(0);
            } else {
                union = new BitSet();
                for (BitSet s : sets) {
                    union.or(s);
                }
            }
        }
        return union;
    }
}
