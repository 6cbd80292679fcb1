package io.cairn.promql.promqltest;

import io.cairn.storage.model.Labels;

/**
 * One series line of a test script ({@code metric{a="b"} 0+10x3 _ stale}): a label set and one
 * entry per slot. Each slot is a float, an omitted slot ({@code _}) or a native-histogram sample
 * ({@code {{...}}}), which Cairn does not store but must recognise to classify cases.
 *
 * @param startTimestamps whether the line is an {@code @st} start-timestamp line
 */
public record SeriesDescription(Labels labels, double[] values, byte[] kinds, boolean startTimestamps) {
    public static final byte FLOAT = 0;
    public static final byte OMITTED = 1;
    public static final byte HISTOGRAM = 2;

    public int slots() {
        return kinds.length;
    }

    public boolean hasHistogram() {
        for (byte k : kinds) {
            if (k == HISTOGRAM) {
                return true;
            }
        }
        return false;
    }
}
