package io.cairn.storage.index;

import static io.cairn.storage.index.IndexLogDescriptor.CRC_OFFSET;
import static io.cairn.storage.index.IndexLogDescriptor.FRAME_LENGTH;
import static io.cairn.storage.index.IndexLogDescriptor.HEADER_LENGTH;
import static io.cairn.storage.index.IndexLogDescriptor.LENGTH_OFFSET;
import static io.cairn.storage.index.IndexLogDescriptor.ORDER;
import static io.cairn.storage.index.IndexLogDescriptor.PAYLOAD_OFFSET;
import static io.cairn.storage.index.IndexLogDescriptor.TYPE_OFFSET;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.agrona.ExpandableArrayBuffer;

/**
 * Appends records to the current segment of the index log, rolling to a new segment past a
 * size limit. Records are staged in memory and reach the file when the stage fills up or on
 * {@link #sync()}, which also fsyncs: only synced records survive a machine crash. Staged
 * records lost in a crash are re-created by the store, which re-resolves the rows it replays
 * from its write-ahead log.
 *
 * <p>Owned by the index's single writer thread; not thread-safe. An I/O failure poisons the
 * writer (every later call throws) rather than leaving a log with a hole in the middle.
 */
final class IndexLogWriter implements Closeable {
    private static final int STAGE_FLUSH_BYTES = 64 * 1024;

    private final Path dir;
    private final long segmentLimit;
    private final CRC32C crc = new CRC32C();
    private final ExpandableArrayBuffer stage = new ExpandableArrayBuffer(STAGE_FLUSH_BYTES * 2);
    private int staged;
    private FileChannel channel;
    private Path file;
    private long sequence;
    private long fileLength;
    private boolean rollingEnabled = true;
    private IOException failure;
    private long appended;

    private IndexLogWriter(Path dir, long segmentLimit) {
        this.dir = dir;
        this.segmentLimit = segmentLimit;
    }

    /** Continues an existing segment, cutting it to {@code validLength} (a torn tail). */
    static IndexLogWriter append(Path dir, long sequence, long validLength, long segmentLimit)
            throws IOException {
        IndexLogWriter w = new IndexLogWriter(dir, segmentLimit);
        w.sequence = sequence;
        w.file = dir.resolve(IndexLogDescriptor.segmentFileName(sequence));
        w.channel = FileChannel.open(w.file, StandardOpenOption.WRITE);
        if (w.channel.size() > validLength) {
            w.channel.truncate(validLength);
            w.channel.force(true);
        }
        w.channel.position(validLength);
        w.fileLength = validLength;
        return w;
    }

    /** Starts a fresh, empty segment with the given sequence. */
    static IndexLogWriter create(Path dir, long sequence, long segmentLimit) throws IOException {
        IndexLogWriter w = new IndexLogWriter(dir, segmentLimit);
        w.startSegment(sequence, false);
        return w;
    }

    /**
     * Starts a snapshot segment under a temporary name; nothing reads it until
     * {@link #publishSnapshot()} renames it into place. Rolling is off meanwhile: a snapshot
     * is exactly one segment.
     */
    static IndexLogWriter createSnapshot(Path dir, long sequence, long segmentLimit)
            throws IOException {
        IndexLogWriter w = new IndexLogWriter(dir, segmentLimit);
        w.rollingEnabled = false;
        w.startSegment(sequence, true);
        return w;
    }

    /** Makes a finished snapshot durable and visible: fsync, rename, fsync the directory. */
    void publishSnapshot() throws IOException {
        sync();
        Path target = dir.resolve(IndexLogDescriptor.segmentFileName(sequence));
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        file = target;
        syncDirectory(dir);
        rollingEnabled = true;
    }

    long sequence() {
        return sequence;
    }

    Path file() {
        return file;
    }

    /** Records appended through this writer. */
    long appended() {
        return appended;
    }

    void seriesCreated(long id, long tenantPacked, byte[] canonicalLabels) {
        int at = begin(IndexLogDescriptor.createdBodyLength(canonicalLabels.length),
                IndexLogDescriptor.SERIES_CREATED);
        stage.putLong(at, id, ORDER);
        stage.putLong(at + 8, tenantPacked, ORDER);
        stage.putInt(at + 16, canonicalLabels.length, ORDER);
        stage.putBytes(at + 20, canonicalLabels);
        end();
    }

