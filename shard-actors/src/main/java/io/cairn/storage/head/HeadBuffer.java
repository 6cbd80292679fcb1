package io.cairn.storage.head;

import io.cairn.storage.memory.NativeMemory;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import io.cairn.storage.model.SampleBuffer;

/**
 * The head of a shard replica: rows received since the last flush, in arrival order, in
 * off-heap chunks of {@value #ROWS_PER_CHUNK} rows. A row is (series id, timestamp ms, value),
 * 24 bytes; nothing per series is kept here, so head memory depends on the ingestion rate and
 * the flush interval, not on the number of active series.
 *
 * <p>Threading: exactly one writer (the replica's owner) calls {@link #append}; any number of
 * readers may call the read methods concurrently. A reader sees every row published before its
 * call started: the writer publishes the row count with a volatile store after writing the
 * row, and chunks are never moved or freed while readable (see {@link #close}).
 */
public final class HeadBuffer implements AutoCloseable {
    static final int ROW_BYTES = 24;
    static final int ROWS_PER_CHUNK = 1 << 16;

    private final List<UnsafeBuffer> chunks = new ArrayList<>();
    private volatile UnsafeBuffer[] published = new UnsafeBuffer[0];
    private volatile int rowCount;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private boolean closed;

    /** Appends one row. Owner thread only. */
    public void append(long seriesId, long timestampMs, double value) {
        int n = rowCount;
        int chunk = n >>> 16;
        if (chunk == chunks.size()) {
            if (closed) {
                throw new IllegalStateException("BUG: append to a closed head");
            }
            chunks.add(NativeMemory.allocate(ROWS_PER_CHUNK * ROW_BYTES));
            published = chunks.toArray(new UnsafeBuffer[0]);
        }
        UnsafeBuffer b = chunks.get(chunk);
        int off = (n & (ROWS_PER_CHUNK - 1)) * ROW_BYTES;
        b.putLong(off, seriesId);
        b.putLong(off + 8, timestampMs);
        b.putDouble(off + 16, value);
        if (timestampMs < minTime) {
            minTime = timestampMs;
        }
        if (timestampMs > maxTime) {
            maxTime = timestampMs;
        }
        rowCount = n + 1;
    }

    public int rowCount() {
        return rowCount;
    }

    /** Owner thread only (readers use the time range of the query instead). */
    public long minTime() {
        return minTime;
    }

    public long maxTime() {
        return maxTime;
    }

    public long offHeapBytes() {
        return (long) published.length * ROWS_PER_CHUNK * ROW_BYTES;
    }

    /**
     * Appends the rows of the given series with {@code minT <= t <= maxT} to per-series buffers
     * in {@code out} (created on first use), in arrival order. Safe from any thread.
     */
    public void collect(LongHashSet seriesIds, long minT, long maxT,
            Long2ObjectHashMap<SampleBuffer> out) {
        int n = rowCount;
        UnsafeBuffer[] cs = published;
        for (int i = 0; i < n; i++) {
            UnsafeBuffer b = cs[i >>> 16];
            int off = (i & (ROWS_PER_CHUNK - 1)) * ROW_BYTES;
            long ts = b.getLong(off + 8);
            if (ts < minT || ts > maxT) {
                continue;
            }
            long id = b.getLong(off);
            if (!seriesIds.contains(id)) {
                continue;
            }
            SampleBuffer buf = out.get(id);
            if (buf == null) {
                buf = new SampleBuffer();
                out.put(id, buf);
            }
            buf.append(ts, b.getDouble(off + 16));
        }
    }

    /**
     * Copies all rows into heap columns sorted by (series id, timestamp), keeping only the last
     * written row when a series has two rows with the same timestamp. Used when flushing a
     * frozen head into parts; safe from any thread once the head no longer receives appends.
     */
    public SortedRows sortedCopy() {
        int n = rowCount;
        UnsafeBuffer[] cs = published;
        long[] ids = new long[n];
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            UnsafeBuffer b = cs[i >>> 16];
            int off = (i & (ROWS_PER_CHUNK - 1)) * ROW_BYTES;
            ids[i] = b.getLong(off);
            ts[i] = b.getLong(off + 8);
            vs[i] = b.getDouble(off + 16);
        }
        int kept = RowSorter.sortAndDedup(ids, ts, vs, n);
        return new SortedRows(ids, ts, vs, kept);
    }

    /**
     * Frees the off-heap chunks. The caller guarantees no reader still uses this head (the
     * store retires heads through reference counting before closing them).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (UnsafeBuffer b : chunks) {
            NativeMemory.free(b);
        }
        chunks.clear();
        published = new UnsafeBuffer[0];
        rowCount = 0;
    }
}
