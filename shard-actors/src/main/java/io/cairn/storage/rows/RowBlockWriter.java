package io.cairn.storage.rows;

import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
    private static final int MAX_ROW_LENGTH =
            Varints.MAX_INT_LENGTH + Varints.MAX_LONG_LENGTH + RowBlockDescriptor.VALUE_LENGTH;
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Tenant tenant = Tenant.DEFAULT;

    /**
     * Series index by id, to add each series once. Keyed by the primitive id rather than by
     * {@link Labels} (whose equals walks strings scattered over the heap); an id hit is
     * confirmed by reference ({@link #seriesLabels}) or by comparing the encoded entries.
     */
    private final Long2LongHashMap seriesIndex = new Long2LongHashMap(64, 0.6f, MISSING);
    /** The Labels instance a series was added with (null when added as bytes), for reference hits. */
    private Labels[] seriesLabels = new Labels[64];
    /** Offset of each series' entry (id, check, length, labels) in {@link #series}. */
    private int[] seriesEntry = new int[64];
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
        if (index != MISSING && seriesLabels[index] == labels) {
            return index;
        }
        int labelsLength = labels.canonicalLength();
        int labelsAt = reserveSeries(seriesId, labels.fingerprintCheck(), labelsLength);
        labels.copyCanonicalBytes(series.byteArray(), labelsAt);
        int added = commitSeries(index, seriesId, labelsAt, labelsLength);
        if (added == seriesCount - 1) {
            seriesLabels[added] = labels;
        }
        return added;
    }

    /**
     * {@link #addSeries(Labels, long)} for a series given by its canonical label bytes (see
     * {@code Labels#canonicalBytes()}) and check ({@code Labels#fingerprintCheck()}), e.g. from
     * a {@link SeriesRecord}; the bytes are copied and not validated. Allocation-free once the
     * buffers have grown.
     */
    public int addSeries(long seriesId, int check, byte[] canonical, int offset, int length) {
        int index = (int) seriesIndex.get(seriesId);
        int labelsAt = reserveSeries(seriesId, check, length);
        System.arraycopy(canonical, offset, series.byteArray(), labelsAt, length);
        return commitSeries(index, seriesId, labelsAt, length);
    }

    /**
     * Writes a series entry's id, check and labels length after the last series, without
     * counting it yet; returns where its label bytes go. The buffer holds room for them.
     */
    private int reserveSeries(long seriesId, int check, int labelsLength) {
        int pos = seriesLength;
        series.checkLimit(pos + RowBlockDescriptor.SERIES_KEY_LENGTH + Varints.MAX_INT_LENGTH
                + labelsLength);
        series.putLong(pos, seriesId, ByteOrder.LITTLE_ENDIAN);
        series.putInt(pos + RowBlockDescriptor.SERIES_CHECK_OFFSET, check,
                ByteOrder.LITTLE_ENDIAN);
        return Varints.put(series, pos + RowBlockDescriptor.SERIES_KEY_LENGTH, labelsLength);
    }

    /**
     * Keeps the entry {@link #reserveSeries} wrote unless the series with the same id already
     * in the block ({@code known}, or {@link #MISSING}) has the same check and labels; returns
     * the index of the series.
     */
    private int commitSeries(int known, long seriesId, int labelsAt, int labelsLength) {
        byte[] b = series.byteArray();
        int entry = seriesLength;
        if (known != MISSING) {
            int knownEntry = seriesEntry[known];
            if (sameEntry(b, knownEntry, entry, labelsAt, labelsLength)) {
                return known;
            }
            // Two label sets with one id: add the newcomer as a series of its own (not indexed,
            // so a repeat of it is added again, which is correct, merely larger); the replica
            // tells them apart by their checks and labels.
        }
        if (seriesCount == seriesLabels.length) {
            seriesLabels = Arrays.copyOf(seriesLabels, 2 * seriesCount);
            seriesEntry = Arrays.copyOf(seriesEntry, 2 * seriesCount);
        }
        seriesLabels[seriesCount] = null;
        seriesEntry[seriesCount] = entry;
        seriesLength = labelsAt + labelsLength;
        if (known == MISSING) {
            seriesIndex.put(seriesId, seriesCount);
        }
        return seriesCount++;
    }

    /** Whether the entries at {@code a} and {@code b} (labels at labelsAt) are equal. */
    private static boolean sameEntry(byte[] buf, int a, int b, int labelsAt, int labelsLength) {
        int entryLength = labelsAt + labelsLength - b;
        return Arrays.equals(buf, a, a + entryLength, buf, b, b + entryLength);
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
        int pos = rowsLength;
        rows.checkLimit(pos + MAX_ROW_LENGTH);
        byte[] b = rows.byteArray();
        pos = Varints.put(b, pos, seriesIndex & 0xFFFF_FFFFL);
        pos = Varints.put(b, pos, Varints.zigzag(timestamp - previousTimestamp));
        LONGS.set(b, pos, Double.doubleToRawLongBits(value));
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