    void seriesActiveOnDay(long id, int day) {
        int at = begin(IndexLogDescriptor.fixedBodyLength(IndexLogDescriptor.SERIES_ACTIVE_ON_DAY),
                IndexLogDescriptor.SERIES_ACTIVE_ON_DAY);
        stage.putLong(at, id, ORDER);
        stage.putInt(at + 8, day, ORDER);
        end();
    }

    void seriesActiveOnDays(long id, int firstDay, int lastDay) {
        int at = begin(IndexLogDescriptor.fixedBodyLength(IndexLogDescriptor.SERIES_ACTIVE_ON_DAYS),
                IndexLogDescriptor.SERIES_ACTIVE_ON_DAYS);
        stage.putLong(at, id, ORDER);
        stage.putInt(at + 8, firstDay, ORDER);
        stage.putInt(at + 12, lastDay, ORDER);
        end();
    }

    void seriesDeleted(long id) {
        int at = begin(IndexLogDescriptor.fixedBodyLength(IndexLogDescriptor.SERIES_DELETED),
                IndexLogDescriptor.SERIES_DELETED);
        stage.putLong(at, id, ORDER);
        end();
    }

    void daysDropped(int beforeDay) {
        int at = begin(IndexLogDescriptor.fixedBodyLength(IndexLogDescriptor.DAYS_DROPPED),
                IndexLogDescriptor.DAYS_DROPPED);
        stage.putInt(at, beforeDay, ORDER);
        end();
    }

    /**
     * Owner thread: writes staged records to the OS and returns the channel that must still be
     * forced for them to be durable. Forcing it is safe from any thread; if the segment rolls
     * meanwhile, the roll forced it before closing it.
     */
    FileChannel writeStaged() throws IOException {
        checkHealthy();
        try {
            flushStage();
            return channel;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Writes staged records to the file and fsyncs it. */
    void sync() throws IOException {
        checkHealthy();
        try {
            flushStage();
            channel.force(false);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            if (failure == null) {
                sync();
            }
        } finally {
            channel.close();
            channel = null;
        }
    }

    /** Reserves a record; returns the stage offset of its payload. */
    private int begin(int bodyLength, byte type) {
        checkHealthyUnchecked();
        int frame = staged;
        stage.putInt(frame + LENGTH_OFFSET, bodyLength, ORDER);
        stage.putByte(frame + TYPE_OFFSET, type);
        return frame + PAYLOAD_OFFSET;
    }

    private void end() {
        int frame = staged;
        int bodyLength = stage.getInt(frame + LENGTH_OFFSET, ORDER);
        int crc32c = IndexLogDescriptor.crc32c(crc, stage, frame + TYPE_OFFSET, bodyLength);
        stage.putInt(frame + CRC_OFFSET, crc32c, ORDER);
        staged += FRAME_LENGTH + bodyLength;
        appended++;
        try {
            if (staged >= STAGE_FLUSH_BYTES) {
                flushStage();
            }
            if (rollingEnabled && fileLength + staged >= segmentLimit) {
                roll();
            }
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot write series index log " + file, e);
        }
    }

    private void flushStage() throws IOException {
        if (staged == 0) {
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(stage.byteArray(), 0, staged);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        fileLength += staged;
        staged = 0;
    }

    private void roll() throws IOException {
        sync();
        channel.close();
        startSegment(sequence + 1, false);
    }

    private void startSegment(long seq, boolean snapshot) throws IOException {
        sequence = seq;
        String name = IndexLogDescriptor.segmentFileName(seq) + (snapshot ? ".tmp" : "");
        file = dir.resolve(name);
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ExpandableArrayBuffer header = new ExpandableArrayBuffer(HEADER_LENGTH);
        IndexLogDescriptor.putHeader(header, 0, seq, snapshot, crc);
        ByteBuffer bb = ByteBuffer.wrap(header.byteArray(), 0, HEADER_LENGTH);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        fileLength = HEADER_LENGTH;
        if (!snapshot) {
            channel.force(true);
            syncDirectory(dir);
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private void checkHealthy() throws IOException {
        if (failure != null) {
            throw new IOException("series index log " + file + " failed earlier", failure);
        }
    }

    private void checkHealthyUnchecked() {
        if (failure != null) {
            throw new IllegalStateException("series index log " + file + " failed earlier: "
                    + failure, failure);
        }
        if (channel == null) {
            throw new IllegalStateException("series index log is closed");
        }
    }
}
