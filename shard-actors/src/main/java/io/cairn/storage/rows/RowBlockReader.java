package io.cairn.storage.rows;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.agrona.DirectBuffer;

/**
 * Flyweight over an encoded row block (layout: {@link RowBlockDescriptor}).
 *
 * Reads version 2 (series id, check and canonical labels per series), version 3 (the
 * replica WAL form: labels only where {@link #hasLabels} says so) and version 1 (dictionary);
 * {@link #hasSeriesIds()} tells whether series carry ids.
 *
 * <p>{@link #wrap} validates the whole structure once (every length, every index, every row),
 * so that later accessors and the row cursor can decode without checks. Label semantics
 * (names strictly ascending, non-empty values, well-formed label bytes) are checked when a
 * series is decoded by {@link #labels(int)}, where the strings are at hand; a replica does that
 * only for series it does not know by id.
 *
 * <p>Reusable: a reader may be re-wrapped any number of times; its index arrays grow to the
 * largest block seen and are then reused, so wrapping and iterating rows allocate nothing in
 * steady state. Not thread-safe. The wrapped bytes must not change while wrapped.
 */
public final class RowBlockReader {
    private DirectBuffer buffer;
    private int start;
    private int end;
    /** Parse position during {@link #wrap}. */
    private int pos;

    private byte version;
    private int accountId;
    private int projectId;

    private int dictCount;
    private int[] dictOffsets = new int[16];
    private int[] dictLengths = new int[16];
    private String[] dictStrings = new String[16];

    private int seriesCount;
    /** v1: offset of each series' label count; v2: offset of each series entry (its id). */
    private int[] seriesOffsets = new int[16];
    /** v2: offset and length of each series' canonical label bytes. */
    private int[] labelsOffsets = new int[16];
    private int[] labelsLengths = new int[16];

    private int rowCount;
    private int rowsOffset;
    /** Offset of the row count, where the rows section (count and rows) starts. */
    private int rowsSectionOffset;

    private final RowCursor cursor = new RowCursor();

