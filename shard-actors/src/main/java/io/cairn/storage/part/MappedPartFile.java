package io.cairn.storage.part;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A read-only memory mapping of a whole file of any size. A single mapping is limited to
 * 2 GiB, so the file is mapped as segments of {@code segmentSize} bytes, each extended by
 * {@code overlap} bytes into the next one: any range of at most {@code overlap} bytes then
 * lies entirely inside the segment of its first byte, and callers read it with one
 * {@link UnsafeBuffer} access. Part readers never read more than one block (bounded by
 * {@link io.cairn.storage.codec.BlockDescriptor#MAX_BLOCK_BYTES}) or one index entry at once.
 *
 * <p>Thread-safe for reads (absolute gets only). {@link #unmap()} must happen after the last
 * read: touching unmapped memory crashes the JVM, which is why {@link PartReader} counts
 * references.
 */
final class MappedPartFile {
    static final long DEFAULT_SEGMENT_SIZE = 1L << 30;

    private final Path path;
    private final long length;
    private final long segmentSize;
    private final int overlap;
    private final MappedByteBuffer[] mappings;
    private final UnsafeBuffer[] segments;

    MappedPartFile(Path path, long segmentSize, int overlap) throws IOException {
        if (segmentSize < 1 || segmentSize + overlap > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad segment size " + segmentSize + " / overlap " + overlap);
        }
        this.path = path;
        this.segmentSize = segmentSize;
        this.overlap = overlap;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            this.length = channel.size();
            int count = (int) Math.max(1, (length + segmentSize - 1) / segmentSize);
            mappings = new MappedByteBuffer[count];
            segments = new UnsafeBuffer[count];
            try {
                for (int i = 0; i < count; i++) {
                    long start = i * segmentSize;
                    long size = Math.min(length - start, segmentSize + overlap);
                    mappings[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, size));
                    segments[i] = new UnsafeBuffer(mappings[i]);
                }
            } catch (IOException | RuntimeException e) {
                unmap();
                throw e;
            }
        }
    }

    Path path() {
        return path;
    }

    long length() {
        return length;
    }

    /** Largest number of bytes one access may cover. */
    int maxAccess() {
        return overlap;
    }

    long getLong(long offset) {
        return segment(offset, 8).getLong(local(offset), ByteOrder.LITTLE_ENDIAN);
    }

    int getInt(long offset) {
        return segment(offset, 4).getInt(local(offset), ByteOrder.LITTLE_ENDIAN);
    }

    int getUnsignedByte(long offset) {
        return segment(offset, 1).getByte(local(offset)) & 0xFF;
    }

    void getBytes(long offset, byte[] dst, int dstOffset, int len) {
        segment(offset, len).getBytes(local(offset), dst, dstOffset, len);
    }

    void unmap() {
        for (int i = 0; i < mappings.length; i++) {
            if (mappings[i] != null) {
                IoUtil.unmap(mappings[i]);
                mappings[i] = null;
                segments[i] = null;
            }
        }
    }

    private UnsafeBuffer segment(long offset, int len) {
        if (offset < 0 || len < 0 || len > overlap || offset > length - len) {
            throw new IllegalStateException("BUG: read of " + len + " bytes at " + offset + " outside " + path
                    + " (" + length + " bytes)");
        }
        UnsafeBuffer segment = segments[(int) (offset / segmentSize)];
        if (segment == null) {
            throw new IllegalStateException("BUG: read from unmapped part " + path);
        }
        return segment;
    }

    private int local(long offset) {
        return (int) (offset % segmentSize);
    }
}
