package io.cairn.storage.rows;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Object2IntHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds one row block (layout: {@link RowBlockDescriptor}) for one tenant.
 *
 * <p>Reusable: {@link #reset(Tenant)} starts a new block and keeps the grown buffers and maps, so
 * a long-lived writer stops allocating once it has seen its working set. Adding a row to a
 * series already added allocates nothing; adding a new series allocates its UTF-8 bytes once
 * per distinct string and a map entry.
 *
 * <p>Not thread-safe: one owner at a time. Nothing written is shared: {@link #writeTo} and
 * {@link #toBytes()} copy the block out, so the writer may be reset right after.
 */
public final class RowBlockWriter {
    private static final int MISSING = -1;

    private Tenant tenant = Tenant.DEFAULT;

    private final Object2IntHashMap<String> stringIndex = new Object2IntHashMap<>(MISSING);
    private final ExpandableArrayBuffer dict = new ExpandableArrayBuffer(1024);
    private int dictLength;

    private final Object2IntHashMap<Labels> seriesIndex = new Object2IntHashMap<>(MISSING);
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
        stringIndex.clear();
        dictLength = 0;
        seriesIndex.clear();
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

    /**
     * Adds a series unless an equal label set was added since the last reset, and returns its
     * index for {@link #addRow(int, long, double)}. Indexes are dense, from 0, in order of
     * first addition.
     */
    public int addSeries(Labels labels) {
        int index = seriesIndex.getValue(labels);
        if (index != MISSING) {
            return index;
        }
        int n = labels.size();
        int pos = Varints.put(series, seriesLength, n);
        for (int i = 0; i < n; i++) {
            pos = Varints.put(series, pos, intern(labels.name(i)));
            pos = Varints.put(series, pos, intern(labels.value(i)));
        }
        seriesLength = pos;
        index = seriesCount++;
        seriesIndex.put(labels, index);
        return index;
    }

    private int intern(String s) {
        int index = stringIndex.getValue(s);
        if (index != MISSING) {
            return index;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int pos = Varints.put(dict, dictLength, utf8.length);
        dict.putBytes(pos, utf8);
        dictLength = pos + utf8.length;
        index = stringIndex.size();
        stringIndex.put(s, index);
        return index;
    }

    /**
     * Appends a row. Allocation-free.
     *
     * @param seriesIndex an index returned by {@link #addSeries(Labels)} since the last reset
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
                + Varints.sizeOf(stringIndex.size()) + dictLength
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
        pos = Varints.put(buffer, pos, stringIndex.size());
        buffer.putBytes(pos, dict, 0, dictLength);
        pos += dictLength;
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
