package io.cairn.storage.index;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Per-series columns indexed by a dense ordinal, allocated in increasing order: the series id,
 * the tenant slot, the newest active day, the label set's independent 32-bit check
 * ({@code Labels#fingerprintCheck()}, which lets a writer recognise a series by id without
 * comparing labels), and the label pair ids (into one shared int pool,
 * in label-name order), plus the id -> ordinal map. No object per series.
 *
 * <p>Ordinals of deleted or expired series are marked dead and never reused while open; their
 * slots are reclaimed when the index is reopened (the log holds only live series then).
 *
 * <p>Not thread-safe: the owner mutates under the index write lock, readers hold the read lock.
 * The owner also reads without the lock (it is the only writer).
 */
final class SeriesTable {
    /** {@link #lastDay} of a series that was created but never marked active on a day. */
    static final int NO_DAY = Integer.MIN_VALUE;

    private long[] ids = new long[1024];
    private int[] tenantOf = new int[1024];
    private int[] lastDay = new int[1024];
    private int[] check = new int[1024];
    private int[] pairStart = new int[1025];
    private int[] pool = new int[8192];
    private int poolSize;
    private int count;
    private int live;
    private final BitSet dead = new BitSet();
    private final LongIntHashMap byId;

    SeriesTable(int expectedSeries) {
        byId = new LongIntHashMap(expectedSeries);
    }

    /**
     * Appends a series; {@code pairs[0, n)} are its label pair ids in label-name order,
     * {@code labelsCheck} its {@code Labels#fingerprintCheck()}.
     */
    int add(long id, int tenantSlot, int labelsCheck, int[] pairs, int n) {
        if (count == ids.length) {
            int grown = count + (count >> 1);
            ids = Arrays.copyOf(ids, grown);
            tenantOf = Arrays.copyOf(tenantOf, grown);
            lastDay = Arrays.copyOf(lastDay, grown);
            check = Arrays.copyOf(check, grown);
            pairStart = Arrays.copyOf(pairStart, grown + 1);
        }
        if (poolSize + n > pool.length) {
            long grown = Math.max(poolSize + (long) n, pool.length + ((long) pool.length >> 1));
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("series index label pool is full: "
                        + count + " series");
            }
            pool = Arrays.copyOf(pool, (int) grown);
        }
        int ord = count++;
        ids[ord] = id;
        tenantOf[ord] = tenantSlot;
        lastDay[ord] = NO_DAY;
        check[ord] = labelsCheck;
        System.arraycopy(pairs, 0, pool, poolSize, n);
        poolSize += n;
        pairStart[ord + 1] = poolSize;
        byId.put(id, ord);
        live++;
        return ord;
    }

    /** The live ordinal of the id, or {@link LongIntHashMap#MISSING}. Allocation-free. */
    int ordinalOf(long id) {
        return byId.get(id);
    }

    long id(int ord) {
        return ids[ord];
    }

    int tenant(int ord) {
        return tenantOf[ord];
    }

    int check(int ord) {
        return check[ord];
    }

    int lastDay(int ord) {
        return lastDay[ord];
    }

    void noteDay(int ord, int day) {
        if (day > lastDay[ord]) {
            lastDay[ord] = day;
        }
    }

    int pairCount(int ord) {
        return pairStart[ord + 1] - pairStart[ord];
    }

    int pair(int ord, int i) {
        return pool[pairStart[ord] + i];
    }

    int firstPairIndex(int ord) {
        return pairStart[ord];
    }

    int pairAtPoolIndex(int index) {
        return pool[index];
    }

    boolean isDead(int ord) {
        return dead.get(ord);
    }

    /** Marks the series dead and forgets its id (a later write re-creates it). */
    void kill(int ord) {
        if (!dead.get(ord)) {
            dead.set(ord);
            byId.remove(ids[ord]);
            live--;
        }
    }

    /** Ordinals ever allocated: live ones plus dead ones. */
    int ordinalCount() {
        return count;
    }

    int liveCount() {
        return live;
    }

    long heapBytes() {
        return 16 + 8L * ids.length + 4 * (16 + 4L * tenantOf.length) + 16 + 4L * pool.length
                + dead.size() / 8 + byId.heapBytes();
    }
}
