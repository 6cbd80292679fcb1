package io.cairn.storage.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The segment a {@link ReplicaWal} appends to: the open file, its base position and the number
 * of bytes written. Durability order: a new segment's header and directory entry are fsynced
 * before any record is written into it, so after a crash a segment either has a valid header
 * or contains nothing acknowledged.
 *
 * <p>Confined to the group-commit thread once the WAL is open.
 */
final class WalSegment implements Closeable {
    private final Path path;
    private final long basePosition;
    private final FileChannel channel;
    private long size;

    private WalSegment(Path path, long basePosition, FileChannel channel, long size) {
        this.path = path;
        this.basePosition = basePosition;
        this.channel = channel;
        this.size = size;
    }

    /** Creates {@code dir/<base>.seg} with a header and makes file and entry durable. */
    static WalSegment create(Path dir, long basePosition) throws IOException {
        Path path = dir.resolve(WalSegmentDescriptor.fileName(basePosition));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            writeFully(channel, WalSegmentDescriptor.header(basePosition));
            channel.force(true);
            fsyncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new WalSegment(path, basePosition, channel, WalSegmentDescriptor.HEADER_LENGTH);
    }

    /**
     * Opens an existing segment for appending at {@code validSize}, cutting (and fsyncing the
     * cut of) anything beyond it. A {@code validSize} below the header length rewrites the
     * header, for a segment whose creation was torn by a crash.
     */
    static WalSegment openForAppend(Path path, long basePosition, long validSize)
            throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            if (validSize < WalSegmentDescriptor.HEADER_LENGTH) {
                channel.truncate(0);
                channel.position(0);
                writeFully(channel, WalSegmentDescriptor.header(basePosition));
                channel.force(true);
                validSize = WalSegmentDescriptor.HEADER_LENGTH;
            } else if (channel.size() > validSize) {
                channel.truncate(validSize);
                channel.force(true);
            }
            channel.position(validSize);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new WalSegment(path, basePosition, channel, validSize);
    }

    Path path() {
        return path;
    }

    long basePosition() {
        return basePosition;
    }

    /** Bytes in the file, header included. */
    long size() {
        return size;
    }

    /** Position just past the last byte written. */
    long endPosition() {
        return basePosition + size;
    }

    boolean hasRecords() {
        return size > WalSegmentDescriptor.HEADER_LENGTH;
    }

    /** Writes all of {@code src} at the end of the segment. */
    void write(ByteBuffer src) throws IOException {
        size += writeFully(channel, src);
    }

    /** fsync of the data (and of the size, which fdatasync includes). */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static int writeFully(FileChannel channel, ByteBuffer src) throws IOException {
        int n = 0;
        while (src.hasRemaining()) {
            n += channel.write(src);
        }
        return n;
    }

    /** Makes entries created or deleted in {@code dir} durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
