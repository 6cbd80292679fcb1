package io.cairn.storage.index;

import java.util.Arrays;

/**
 * Open-addressing map from a long key (a series id) to a non-negative int (an ordinal), with
 * linear probing and backward-shift deletion, so that it holds 12 bytes per slot and no
 * object per entry. Not thread-safe: the owner mutates, readers need external locking.
 */
final class LongIntHashMap {
    static final int MISSING = -1;
    private static final double MAX_LOAD = 0.65;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;
    private int resizeAt;

    LongIntHashMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expectedSize / MAX_LOAD)) - 1) << 1;
        allocate(capacity);
    }

    int size() {
        return size;
    }

    /** The value for {@code key}, or {@link #MISSING}. Allocation-free. */
    int get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == MISSING) {
                return MISSING;
            }
            if (keys[i] == key) {
                return v;
            }
        }
    }

    /** Sets {@code key -> value} ({@code value >= 0}), replacing any previous value. */
    void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("BUG: negative value " + value);
        }
        int i = slot(key);
        for (; values[i] != MISSING; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size > resizeAt) {
            rehash(values.length * 2);
        }
    }

    /** Removes {@code key}; returns its value or {@link #MISSING}. */
    int remove(long key) {
        int i = slot(key);
        for (; values[i] != MISSING; i = (i + 1) & mask) {
            if (keys[i] == key) {
                int old = values[i];
                shiftBack(i);
                size--;
                return old;
            }
        }
        return MISSING;
    }

    /** Approximate retained heap bytes, for status reporting and tests. */
    long heapBytes() {
        return 16L + keys.length * 8L + 16 + values.length * 4L + 16;
    }

    /** Closes the gap at {@code gap} by moving later entries of the same probe run back. */
    private void shiftBack(int gap) {
        int i = gap;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == MISSING) {
                break;
            }
            int home = slot(keys[i]);
            // Move the entry at i into the gap unless its home lies cyclically in (gap, i].
            boolean homeAfterGap = gap <= i ? (home > gap && home <= i) : (home > gap || home <= i);
            if (!homeAfterGap) {
                keys[gap] = keys[i];
                values[gap] = values[i];
                gap = i;
            }
        }
        values[gap] = MISSING;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, MISSING);
        mask = capacity - 1;
        resizeAt = (int) (capacity * MAX_LOAD);
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(capacity);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != MISSING) {
                int j = slot(oldKeys[i]);
                while (values[j] != MISSING) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }
}