    /**
     * Points this reader at {@code length} bytes of {@code buffer} from {@code offset} and
     * validates them.
     *
     * @throws RowBlockFormatException naming the offset when the bytes are not a valid block
     */
    public RowBlockReader wrap(DirectBuffer buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length) {
            throw new IllegalArgumentException(
                    "range [" + offset + ", +" + length + ") outside buffer of "
                            + buffer.capacity() + " bytes");
        }
        this.buffer = buffer;
        this.start = offset;
        this.end = offset + length;
        this.dictCount = 0;
        this.seriesCount = 0;
        this.rowCount = 0;
        try {
            parse();
        } catch (RowBlockFormatException e) {
            this.buffer = null;
            throw e;
        }
        return this;
    }

    private void parse() {
        if (end - start < RowBlockDescriptor.HEADER_LENGTH) {
            throw malformed(start, "need at least " + RowBlockDescriptor.HEADER_LENGTH
                    + " header bytes, have " + (end - start));
        }
        version = buffer.getByte(start + RowBlockDescriptor.VERSION_OFFSET);
        if (version != RowBlockDescriptor.VERSION && version != RowBlockDescriptor.VERSION_1
                && version != RowBlockDescriptor.VERSION_WAL) {
            throw malformed(start, "unsupported version " + version + ", this build reads "
                    + RowBlockDescriptor.VERSION_1 + " to " + RowBlockDescriptor.VERSION_WAL);
        }
        accountId = buffer.getInt(start + RowBlockDescriptor.ACCOUNT_ID_OFFSET,
                ByteOrder.LITTLE_ENDIAN);
        projectId = buffer.getInt(start + RowBlockDescriptor.PROJECT_ID_OFFSET,
                ByteOrder.LITTLE_ENDIAN);
        pos = start + RowBlockDescriptor.HEADER_LENGTH;
        if (version == RowBlockDescriptor.VERSION_1) {
            parseDictionary();
            parseSeries();
        } else {
            parseKeyedSeries();
        }
        parseRows();
        if (pos != end) {
            throw malformed(pos, (end - pos) + " trailing bytes after the last row");
        }
    }

    private void parseDictionary() {
        // Every entry takes at least one byte, which bounds the count before we allocate for it.
        int count = readCount("dictionary entries", -1, 1);
        ensureDictCapacity(count);
        for (int i = 0; i < count; i++) {
            int lengthAt = pos;
            int len = readUnsignedInt();
            if (len > end - pos) {
                throw malformed(lengthAt, "dictionary entry " + i + " of " + len
                        + " bytes overruns the block");
            }
            dictOffsets[i] = pos;
            dictLengths[i] = len;
            dictStrings[i] = null;
            pos += len;
        }
        dictCount = count;
    }

    private void parseSeries() {
        int count = readCount("series", -1, 1);
        if (seriesOffsets.length < count) {
            seriesOffsets = new int[grow(seriesOffsets.length, count)];
        }
        for (int i = 0; i < count; i++) {
            seriesOffsets[i] = pos;
            int labelCount = readCount("labels of series ", i, 2);
            for (int j = 0; j < 2 * labelCount; j++) {
                int indexAt = pos;
                int index = readUnsignedInt();
                if (index >= dictCount) {
                    throw malformed(indexAt, "dictionary index " + Integer.toUnsignedString(index)
                            + " in series " + i + ", dictionary has " + dictCount + " entries");
                }
            }
        }
        seriesCount = count;
    }

    /**
     * Versions 2 and 3: per series its id, check and canonical label bytes; in version 3 the
     * length field is 0 for "no labels" and labels length + 1 otherwise.
     */
    private void parseKeyedSeries() {
        boolean optionalLabels = version == RowBlockDescriptor.VERSION_WAL;
        int count = readCount("series", -1, RowBlockDescriptor.SERIES_KEY_LENGTH + 1);
        if (seriesOffsets.length < count) {
            int n = grow(seriesOffsets.length, count);
            seriesOffsets = new int[n];
            labelsOffsets = new int[n];
            labelsLengths = new int[n];
        }
        for (int i = 0; i < count; i++) {
            if (end - pos < RowBlockDescriptor.SERIES_KEY_LENGTH) {
                throw malformed(pos, "series " + i + " id and check truncated");
            }
            seriesOffsets[i] = pos;
            pos += RowBlockDescriptor.SERIES_KEY_LENGTH;
            int lengthAt = pos;
            int len = readUnsignedInt();
            if (optionalLabels) {
                if (len == 0) {
                    labelsOffsets[i] = -1;
                    labelsLengths[i] = 0;
                    continue;
                }
                len--;
            }
            if (len < 0 || len > end - pos) {
                throw malformed(lengthAt, "labels of series " + i + " ("
                        + Integer.toUnsignedString(len) + " bytes) overrun the block");
            }
            labelsOffsets[i] = pos;
            labelsLengths[i] = len;
            pos += len;
        }
        seriesCount = count;
    }

    private void parseRows() {
        rowsSectionOffset = pos;
        int count = readCount("rows", -1, 2 + RowBlockDescriptor.VALUE_LENGTH);
        rowsOffset = pos;
        for (int i = 0; i < count; i++) {
            int rowAt = pos;
            int series = readUnsignedInt();
            if (series >= seriesCount) {
                throw malformed(rowAt, "row " + i + " refers to series "
                        + Integer.toUnsignedString(series) + ", block has " + seriesCount);
            }
            readLong();
            if (end - pos < RowBlockDescriptor.VALUE_LENGTH) {
                throw malformed(pos, "row " + i + " value truncated");
            }
            pos += RowBlockDescriptor.VALUE_LENGTH;
        }
        rowCount = count;
    }

    /**
     * A count whose items take at least {@code minItemBytes} each, so it is bounded by size.
     * The message is only built on failure ({@code ordinal} >= 0 is appended to {@code what}),
     * which keeps validation allocation-free.
     */
    private int readCount(String what, int ordinal, int minItemBytes) {
        int at = pos;
        int count = readUnsignedInt();
        if (count < 0 || count > (end - pos) / minItemBytes) {
            throw malformed(at, "count of " + what + (ordinal >= 0 ? ordinal : "") + " "
                    + Integer.toUnsignedString(count)
                    + " cannot fit in the remaining " + (end - pos) + " bytes");
        }
        return count;
    }

    private int readUnsignedInt() {
        int at = pos;
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= end) {
                throw malformed(at, "varint runs past the end of the block");
            }
            int b = buffer.getByte(pos++);
            if (shift == 28 && (b & 0xF0) != 0) {
                throw malformed(at, "varint does not fit in 32 bits");
            }
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalStateException("BUG: unreachable varint loop exit");
    }

    private long readLong() {
        int at = pos;
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw malformed(at, "varint runs past the end of the block");
            }
            long b = buffer.getByte(pos++);
            if (shift == 63 && (b & 0xFE) != 0) {
                throw malformed(at, "varint does not fit in 64 bits");
            }
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalStateException("BUG: unreachable varint loop exit");
    }

    private RowBlockFormatException malformed(int absoluteOffset, String problem) {
        return new RowBlockFormatException(absoluteOffset - start, problem);
    }

    private void ensureDictCapacity(int count) {
        if (dictOffsets.length < count) {
            int n = grow(dictOffsets.length, count);
            dictOffsets = new int[n];
            dictLengths = new int[n];
            dictStrings = new String[n];
        }
    }

    private static int grow(int current, int needed) {
        return Math.max(needed, current + (current >> 1));
    }

    /** Drops references to decoded strings so a pooled reader does not pin them. */
    public void clearStringCache() {
        Arrays.fill(dictStrings, 0, dictCount, null);
    }

    private void checkWrapped() {
        if (buffer == null) {
            throw new IllegalStateException("row block reader is not wrapped");
        }
    }

    public Tenant tenant() {
        checkWrapped();
        return new Tenant(accountId, projectId);
    }

    public int accountId() {
        checkWrapped();
        return accountId;
    }

    public int projectId() {
        checkWrapped();
        return projectId;
    }

    public int dictionarySize() {
        return dictCount;
    }

    /** Dictionary entry {@code index}, decoded once per wrap and then cached. */
    public String dictionaryString(int index) {
        checkWrapped();
        if (index < 0 || index >= dictCount) {
            throw new IndexOutOfBoundsException(
                    "dictionary index " + index + " of " + dictCount);
        }
        String s = dictStrings[index];
        if (s == null) {
            s = buffer.getStringWithoutLengthUtf8(dictOffsets[index], dictLengths[index]);
            dictStrings[index] = s;
        }
        return s;
    }

    public int seriesCount() {
        return seriesCount;
    }

    /** The version byte of the wrapped block. */
    public byte version() {
        checkWrapped();
        return version;
    }

    /**
     * Whether series carry their id and check (version 2); when false, {@link #seriesId} and
     * {@link #seriesCheck} must not be called and series are known only by their labels.
     */
    public boolean hasSeriesIds() {
        checkWrapped();
        return version != RowBlockDescriptor.VERSION_1;
    }

    /**
     * Whether {@link #labels(int)} can decode series {@code index}: always in versions 1 and 2,
     * in version 3 only for series written with their labels.
     */
    public boolean hasLabels(int index) {
        checkWrapped();
        if (index < 0 || index >= seriesCount) {
            throw new IndexOutOfBoundsException("series index " + index + " of " + seriesCount);
        }
        return version != RowBlockDescriptor.VERSION_WAL || labelsOffsets[index] >= 0;
    }

    /** Versions 2 and 3: the series id the writer computed. Allocation-free. */
    public long seriesId(int index) {
        return buffer.getLong(keyOffset(index), ByteOrder.LITTLE_ENDIAN);
    }

    /** Version 2: the series' {@code Labels#fingerprintCheck()}. Allocation-free. */
    public int seriesCheck(int index) {
        return buffer.getInt(keyOffset(index) + RowBlockDescriptor.SERIES_CHECK_OFFSET,
                ByteOrder.LITTLE_ENDIAN);
    }

    /** The wrapped buffer (package use: the compactor copies sections of it). */
    DirectBuffer buffer() {
        checkWrapped();
        return buffer;
    }

    /** Absolute offset of the rows section (row count and rows) in {@link #buffer()}. */
    int rowsSectionOffset() {
        return rowsSectionOffset;
    }

    /** Absolute end of the block in {@link #buffer()}. */
    int blockEnd() {
        return end;
    }

    /** Absolute offset and length of series {@code index}'s labels; versions 2 and 3. */
    int labelsOffset(int index) {
        return labelsOffsets[index];
    }

    int labelsLength(int index) {
        return labelsLengths[index];
    }

    private int keyOffset(int index) {
        checkWrapped();
        if (version == RowBlockDescriptor.VERSION_1) {
            throw new IllegalStateException("a version 1 row block has no series ids");
        }
        if (index < 0 || index >= seriesCount) {
            throw new IndexOutOfBoundsException("series index " + index + " of " + seriesCount);
        }
        return seriesOffsets[index];
    }

    /**
     * Decodes series {@code index}. Allocates the label set and its strings (version 1 shares
     * strings through the dictionary cache); meant for once per series and block at most, and
     * on a replica only for series it does not know by id.
     *
     * @throws RowBlockFormatException when the names are not strictly ascending or a value is
     *     empty, which a valid writer never produces
     */
    public Labels labels(int index) {
        checkWrapped();
        if (index < 0 || index >= seriesCount) {
            throw new IndexOutOfBoundsException("series index " + index + " of " + seriesCount);
        }
        if (labelsOffsets[index] < 0 && version == RowBlockDescriptor.VERSION_WAL) {
            throw new IllegalStateException("series " + index + " of this version 3 row block "
                    + "carries no labels; check hasLabels first");
        }
        return version == RowBlockDescriptor.VERSION_1 ? dictionaryLabels(index)
                : canonicalLabels(index);
    }

    /**
     * Version 2: decodes {@code (uvarint length, UTF-8 bytes)} strings, alternately name and
     * value, and checks canonical order in the same pass (no sorting).
     */
    private Labels canonicalLabels(int index) {
        int savedEnd = end;
        pos = labelsOffsets[index];
        end = pos + labelsLengths[index];
        try {
            int strings = 0;
            for (int p = pos; p < end; strings++) {
                pos = p;
                int len = readUnsignedInt();
                if (len < 0 || len > end - pos) {
                    throw malformed(p, "series " + index + ": label string of "
                            + Integer.toUnsignedString(len) + " bytes overruns its labels");
                }
                p = pos + len;
            }
            if (strings % 2 != 0) {
                throw malformed(labelsOffsets[index], "series " + index + ": "
                        + strings + " label strings, not name/value pairs");
            }
            String[] pairs = new String[strings];
            pos = labelsOffsets[index];
            String previousName = null;
            for (int j = 0; j < strings; j += 2) {
                int at = pos;
                String name = readString();
                String value = readString();
                checkLabel(index, at, previousName, name, value);
                pairs[j] = name;
                pairs[j + 1] = value;
                previousName = name;
            }
            return Labels.ofSorted(pairs);
        } finally {
            end = savedEnd;
        }
    }

    /** A length-prefixed string already bounds-checked by the caller's first pass. */
    private String readString() {
        int len = readUnsignedInt();
        String s = buffer.getStringWithoutLengthUtf8(pos, len);
        pos += len;
        return s;
    }

    private void checkLabel(int series, int at, String previousName, String name, String value) {
        if (previousName != null && previousName.compareTo(name) >= 0) {
            throw malformed(at, "series " + series + ": label names not strictly ascending: \""
                    + previousName + "\" then \"" + name + "\"");
        }
        if (value.isEmpty()) {
            throw malformed(at, "series " + series + ": label \"" + name
                    + "\" has an empty value");
        }
    }

    private Labels dictionaryLabels(int index) {
        pos = seriesOffsets[index];
        int labelCount = readUnsignedInt();
        String[] namesAndValues = new String[2 * labelCount];
        String previousName = null;
        for (int j = 0; j < labelCount; j++) {
            int at = pos;
            String name = dictionaryString(readUnsignedInt());
            String value = dictionaryString(readUnsignedInt());
            checkLabel(index, at, previousName, name, value);
            namesAndValues[2 * j] = name;
            namesAndValues[2 * j + 1] = value;
            previousName = name;
        }
        return Labels.ofSorted(namesAndValues);
    }

    public int rowCount() {
        return rowCount;
    }

    /**
     * The row cursor, rewound to before the first row. The same instance is returned on every
     * call, so only one iteration over a reader can be in progress at a time.
     */
    public RowCursor rows() {
        checkWrapped();
        cursor.rewind();
        return cursor;
    }

    /** Zero-allocation iteration over the rows of the wrapped block, in block order. */
    public final class RowCursor {
        private int next;
        private int remaining;
        private int seriesIndex;
        private long timestamp;
        private double value;

        private RowCursor() {
        }

        void rewind() {
            next = rowsOffset;
            remaining = rowCount;
            seriesIndex = -1;
            timestamp = 0;
            value = 0;
        }

        /** Advances to the next row; false when there is none. */
        public boolean next() {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            // Bounds were validated by wrap; decode without checks.
            int p = next;
            int series = 0;
            int shift = 0;
            int b;
            do {
                b = buffer.getByte(p++);
                series |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            long zz = 0;
            shift = 0;
            long lb;
            do {
                lb = buffer.getByte(p++);
                zz |= (lb & 0x7F) << shift;
                shift += 7;
            } while (lb < 0);
            seriesIndex = series;
            timestamp += Varints.unzigzag(zz);
            value = Double.longBitsToDouble(buffer.getLong(p, ByteOrder.LITTLE_ENDIAN));
            next = p + RowBlockDescriptor.VALUE_LENGTH;
            return true;
        }

        /** Index of the current row's series, for {@link RowBlockReader#labels(int)}. */
        public int seriesIndex() {
            return seriesIndex;
        }

        /** Milliseconds since the epoch. */
        public long timestamp() {
            return timestamp;
        }

        /** The value, bit for bit as written. */
        public double value() {
            return value;
        }
    }
}
