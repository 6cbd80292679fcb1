package io.cairn.storage.head;

/**
 * Sorts parallel row columns by (series id, timestamp) without boxing, stably, so that of two
 * rows with the same series and timestamp the one written last can be kept.
 */
final class RowSorter {
    private RowSorter() {}

    /**
     * Sorts the first {@code n} rows and removes duplicates (same series and timestamp), keeping
     * the row that came last in the input.
     *
     * @return the number of rows kept, compacted to the front of the arrays
     */
    static int sortAndDedup(long[] ids, long[] ts, double[] vs, int n) {
        if (n <= 1) {
            return n;
        }
        long[] ids2 = new long[n];
        long[] ts2 = new long[n];
        double[] vs2 = new double[n];
        mergeSort(ids, ts, vs, ids2, ts2, vs2, 0, n);
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && ids[i + 1] == ids[i] && ts[i + 1] == ts[i]) {
                continue;
            }
            ids[out] = ids[i];
            ts[out] = ts[i];
            vs[out] = vs[i];
            out++;
        }
        return out;
    }

    /** Stable bottom-up merge sort of [from, to); the *2 arrays are scratch space. */
    private static void mergeSort(long[] ids, long[] ts, double[] vs,
            long[] ids2, long[] ts2, double[] vs2, int from, int to) {
        int n = to - from;
        long[] aI = ids;
        long[] aT = ts;
        double[] aV = vs;
        long[] bI = ids2;
        long[] bT = ts2;
        double[] bV = vs2;
        for (int width = 1; width < n; width <<= 1) {
            for (int lo = from; lo < to; lo += 2 * width) {
                int mid = Math.min(lo + width, to);
                int hi = Math.min(lo + 2 * width, to);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    boolean takeRight = aI[j] < aI[i] || (aI[j] == aI[i] && aT[j] < aT[i]);
                    int src = takeRight ? j++ : i++;
                    bI[k] = aI[src];
                    bT[k] = aT[src];
                    bV[k] = aV[src];
                    k++;
                }
                while (i < mid) {
                    bI[k] = aI[i];
                    bT[k] = aT[i];
                    bV[k++] = aV[i++];
                }
                while (j < hi) {
                    bI[k] = aI[j];
                    bT[k] = aT[j];
                    bV[k++] = aV[j++];
                }
            }
            long[] tI = aI;
            aI = bI;
            bI = tI;
            long[] tT = aT;
            aT = bT;
            bT = tT;
            double[] tV = aV;
            aV = bV;
            bV = tV;
        }
        if (aI != ids) {
            System.arraycopy(aI, from, ids, from, n);
            System.arraycopy(aT, from, ts, from, n);
            System.arraycopy(aV, from, vs, from, n);
        }
    }
}
