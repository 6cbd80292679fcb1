package io.cairn.storage.model;

import java.util.Arrays;

/**
 * A growable pair of primitive columns: timestamps (int64 milliseconds since the epoch) and
 * values (float64), {@code count} valid entries. Used wherever samples are handed around in
 * bulk (block decoding, part reads, merges, query evaluation).
 *
 * <p>Ownership: a buffer belongs to one thread at a time and is meant to be reused via
 * {@link #clear()}, so steady-state use allocates nothing. The arrays returned by
 * {@link #timestamps()} and {@link #values()} are the live backing arrays: they are valid up to
 * {@link #count()} and are replaced (not resized in place) when the buffer grows, so callers
 * must re-fetch them after any call that may append.
 *
 * <p>Not thread-safe.
 */
public final class SampleBuffer {
    private static final int DEFAULT_CAPACITY = 16;
    /** The largest array size the JVM reliably allocates. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private long[] timestamps;
    private double[] values;
    private int count;

    public SampleBuffer() {
        this(DEFAULT_CAPACITY);
    }

    public SampleBuffer(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must be >= 0: " + initialCapacity);
        }
        timestamps = new long[initialCapacity];
        values = new double[initialCapacity];
    }

    /** Number of valid samples. */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The live timestamp column, valid in {@code [0, count())}. */
    public long[] timestamps() {
        return timestamps;
    }

    /** The live value column, valid in {@code [0, count())}. */
    public double[] values() {
        return values;
    }

    public long timestamp(int i) {
        checkIndex(i);
        return timestamps[i];
    }

    public double value(int i) {
        checkIndex(i);
        return values[i];
    }

    /** Forgets all samples, keeping the allocated capacity. */
    public void clear() {
        count = 0;
    }

    /** Appends one sample. */
    public void append(long timestampMs, double value) {
        if (count == timestamps.length) {
            grow(count + 1);
        }
        timestamps[count] = timestampMs;
        values[count] = value;
        count++;
    }

    /** Appends {@code n} samples copied from the given columns starting at {@code off}. */
    public void append(long[] ts, double[] vs, int off, int n) {
        if (off < 0 || n < 0 || off > ts.length - n || off > vs.length - n) {
            throw new IndexOutOfBoundsException(
                    "off=" + off + " n=" + n + " ts.length=" + ts.length + " vs.length=" + vs.length);
        }
        ensureCapacity(count + n);
        System.arraycopy(ts, off, timestamps, count, n);
        System.arraycopy(vs, off, values, count, n);
        count += n;
    }

    /**
     * Makes room for {@code n} more samples and returns the index the first of them will be
     * written to. Used by decoders that fill the columns directly; they must call
     * {@link #commit(int)} afterwards.
     */
    public int reserve(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        ensureCapacity(count + n);
        return count;
    }

    /** Marks {@code n} samples written directly after {@link #reserve(int)} as valid. */
    public void commit(int n) {
        if (n < 0 || count + n > timestamps.length) {
            throw new IllegalStateException("BUG: commit(" + n + ") beyond reserved capacity");
        }
        count += n;
    }

    /** Drops samples from the end so that {@code newCount} remain. */
    public void truncate(int newCount) {
        if (newCount < 0 || newCount > count) {
            throw new IllegalArgumentException("newCount " + newCount + " not in [0, " + count + "]");
        }
        count = newCount;
    }

    /** Ensures the columns can hold at least {@code capacity} samples without growing. */
    public void ensureCapacity(int capacity) {
        if (capacity > timestamps.length) {
            grow(capacity);
        }
    }

    public int capacity() {
        return timestamps.length;
    }

    private void grow(int minCapacity) {
        if (minCapacity < 0 || minCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("SampleBuffer capacity overflow: " + minCapacity);
        }
        long doubled = Math.max(DEFAULT_CAPACITY, (long) timestamps.length * 2);
        int newCapacity = (int) Math.min(MAX_CAPACITY, Math.max(doubled, minCapacity));
        timestamps = Arrays.copyOf(timestamps, newCapacity);
        values = Arrays.copyOf(values, newCapacity);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("index " + i + " not in [0, " + count + ")");
        }
    }

    @Override
    public String toString() {
        return "SampleBuffer[count=" + count + ", capacity=" + timestamps.length + "]";
    }
}
