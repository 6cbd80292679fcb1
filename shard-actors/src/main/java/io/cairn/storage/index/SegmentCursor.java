package io.cairn.storage.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A forward-only window over one segment file, so that segments of any size (a snapshot may
 * hold hundreds of megabytes) are read with a small, reused buffer. Not thread-safe.
 */
final class SegmentCursor implements Closeable {
    private static final int WINDOW = 1 << 20;

    private final FileChannel channel;
    private final long size;
    private byte[] bytes = new byte[WINDOW];
    private final UnsafeBuffer view = new UnsafeBuffer(bytes);
    private long windowStart;
    private int windowLength;

    SegmentCursor(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        size = channel.size();
    }

    long size() {
        return size;
    }

    /**
     * Makes {@code [offset, offset + length)} readable through {@link #buffer()} at
     * {@link #index(long)}; returns false when the file ends first. Offsets only move forward.
     */
    boolean ensure(long offset, int length) throws IOException {
        if (offset + length > size) {
            return false;
        }
        if (offset >= windowStart && offset + length <= windowStart + windowLength) {
            return true;
        }
        int keep = (int) Math.max(0, windowStart + windowLength - offset);
        if (offset < windowStart) {
            throw new IllegalStateException("BUG: segment cursor moved backwards");
        }
        if (length > bytes.length) {
            byte[] grown = new byte[Math.max(length, bytes.length * 2)];
            System.arraycopy(bytes, (int) (offset - windowStart), grown, 0, keep);
            bytes = grown;
            view.wrap(bytes);
        } else if (keep > 0) {
            System.arraycopy(bytes, (int) (offset - windowStart), bytes, 0, keep);
        }
        windowStart = offset;
        windowLength = keep;
        ByteBuffer bb = ByteBuffer.wrap(bytes, keep, bytes.length - keep);
        while (windowLength < length) {
            int n = channel.read(bb, windowStart + windowLength);
            if (n < 0) {
                throw new IOException("segment shrank while being read");
            }
            windowLength += n;
        }
        return true;
    }

    UnsafeBuffer buffer() {
        return view;
    }

    int index(long offset) {
        return (int) (offset - windowStart);
    }

    /** Whether every byte from {@code offset} to the end of the file is zero. */
    boolean zeroFrom(long offset) throws IOException {
        for (long at = offset; at < size; ) {
            int n = (int) Math.min(WINDOW, size - at);
            ensure(at, n);
            int base = index(at);
            for (int i = 0; i < n; i++) {
                if (bytes[base + i] != 0) {
                    return false;
                }
            }
            at += n;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
