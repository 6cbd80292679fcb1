package io.cairn.promql.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.storage.api.SeriesData;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleFreeSeriesListTest {
    private static SeriesData series(String name, long[] ts, double[] v) {
        return new SeriesData(Labels.of("__name__", name), ts, v, ts.length);
    }

    @Test
    void markersAreRemovedOnFirstReadAndTheResultIsKept() {
        double stale = Double.longBitsToDouble(StaleMarker.BITS);
        StaleFreeSeriesList list = new StaleFreeSeriesList(List.of(
                series("a", new long[] {1, 2, 3, 4}, new double[] {10, stale, 30, stale}),
                series("b", new long[] {1, 2}, new double[] {1, 2})));
        assertEquals(2, list.size());
        RangeSeries a = list.get(0);
        assertEquals(2, a.count());
        assertArrayEquals(new long[] {1, 3}, Arrays.copyOf(a.timestamps(), a.count()));
        assertArrayEquals(new double[] {10, 30}, Arrays.copyOf(a.values(), a.count()));
        assertSame(a, list.get(0));
        assertEquals(2, list.get(1).count());
    }

    @Test
    void releasedSeriesCannotBeReadAndOnlyNullMaySet() {
        StaleFreeSeriesList list = new StaleFreeSeriesList(List.of(
                series("a", new long[] {1}, new double[] {1})));
        assertThrows(UnsupportedOperationException.class,
                () -> list.set(0, new RangeSeries(Labels.EMPTY, new long[0], new double[0], 0, false)));
        list.set(0, null);
        assertThrows(IllegalStateException.class, () -> list.get(0));
    }
}
