package io.cairn.storage.engine;

import io.cairn.storage.model.SampleBuffer;

/**
 * Puts the samples gathered for one series from several sources (parts oldest first, then
 * heads) into timestamp order with one sample per timestamp, the last gathered winning: a
 * newer part or the head overrides an older copy (e.g. rows replayed from the WAL after a
 * crash that are already in a part).
 */
final class SampleSorting {
    private SampleSorting() {}

    /** Sorts and deduplicates in place; allocates only when the input is out of order. */
    static void sortDedupKeepLast(SampleBuffer buf) {
        int n = buf.count();
        long[] ts = buf.timestamps();
        double[] vs = buf.values();
        boolean sorted = true;
        for (int i = 1; i < n; i++) {
            if (ts[i] <= ts[i - 1]) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return;
        }
        long[] t2 = new long[n];
        double[] v2 = new double[n];
        mergeSort(ts, vs, t2, v2, n);
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

    /** Stable bottom-up merge sort by timestamp. */
    private static void mergeSort(long[] ts, double[] vs, long[] t2, double[] v2, int n) {
        long[] aT = ts;
        double[] aV = vs;
        long[] bT = t2;
        double[] bV = v2;
        for (int width = 1; width < n; width <<= 1) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    int src = aT[j] < aT[i] ? j++ : i++;
                    bT[k] = aT[src];
                    bV[k++] = aV[src];
                }
                while (i < mid) {
                    bT[k] = aT[i];
                    bV[k++] = aV[i++];
                }
                while (j < hi) {
                    bT[k] = aT[j];
                    bV[k++] = aV[j++];
                }
            }
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
}
