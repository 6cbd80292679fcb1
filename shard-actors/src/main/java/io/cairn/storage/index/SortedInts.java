package io.cairn.storage.index;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Helpers for growable, ascending {@code int[]} lists of series ordinals (postings). A list is
 * an array plus a separate size; only the first {@code size} entries are valid.
 */
final class SortedInts {
    private SortedInts() {}

    /** Appends {@code v}, which must exceed the last element; returns the (maybe new) array. */
    static int[] append(int[] list, int size, int v) {
        if (size > 0 && list[size - 1] >= v) {
            throw new IllegalStateException("BUG: posting append out of order: " + v
                    + " after " + list[size - 1]);
        }
        if (size == list.length) {
            // Doubling while small, then 1.25x to bound the slack of large postings.
            int grown = size < 64 ? Math.max(2, size * 2) : size + (size >> 2);
            list = Arrays.copyOf(list, grown);
        }
        list[size] = v;
        return list;
    }

    /** Removes in place the elements set in {@code doomed}; returns the new size. */
    static int removeMarked(int[] list, int size, BitSet doomed) {
        int out = 0;
        for (int i = 0; i < size; i++) {
            int v = list[i];
            if (!doomed.get(v)) {
                list[out++] = v;
            }
        }
        return out;
    }

    /** Whether {@code list[0, size)} contains {@code v}. */
    static boolean contains(int[] list, int size, int v) {
        return Arrays.binarySearch(list, 0, size, v) >= 0;
    }

    /** A right-sized copy when the slack is large, else the array itself. */
    static int[] trim(int[] list, int size) {
        return list.length - size > 8 && list.length > size + (size >> 3)
                ? Arrays.copyOf(list, size) : list;
    }
}
