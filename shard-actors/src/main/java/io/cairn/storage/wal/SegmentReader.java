package io.cairn.storage.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Validating scan over one segment file through a read-only mapping: first
 * {@link #readHeader()}, then {@link #next()} until it returns false; {@link #problem()} then
 * says whether the scan reached the clean end or stopped at an invalid record, at
 * {@link #validEnd()}.
 *
 * <p>Owned by one thread; allocation-free per record. The mapping is released by
 * {@link #close()}, after which buffers handed out are invalid.
 */
final class SegmentReader implements AutoCloseable {
    enum HeaderState {
        VALID,
        /** Shorter than a header or a zero-filled header: a crash while creating the file. */
        TORN,
        /** Wrong magic, checksum or base position. */
        CORRUPT,
        /** A well-formed header of a version this build does not read. */
        UNSUPPORTED_VERSION
    }

    private final Path path;
    private final long basePosition;
    private final MappedByteBuffer mapped;
    private final ByteBuffer crcView;
    private final UnsafeBuffer buffer;
    private final int limit;
    private final CRC32C crc = new CRC32C();

    private int offset;
    private int payloadOffset;
    private int payloadLength;
    private String problem;

    private SegmentReader(Path path, long basePosition, MappedByteBuffer mapped, int limit) {
        this.path = path;
        this.basePosition = basePosition;
        this.mapped = mapped;
        this.limit = limit;
        this.buffer = mapped == null ? new UnsafeBuffer(new byte[0]) : new UnsafeBuffer(mapped);
        this.crcView = mapped == null ? null : mapped.duplicate();
    }

    /**
     * Maps the first {@code min(file size, maxBytes)} bytes of the segment.
     *
     * @throws WalFormatException when the segment is larger than 2 GiB
     */
    static SegmentReader open(Path path, long basePosition, long maxBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = Math.min(channel.size(), maxBytes);
            if (size > Integer.MAX_VALUE) {
                throw new WalFormatException(path, Integer.MAX_VALUE,
                        "segment of " + size + " bytes exceeds the 2 GiB limit");
            }
            MappedByteBuffer mapped = size == 0
                    ? null : channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new SegmentReader(path, basePosition, mapped, (int) size);
        }
    }

    Path path() {
        return path;
    }

    /** Bytes mapped: the file size, or less when a limit was given. */
    int limit() {
        return limit;
    }

    HeaderState readHeader() {
        offset = 0;
        if (limit < WalSegmentDescriptor.HEADER_LENGTH) {
            problem = "file has " + limit + " bytes, a header needs "
                    + WalSegmentDescriptor.HEADER_LENGTH;
            return HeaderState.TORN;
        }
        if (allZero(0, WalSegmentDescriptor.HEADER_LENGTH)) {
            problem = "zero-filled header";
            return HeaderState.TORN;
        }
        int magic = buffer.getInt(WalSegmentDescriptor.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (magic != WalSegmentDescriptor.MAGIC) {
            problem = "bad magic 0x" + Integer.toHexString(magic) + ", not a WAL segment";
            return HeaderState.CORRUPT;
        }
        byte[] header = new byte[WalSegmentDescriptor.HEADER_CRC_COVERED];
        buffer.getBytes(0, header);
        int stored = buffer.getInt(WalSegmentDescriptor.HEADER_CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int computed = WalSegmentDescriptor.headerChecksum(header, 0);
        if (stored != computed) {
            problem = "header CRC32C mismatch (stored 0x" + Integer.toHexString(stored)
                    + ", computed 0x" + Integer.toHexString(computed) + ")";
            return HeaderState.CORRUPT;
        }
        byte version = buffer.getByte(WalSegmentDescriptor.VERSION_OFFSET);
        if (version != WalSegmentDescriptor.VERSION) {
            problem = "unsupported segment version " + version + ", this build reads "
                    + WalSegmentDescriptor.VERSION;
            return HeaderState.UNSUPPORTED_VERSION;
        }
        long base = buffer.getLong(WalSegmentDescriptor.BASE_POSITION_OFFSET,
                ByteOrder.LITTLE_ENDIAN);
        if (base != basePosition) {
            problem = "header base position " + base + " differs from the file name's "
                    + basePosition;
            return HeaderState.CORRUPT;
        }
        offset = WalSegmentDescriptor.HEADER_LENGTH;
        problem = null;
        return HeaderState.VALID;
    }

    /**
     * Moves to the next record. False at the end of the mapped bytes ({@link #problem()} is
     * null) or at the first invalid record ({@link #problem()} says why; {@link #validEnd()}
     * is its offset).
     */
    boolean next() {
        int remaining = limit - offset;
        if (remaining == 0) {
            problem = null;
            return false;
        }
        if (remaining < WalRecordDescriptor.HEADER_LENGTH) {
            return invalid("partial record header of " + remaining + " bytes");
        }
        int length = buffer.getInt(offset + WalRecordDescriptor.LENGTH_OFFSET,
                ByteOrder.LITTLE_ENDIAN);
        if (length < 0 || length > remaining - WalRecordDescriptor.HEADER_LENGTH) {
            return invalid("record length " + Integer.toUnsignedString(length) + " exceeds the "
                    + (remaining - WalRecordDescriptor.HEADER_LENGTH) + " bytes left");
        }
        int stored = buffer.getInt(offset + WalRecordDescriptor.CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int typeAt = offset + WalRecordDescriptor.TYPE_OFFSET;
        crc.reset();
        crc.update(buffer.getByte(typeAt));
        crcView.limit(typeAt + 1 + length).position(typeAt + 1);
        crc.update(crcView);
        int computed = (int) crc.getValue();
        if (stored != computed) {
            return invalid("record CRC32C mismatch (stored 0x" + Integer.toHexString(stored)
                    + ", computed 0x" + Integer.toHexString(computed) + ")");
        }
        byte type = buffer.getByte(typeAt);
        if (type != WalRecordDescriptor.TYPE_DATA) {
            return invalid("unknown record type " + type);
        }
        payloadOffset = typeAt + 1;
        payloadLength = length;
        offset = payloadOffset + length;
        return true;
    }

    private boolean invalid(String why) {
        problem = allZero(offset, limit) ? "zero-filled tail (" + why + ")" : why;
        return false;
    }

    private boolean allZero(int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            if (buffer.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (buffer.getByte(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Why the scan stopped early, or null when it reached the end cleanly. */
    String problem() {
        return problem;
    }

    /** File offset just past the last valid record (or the header). */
    int validEnd() {
        return offset;
    }

    /** Log position of the current record: just past its payload. */
    long position() {
        return basePosition + offset;
    }

    DirectBuffer buffer() {
        return buffer;
    }

    int payloadOffset() {
        return payloadOffset;
    }

    int payloadLength() {
        return payloadLength;
    }

    @Override
    public void close() {
        if (mapped != null) {
            IoUtil.unmap(mapped);
        }
    }
}
