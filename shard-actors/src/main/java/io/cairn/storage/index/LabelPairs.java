package io.cairn.storage.index;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Every (tenant, label name, label value) triple the index has seen, each named by a dense
 * pair id, with its postings: the ascending ordinals of the live series that carry it.
 * Parallel primitive arrays instead of an object per pair keep high-cardinality labels cheap.
 * Ordinals are allocated in increasing order and a series joins its postings when created, so
 * appends keep postings sorted. A pair whose postings become empty is released; the id is not
 * reused (ids are compacted when the index is reopened).
 *
 * <p>Not thread-safe: the owner mutates under the index write lock, readers hold the read lock.
 */
final class LabelPairs {
    private static final int[] EMPTY = new int[0];

    private int[] tenantOf = new int[256];
    private int[] nameOf = new int[256];
    private int[] valueOf = new int[256];
    private int[][] postings = new int[256][];
    private int[] sizes = new int[256];
    private int count;

    int create(int tenantSlot, int nameId, int valueId) {
        if (count == nameOf.length) {
            int n = count + (count >> 1);
            tenantOf = Arrays.copyOf(tenantOf, n);
            nameOf = Arrays.copyOf(nameOf, n);
            valueOf = Arrays.copyOf(valueOf, n);
            postings = Arrays.copyOf(postings, n);
            sizes = Arrays.copyOf(sizes, n);
        }
        tenantOf[count] = tenantSlot;
        nameOf[count] = nameId;
        valueOf[count] = valueId;
        postings[count] = EMPTY;
        return count++;
    }

    int count() {
        return count;
    }

    int tenant(int pair) {
        return tenantOf[pair];
    }

    int name(int pair) {
        return nameOf[pair];
    }

    int value(int pair) {
        return valueOf[pair];
    }

    /** The postings array; valid entries are {@code [0, size(pair))}. Do not modify. */
    int[] postings(int pair) {
        return postings[pair];
    }

    int size(int pair) {
        return sizes[pair];
    }

    void add(int pair, int ordinal) {
        postings[pair] = SortedInts.append(postings[pair], sizes[pair], ordinal);
        sizes[pair]++;
    }

    /** Removes the doomed ordinals; returns the remaining size (0: the pair was released). */
    int removeMarked(int pair, BitSet doomed) {
        int n = SortedInts.removeMarked(postings[pair], sizes[pair], doomed);
        sizes[pair] = n;
        postings[pair] = n == 0 ? EMPTY : SortedInts.trim(postings[pair], n);
        return n;
    }

    /** Right-sizes every posting, e.g. once after the log was replayed at open. */
    void trimAll() {
        for (int p = 0; p < count; p++) {
            postings[p] = SortedInts.trim(postings[p], sizes[p]);
        }
    }

    long heapBytes() {
        long bytes = 5L * (16 + 4L * nameOf.length);
        for (int p = 0; p < count; p++) {
            bytes += 16 + 4L * postings[p].length;
        }
        return bytes;
    }
}
