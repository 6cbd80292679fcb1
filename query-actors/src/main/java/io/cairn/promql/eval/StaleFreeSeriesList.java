package io.cairn.promql.eval;

import io.cairn.storage.api.SeriesData;
import io.cairn.storage.model.StaleMarker;
import java.util.AbstractList;
import java.util.List;

/**
 * The series of a matrix selector as {@link RangeSeries}, staleness markers removed from each
 * series when it is first read rather than all up front: a consumer that walks the series one
 * by one (range functions) then finds each series' samples still in the CPU cache from the
 * marker pass, instead of fetching a long range's samples from memory twice.
 *
 * <p>Consumers may release a series they are done with by {@code set(i, null)}, making its
 * samples collectable; reading a released series is a bug. Owned by one evaluation; not
 * thread-safe.
 */
final class StaleFreeSeriesList extends AbstractList<RangeSeries> {
    private final SeriesData[] raw;
    private final RangeSeries[] cleaned;
    private final boolean[] released;

    StaleFreeSeriesList(List<SeriesData> data) {
        this.raw = data.toArray(new SeriesData[0]);
        this.cleaned = new RangeSeries[raw.length];
        this.released = new boolean[raw.length];
    }

    @Override
    public RangeSeries get(int i) {
        RangeSeries s = cleaned[i];
        if (s == null) {
            if (released[i]) {
                throw new IllegalStateException("BUG: range series " + i + " read after release");
            }
            s = withoutStaleMarkers(raw[i]);
            cleaned[i] = s;
            raw[i] = null;
        }
        return s;
    }

    /** Only {@code null} is accepted: releases series {@code i}. */
    @Override
    public RangeSeries set(int i, RangeSeries s) {
        if (s != null) {
            throw new UnsupportedOperationException("only release (null) is supported");
        }
        RangeSeries old = cleaned[i];
        cleaned[i] = null;
        raw[i] = null;
        released[i] = true;
        return old;
    }

    @Override
    public int size() {
        return raw.length;
    }

    /** Compacts staleness markers out in place; a series without markers is not rewritten. */
    static RangeSeries withoutStaleMarkers(SeriesData sd) {
        long[] ts = sd.timestamps();
        double[] v = sd.values();
        int n = sd.count();
        int w = 0;
        while (w < n && !StaleMarker.is(v[w])) {
            w++;
        }
        for (int r = w; r < n; r++) {
            if (!StaleMarker.is(v[r])) {
                ts[w] = ts[r];
                v[w++] = v[r];
            }
        }
        return new RangeSeries(sd.labels(), ts, v, w, false);
    }
}
