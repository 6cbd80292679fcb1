package io.cairn.storage.engine;

import io.cairn.storage.model.SampleBuffer;

/**
 * Puts the samples gathered for one series from several sources (parts oldest first, then
 * heads) into timestamp order with one sample per timestamp, the last gathered winning: a
 * newer part or the head overrides an older copy (e.g. rows replayed from the WAL after a
 * crash that are already in a part).
 *
 * <p>Every part contributes a run sorted by timestamp, so the input is a concatenation of a few
 * sorted runs (plus a head that may be in any order, which simply splits into more runs). The
 * sort is a natural merge sort: it finds the maximal non-decreasing runs and merges neighbours
 * pairwise, stably, in {@code O(n log runs)} (linear for already sorted sources), instead of a
 * merge sort from width one.
 */
final class SampleSorting {
    private SampleSorting() {}

    /** Sorts and deduplicates in place; allocates only when the input is not strictly sorted. */
    static void sortDedupKeepLast(SampleBuffer buf) {
        int n = buf.count();
        long[] ts = buf.timestamps();
        double[] vs = buf.values();
        int runs = 1;
        boolean strictlyIncreasing = true;
        for (int i = 1; i < n; i++) {
            if (ts[i] <= ts[i - 1]) {
                strictlyIncreasing = false;
                if (ts[i] < ts[i - 1]) {
                    runs++;
                }
            }
        }
        if (strictlyIncreasing) {
            return;
        }
        if (runs > 1) {
            mergeRuns(ts, vs, n, runStarts(ts, n, runs));
        }
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && ts[i + 1] == ts[i]) {
                continue;
            }
            ts[out] = ts[i];
            vs[out] = vs[i];
            out++;
        }
        buf.truncate(out);
    }

    /** Start indexes of the {@code runs} maximal non-decreasing runs, then {@code n}. */
    private static int[] runStarts(long[] ts, int n, int runs) {
        int[] starts = new int[runs + 1];
        int r = 1;
        for (int i = 1; i < n; i++) {
            if (ts[i] < ts[i - 1]) {
                starts[r++] = i;
            }
        }
        starts[runs] = n;
        return starts;
    }

    /**
     * Stable merge of neighbouring runs until one remains: on equal timestamps the sample of
     * the earlier run stays first, so the dedup pass keeps the later (newer) one.
     */
    private static void mergeRuns(long[] ts, double[] vs, int n, int[] starts) {
        long[] aT = ts;
        double[] aV = vs;
        long[] bT = new long[n];
        double[] bV = new double[n];
        int runs = starts.length - 1;
        while (runs > 1) {
            int merged = 0;
            for (int r = 0; r < runs; r += 2) {
                int lo = starts[r];
                if (r + 1 == runs) {
                    System.arraycopy(aT, lo, bT, lo, n - lo);
                    System.arraycopy(aV, lo, bV, lo, n - lo);
                } else {
                    merge(aT, aV, lo, starts[r + 1], starts[r + 2], bT, bV);
                }
                starts[merged++] = lo;
            }
            starts[merged] = n;
            runs = merged;
            long[] tt = aT;
            aT = bT;
            bT = tt;
            double[] tv = aV;
            aV = bV;
            bV = tv;
        }
        if (aT != ts) {
            System.arraycopy(aT, 0, ts, 0, n);
            System.arraycopy(aV, 0, vs, 0, n);
        }
    }

    private static void merge(long[] aT, double[] aV, int lo, int mid, int hi, long[] bT,
            double[] bV) {
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            int src = aT[j] < aT[i] ? j++ : i++;
            bT[k] = aT[src];
            bV[k++] = aV[src];
        }
        System.arraycopy(aT, i, bT, k, mid - i);
        System.arraycopy(aV, i, bV, k, mid - i);
        k += mid - i;
        System.arraycopy(aT, j, bT, k, hi - j);
        System.arraycopy(aV, j, bV, k, hi - j);
    }
}
