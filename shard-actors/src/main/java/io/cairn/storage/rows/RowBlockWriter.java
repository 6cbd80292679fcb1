package io.cairn.storage.rows;

import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds one row block (layout: {@link RowBlockDescriptor}, version 2) for one tenant.
 *
 * <p>Reusable: {@link #reset(Tenant)} starts a new block and keeps the grown buffers and maps, so
 * a long-lived writer stops allocating once it has seen its working set. Adding a series copies
 * the canonical label bytes its {@link Labels} instance computed once (no string is touched)
 * and allocates nothing; adding a row allocates nothing.
 *
 * <p>Not thread-safe: one owner at a time. Nothing written is shared: {@link #writeTo} and
 * {@link #toBytes()} copy the block out, so the writer may be reset right after.
 */
public final class RowBlockWriter {
    private static final int MISSING = -1;

    private Tenant tenant = Tenant.DEFAULT;

    /**
     * Series index by id, to add each series once. Keyed by the primitive id rather than by
     * {@link Labels} (whose equals walks strings scattered over the heap); an id hit is
     * confirmed against {@link #seriesLabels}, usually by reference.
     */
    private final Long2LongHashMap seriesIndex = new Long2LongHashMap(64, 0.6f, MISSING);
    private Labels[] seriesLabels = new Labels[64];
    private final ExpandableArrayBuffer series = new ExpandableArrayBuffer(1024);
    private int seriesLength;
    private int seriesCount;

    private final ExpandableArrayBuffer rows = new ExpandableArrayBuffer(4096);
    private int rowsLength;
    private int rowCount;
    private long previousTimestamp;

    /** An empty block for {@link Tenant#DEFAULT}; call {@link #reset(Tenant)} to choose one. */
    public RowBlockWriter() {
    }

    /** Drops everything added and starts an empty block for {@code tenant}. */
    public RowBlockWriter reset(Tenant tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        seriesIndex.clear();
        Arrays.fill(seriesLabels, 0, seriesCount, null);
        seriesLength = 0;
        seriesCount = 0;
        rowsLength = 0;
        rowCount = 0;
        previousTimestamp = 0;
        return this;
    }

    public Tenant tenant() {
        return tenant;
    }

    public int seriesCount() {
        return seriesCount;
    }

    public int rowCount() {
        return rowCount;
    }

    public boolean isEmpty() {
        return rowCount == 0;
    }

    /** {@link #addSeries(Labels, long)} with the id computed from this block's tenant. */
    public int addSeries(Labels labels) {
        return addSeries(labels, SeriesIds.of(tenant, labels));
    }

    /**
     * Adds a series unless an equal label set was added since the last reset, and returns its
     * index for {@link #addRow(int, long, double)}. Indexes are dense, from 0, in order of
     * first addition. Allocation-free once the buffers have grown; a series already added
     * costs one primitive map lookup and a reference compare.
     *
     * @param seriesId {@code SeriesIds.of(tenant(), labels)}, which the caller usually has at
     *     hand already (it chose the shard with it); it is written as given
     */
    public int addSeries(Labels labels, long seriesId) {
        int index = (int) seriesIndex.get(seriesId);
        if (index != MISSING) {
            Labels known = seriesLabels[index];
            if (known == labels || known.equals(labels)) {
                return index;
            }
            // Two label sets with one id: add the newcomer as a series of its own (not indexed,
            // so a repeat of it is added again, which is correct, merely larger); the replica
            // tells them apart by their checks and labels.
        }
        int labelsLength = labels.canonicalLength();
        int pos = seriesLength;
        series.checkLimit(pos + RowBlockDescriptor.SERIES_KEY_LENGTH + Varints.MAX_INT_LENGTH
                + labelsLength);
        series.putLong(pos, seriesId, ByteOrder.LITTLE_ENDIAN);
        series.putInt(pos + RowBlockDescriptor.SERIES_CHECK_OFFSET, labels.fingerprintCheck(),
                ByteOrder.LITTLE_ENDIAN);
        pos = Varints.put(series, pos + RowBlockDescriptor.SERIES_KEY_LENGTH, labelsLength);
        labels.copyCanonicalBytes(series.byteArray(), pos);
        seriesLength = pos + labelsLength;
        if (seriesCount == seriesLabels.length) {
            seriesLabels = Arrays.copyOf(seriesLabels, 2 * seriesCount);
        }
        seriesLabels[seriesCount] = labels;
        if (index == MISSING) {
            seriesIndex.put(seriesId, seriesCount);
        }
        return seriesCount++;
    }

    /**
     * Appends a row. Allocation-free.
     *
     * @param seriesIndex an index returned by {@link #addSeries} since the last reset
     * @param timestamp milliseconds since the epoch (any long round-trips)
     * @param value stored bit for bit, so NaN payloads such as the staleness marker survive
     * @throws IllegalArgumentException when {@code seriesIndex} was not handed out
     */
    public void addRow(int seriesIndex, long timestamp, double value) {
        if (seriesIndex < 0 || seriesIndex >= seriesCount) {
            throw new IllegalArgumentException(
                    "series index " + seriesIndex + " out of range: the block has " + seriesCount
                            + " series");
        }
        int pos = Varints.put(rows, rowsLength, seriesIndex);
        pos = Varints.put(rows, pos, Varints.zigzag(timestamp - previousTimestamp));
        rows.putLong(pos, Double.doubleToRawLongBits(value), ByteOrder.LITTLE_ENDIAN);
        rowsLength = pos + RowBlockDescriptor.VALUE_LENGTH;
        previousTimestamp = timestamp;
        rowCount++;
    }

    /** {@link #addSeries(Labels)} then {@link #addRow(int, long, double)}. */
    public void addRow(Labels labels, long timestamp, double value) {
        addRow(addSeries(labels), timestamp, value);
    }

    /** Exact number of bytes {@link #writeTo} writes. */
    public int encodedLength() {
        return RowBlockDescriptor.HEADER_LENGTH
                + Varints.sizeOf(seriesCount) + seriesLength
                + Varints.sizeOf(rowCount) + rowsLength;
    }

    /**
     * Writes the block at {@code offset}.
     *
     * @return the number of bytes written, {@link #encodedLength()}
     * @throws IllegalArgumentException when a fixed-size {@code buffer} is too small
     */
    public int writeTo(MutableDirectBuffer buffer, int offset) {
        int length = encodedLength();
        if (!buffer.isExpandable() && (offset < 0 || offset > buffer.capacity() - length)) {
            throw new IllegalArgumentException(
                    "row block of " + length + " bytes does not fit at offset " + offset
                            + " of a buffer of " + buffer.capacity() + " bytes");
        }
        buffer.putByte(offset + RowBlockDescriptor.VERSION_OFFSET, RowBlockDescriptor.VERSION);
        buffer.putInt(offset + RowBlockDescriptor.ACCOUNT_ID_OFFSET, tenant.accountId(),
                ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + RowBlockDescriptor.PROJECT_ID_OFFSET, tenant.projectId(),
                ByteOrder.LITTLE_ENDIAN);
        int pos = offset + RowBlockDescriptor.HEADER_LENGTH;
        pos = Varints.put(buffer, pos, seriesCount);
        buffer.putBytes(pos, series, 0, seriesLength);
        pos += seriesLength;
        pos = Varints.put(buffer, pos, rowCount);
        buffer.putBytes(pos, rows, 0, rowsLength);
        pos += rowsLength;
        if (pos - offset != length) {
            throw new IllegalStateException(
                    "BUG: wrote " + (pos - offset) + " bytes, computed " + length);
        }
        return length;
    }

    /** The block as a new array, e.g. for a Kryo-serialised message or a WAL append. */
    public byte[] toBytes() {
        byte[] out = new byte[encodedLength()];
        writeTo(new UnsafeBuffer(out), 0);
        return out;
    }
}
