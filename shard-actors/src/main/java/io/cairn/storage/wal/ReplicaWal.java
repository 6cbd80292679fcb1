package io.cairn.storage.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of one shard replica: a directory of segments
 * ({@link WalSegmentDescriptor}) holding CRC-checked records ({@link WalRecordDescriptor}),
 * written through the node's shared {@link GroupCommitter}. Format and crash semantics:
 * {@code docs/format/wal.md}.
 *
 * <p><b>Positions.</b> A record's position is the log position just past it, a long that
 * increases with every record, across segments and reopenings. A replica that has applied
 * everything up to position {@code p} replays with {@code replay(p, ...)} and releases old
 * segments with {@code truncateBefore(p)}.
 *
 * <p><b>Acknowledgement.</b> {@link #append} completes with the record's position once the
 * record is as durable as the committer's {@link FsyncMode} promises; completions of one WAL
 * happen in append order, on the committer thread. With {@link FsyncMode#NEVER} a crash of the
 * machine may lose acknowledged records: call {@link #sync()} before recording a checkpoint,
 * or a later record could reuse the position of a lost one.
 *
 * <p><b>Crash recovery on open.</b> The last segment is scanned; a torn tail (partial record,
 * bad CRC, zero fill) is cut at the last valid record with a WARN naming file, offset and
 * bytes cut. Earlier segments are only read by {@link #replay}, which reports corruption with
 * an ERROR and skips the rest of that segment.
 *
 * <p><b>Threads.</b> {@link #append}, {@link #sync}, {@link #lastPosition} and
 * {@link #durablePosition} are safe from any thread. {@link #replay}, {@link #truncateBefore}
 * and {@link #close} belong to the owner (the replica's store) and must not run concurrently
 * with each other; they may run while appends are in flight. A directory is opened by at most
 * one instance at a time (a {@code LOCK} file is held).
 */
public final class ReplicaWal implements Closeable {
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L << 20;
    /** Small segments are allowed for tests; production uses megabytes. */
    public static final long MIN_SEGMENT_BYTES = 64;
    /** {@link #rollIfCoveredBy} leaves segments with fewer record bytes than this alone. */
    public static final long ROLL_MIN_BYTES = 64 * 1024;
    static final String LOCK_FILE = "LOCK";

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaWal.class);

    private final Path dir;
    private final GroupCommitter committer;
    private final long maxSegmentBytes;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final AtomicBoolean closeRequested = new AtomicBoolean();

    private final Object segmentsLock = new Object();
    /** Bases of the segments before the active one, ascending. Guarded by segmentsLock. */
    private final ArrayList<Long> sealedBases = new ArrayList<>();
    /**
     * Segment appended to; null once closed. Replaced only by the committer thread, under
     * segmentsLock, so the committer reads it freely and other threads under segmentsLock.
     */
    private WalSegment active;

    /** End of the bytes handed to the OS in the active segment (replay reads up to here). */
    private volatile long writtenEnd;
    private volatile long lastPosition;
    private volatile long durablePosition;
    private volatile IOException failure;

    // Committer thread only.
    private WalRequest pendingHead;
    private WalRequest pendingTail;
    private final ArrayList<WalRequest> awaiting = new ArrayList<>();
    private boolean unsynced;
    private boolean syncRequested;
    /** Position just past the last record staged in the committer's buffer. */
    private long stagedPosition;

    private ReplicaWal(Path dir, GroupCommitter committer, long maxSegmentBytes,
            FileChannel lockChannel, FileLock fileLock) throws IOException {
        this.dir = dir;
        this.committer = committer;
        this.maxSegmentBytes = maxSegmentBytes;
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        recover();
    }

    /** {@link #open(Path, GroupCommitter, long)} with 64 MiB segments. */
    public static ReplicaWal open(Path dir, GroupCommitter committer) throws IOException {
        return open(dir, committer, DEFAULT_MAX_SEGMENT_BYTES);
    }

    /**
     * Opens (creating if needed) the WAL in {@code dir}, conventionally
     * {@code <replica dir>/wal}, and recovers its last segment.
     *
     * @param maxSegmentBytes a segment is rolled before it would grow past this
     * @throws IllegalStateException when another instance holds the directory
     * @throws WalFormatException when the last segment has a version this build cannot read
     */
    public static ReplicaWal open(Path dir, GroupCommitter committer, long maxSegmentBytes)
            throws IOException {
        Objects.requireNonNull(committer, "committer");
        if (maxSegmentBytes < MIN_SEGMENT_BYTES || maxSegmentBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxSegmentBytes " + maxSegmentBytes
                    + " outside [" + MIN_SEGMENT_BYTES + ", " + Integer.MAX_VALUE + "]");
        }
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("WAL directory " + dir + " is already open");
        }
        try {
            return new ReplicaWal(dir, committer, maxSegmentBytes, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private void recover() throws IOException {
        long[] bases = listSegments();
        if (bases.length == 0) {
            active = WalSegment.create(dir, 0);
            lastPosition = 0;
        } else {
            for (int i = 0; i < bases.length - 1; i++) {
                sealedBases.add(bases[i]);
            }
            active = recoverLastSegment(bases[bases.length - 1]);
            lastPosition = active.hasRecords() ? active.endPosition() : active.basePosition();
        }
        writtenEnd = active.endPosition();
        durablePosition = lastPosition;
        stagedPosition = lastPosition;
    }

    private WalSegment recoverLastSegment(long base) throws IOException {
        Path path = segmentPath(base);
        int validEnd;
        try (SegmentReader reader = SegmentReader.open(path, base, Long.MAX_VALUE)) {
            switch (reader.readHeader()) {
                case UNSUPPORTED_VERSION -> throw new WalFormatException(path,
                        WalSegmentDescriptor.VERSION_OFFSET, reader.problem());
                case TORN -> {
                    // Headers are fsynced before any record is written: nothing here was acked.
                    LOG.warn("{}: torn segment header ({}); cut at offset 0, {} bytes cut, "
                            + "header rewritten", path, reader.problem(), reader.limit());
                    validEnd = 0;
                }
                case CORRUPT -> {
                    long next = base + reader.limit();
                    LOG.error("{}: corrupt segment header at offset 0 ({}); the segment is kept "
                            + "as is, replay skips it, appends continue in a new segment at "
                            + "position {}", path, reader.problem(), next);
                    sealedBases.add(base);
                    return WalSegment.create(dir, next);
                }
                case VALID -> {
                    while (reader.next()) {
                        // validate every record up to the first invalid one
                    }
                    validEnd = reader.validEnd();
                    if (reader.problem() != null) {
                        LOG.warn("{}: torn tail cut at offset {}: {} bytes cut ({})", path,
                                validEnd, reader.limit() - validEnd, reader.problem());
                    }
                }
                default -> throw new IllegalStateException("BUG: unknown header state");
            }
        }
        // The mapping is released above: truncating a mapped file is not safe.
        return WalSegment.openForAppend(path, base, validEnd);
    }

    private long[] listSegments() throws IOException {
        long[] bases = new long[16];
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                "*" + WalSegmentDescriptor.SUFFIX)) {
            for (Path file : files) {
                long base = WalSegmentDescriptor.parseFileName(file.getFileName().toString());
                if (base < 0) {
                    LOG.warn("{}: not a WAL segment name, ignored", file);
                    continue;
                }
                if (n == bases.length) {
                    bases = Arrays.copyOf(bases, 2 * n);
                }
                bases[n++] = base;
            }
        }
        bases = Arrays.copyOf(bases, n);
        Arrays.sort(bases);
        return bases;
    }

    private Path segmentPath(long base) {
        return dir.resolve(WalSegmentDescriptor.fileName(base));
    }

    public Path directory() {
        return dir;
    }

    /** Largest payload one record can carry with this WAL's segment size. */
    public int maxPayloadLength() {
        return (int) (maxSegmentBytes - WalSegmentDescriptor.HEADER_LENGTH
                - WalRecordDescriptor.HEADER_LENGTH);
    }

    /**
     * Appends a record. Never blocks.
     *
     * @param payload taken over without copying: do not modify it afterwards
     * @return completes with the record's position once durable per the {@link FsyncMode}, or
     *     exceptionally (an {@link IOException} cause) when the WAL failed or is closed
     * @throws IllegalArgumentException when the payload is larger than
     *     {@link #maxPayloadLength()}
     */
    public CompletionStage<Long> append(byte[] payload) {
        if (payload.length > maxPayloadLength()) {
            throw new IllegalArgumentException("WAL record payload of " + payload.length
                    + " bytes exceeds the maximum of " + maxPayloadLength() + " for segments of "
                    + maxSegmentBytes + " bytes");
        }
        return submit(WalRequest.append(this, payload));
    }

    /** {@link #append(byte[])} of a copy of {@code length} bytes of {@code buffer}. */
    public CompletionStage<Long> append(DirectBuffer buffer, int offset, int length) {
        byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return append(copy);
    }

    /**
     * Completes, with the position of the last record appended before this call, once every
     * record appended before it is fsynced, whatever the {@link FsyncMode}.
     */
    public CompletionStage<Long> sync() {
        return submit(WalRequest.sync(this));
    }

    private CompletionStage<Long> submit(WalRequest request) {
        if (closeRequested.get()) {
            request.done.completeExceptionally(closedException());
        } else if (failure != null) {
            request.done.completeExceptionally(unusable());
        } else if (!committer.submit(request)) {
            request.done.completeExceptionally(
                    new IOException("WAL " + dir + ": the group committer is closed"));
        }
        return request.done;
    }

    /**
     * Seals the active segment and starts a new one when everything appended before this call
     * lies at or below {@code position} (typically a flush checkpoint) and the active segment
     * holds at least {@link #ROLL_MIN_BYTES} of records; otherwise does nothing. This lets
     * {@link #truncateBefore(long)} delete a segment that is fully checkpointed but would
     * otherwise stay active until it fills (an idle or small replica would keep up to
     * {@code maxSegmentBytes} of redundant log). The threshold keeps a trickle of writes from
     * creating a file per flush. Never blocks; any thread.
     *
     * @return completes, once the request ran on the commit thread, with the base position of
     *     the segment appended to from then on: when it is {@code <= position}, every earlier
     *     segment can be truncated with {@code truncateBefore(position)}
     */
    public CompletionStage<Long> rollIfCoveredBy(long position) {
        return submit(WalRequest.roll(this, position));
    }

    /** Position of the last record handed to the OS (0 for a new WAL). */
    public long lastPosition() {
        return lastPosition;
    }

    /** Position up to which records are known to be fsynced. */
    public long durablePosition() {
        return durablePosition;
    }

    /** Base positions of the segments on disk, oldest first (for monitoring and tests). */
    public long[] segmentBasePositions() {
        synchronized (segmentsLock) {
            long[] out = new long[sealedBases.size() + (active == null ? 0 : 1)];
            for (int i = 0; i < sealedBases.size(); i++) {
                out[i] = sealedBases.get(i);
            }
            if (active != null) {
                out[out.length - 1] = active.basePosition();
            }
            return out;
        }
    }

    /**
     * Hands every record with a position greater than {@code afterPosition} to
     * {@code handler}, oldest first, reading segments through read-only mappings (the payload
     * is not copied). Records appended concurrently may or may not be seen. A corrupt record
     * is logged at ERROR with file and offset and the rest of its segment is skipped; later
     * segments are still replayed.
     *
     * @throws WalFormatException for a segment of an unsupported version
     * @throws RuntimeException whatever the handler throws, which stops the replay
     */
    public ReplayResult replay(long afterPosition, RecordHandler handler) throws IOException {
        long[] bases;
        long activeEnd;
        synchronized (segmentsLock) {
            if (active == null) {
                throw new IllegalStateException("WAL " + dir + " is closed");
            }
            bases = new long[sealedBases.size() + 1];
            for (int i = 0; i < sealedBases.size(); i++) {
                bases[i] = sealedBases.get(i);
            }
            bases[bases.length - 1] = active.basePosition();
            activeEnd = writtenEnd;
        }
        long records = 0;
        long last = afterPosition;
        int corrupt = 0;
        for (int i = 0; i < bases.length; i++) {
            boolean isActive = i == bases.length - 1;
            long end = isActive ? activeEnd : bases[i + 1];
            if (end <= afterPosition) {
                continue; // every record of the segment ends at or before `end`
            }
            Path path = segmentPath(bases[i]);
            long maxBytes = isActive ? activeEnd - bases[i] : Long.MAX_VALUE;
            try (SegmentReader reader = SegmentReader.open(path, bases[i], maxBytes)) {
                SegmentReader.HeaderState header = reader.readHeader();
                if (header == SegmentReader.HeaderState.UNSUPPORTED_VERSION) {
                    throw new WalFormatException(path, WalSegmentDescriptor.VERSION_OFFSET,
                            reader.problem());
                }
                if (header != SegmentReader.HeaderState.VALID) {
                    LOG.error("{}: unreadable segment header at offset 0 ({}); replay skips "
                            + "the whole segment", path, reader.problem());
                    corrupt++;
                    continue;
                }
                while (reader.next()) {
                    long position = reader.position();
                    if (position > afterPosition) {
                        handler.onRecord(position, reader.buffer(), reader.payloadOffset(),
                                reader.payloadLength());
                        records++;
                        last = position;
                    }
                }
                if (reader.problem() != null) {
                    LOG.error("{}: corrupt record at offset {} ({}); replay of this segment "
                            + "stops there, {} bytes not replayed", path, reader.validEnd(),
                            reader.problem(), reader.limit() - reader.validEnd());
                    corrupt++;
                } else if (!isActive && bases[i] + reader.validEnd() != end) {
                    LOG.error("{}: segment ends at offset {} (position {}) but the next segment "
                            + "starts at position {}; records may be missing", path,
                            reader.validEnd(), bases[i] + reader.validEnd(), end);
                    corrupt++;
                }
            }
        }
        return new ReplayResult(records, last, corrupt);
    }

    /**
     * Deletes, oldest first, every segment all of whose records have positions at or below
     * {@code position}; never the segment being appended to.
     *
     * @return the number of segments deleted
     */
    public int truncateBefore(long position) throws IOException {
        int deleted = 0;
        synchronized (segmentsLock) {
            if (active == null) {
                throw new IllegalStateException("WAL " + dir + " is closed");
            }
            while (!sealedBases.isEmpty()) {
                long end = sealedBases.size() > 1 ? sealedBases.get(1) : active.basePosition();
                if (end > position) {
                    break;
                }
                Files.deleteIfExists(segmentPath(sealedBases.get(0)));
                sealedBases.remove(0);
                deleted++;
            }
        }
        if (deleted > 0) {
            WalSegment.fsyncDirectory(dir);
        }
        return deleted;
    }

    /**
     * Waits until every record appended before the call is written and fsynced, then closes
     * the files and releases the directory. Later appends fail. Idempotent.
     *
     * @throws IOException when the WAL had failed or the final fsync fails
     */
    @Override
    public void close() throws IOException {
        if (committer.isCommitterThread()) {
            throw new IllegalStateException(
                    "ReplicaWal.close() must not run on the WAL commit thread (it waits for it)");
        }
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            WalRequest request = WalRequest.close(this);
            if (committer.submit(request)) {
                awaitClose(request.done);
            } else {
                committer.awaitStopped();
                closeWithoutCommitter();
            }
        } finally {
            try {
                fileLock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    private static void awaitClose(CompletableFuture<Long> done) throws IOException {
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** The committer has stopped (all it was given is done), so this thread owns the state. */
    private void closeWithoutCommitter() throws IOException {
        WalSegment segment;
        synchronized (segmentsLock) {
            segment = active;
            active = null;
        }
        if (segment == null) {
            return;
        }
        try {
            if (failure == null && unsynced) {
                segment.force();
                unsynced = false;
                durablePosition = lastPosition;
            }
        } finally {
            segment.close();
        }
        if (failure != null) {
            throw unusable();
        }
    }

    // ---- committer thread ------------------------------------------------------------------

    /** Adds a request to this round; true when it is the WAL's first in the round. */
    boolean enqueuePending(WalRequest request) {
        boolean first = pendingHead == null;
        if (first) {
            pendingHead = request;
        } else {
            pendingTail.nextPending = request;
        }
        pendingTail = request;
        return first;
    }

    /** Writes this round's requests in order; fsyncs only where the mode or a request asks. */
    void writePending(GroupCommitter c) {
        WalRequest request = pendingHead;
        pendingHead = null;
        pendingTail = null;
        while (request != null) {
            WalRequest next = request.nextPending;
            request.nextPending = null;
            if (request.kind == WalRequest.Kind.CLOSE) {
                closeOnCommitter(request, c);
            } else if (failure != null) {
                request.done.completeExceptionally(unusable());
            } else if (active == null) {
                request.done.completeExceptionally(closedException());
            } else {
                try {
                    handle(request, c);
                } catch (IOException e) {
                    fail(e, request, c);
                }
            }
            request = next;
        }
        if (failure == null && active != null) {
            try {
                flush(c);
            } catch (IOException e) {
                fail(e, null, c);
            }
        }
    }

    private void handle(WalRequest request, GroupCommitter c) throws IOException {
        if (request.kind == WalRequest.Kind.SYNC) {
            syncRequested = true;
            request.position = stagedPosition;
            awaiting.add(request);
            return;
        }
        if (request.kind == WalRequest.Kind.ROLL) {
            long recordBytes = active.size() + c.writeBuffer().position()
                    - WalSegmentDescriptor.HEADER_LENGTH;
            if (stagedPosition <= request.coveredBy && recordBytes >= ROLL_MIN_BYTES) {
                roll(c);
            }
            request.done.complete(active.basePosition());
            return;
        }
        int length = request.recordLength();
        ByteBuffer buffer = c.writeBuffer();
        long segmentBytes = active.size() + buffer.position();
        if (segmentBytes + length > maxSegmentBytes
                && segmentBytes > WalSegmentDescriptor.HEADER_LENGTH) {
            roll(c);
        }
        if (buffer.remaining() < length) {
            flush(c);
            buffer = c.emptyWriteBuffer(length);
        }
        buffer.putInt(request.payload.length);
        buffer.putInt(request.checksum);
        buffer.put(WalRecordDescriptor.TYPE_DATA);
        buffer.put(request.payload);
        request.position = active.endPosition() + buffer.position();
        stagedPosition = request.position;
        c.recordAppend(length);
        if (c.mode() == FsyncMode.ALWAYS) {
            flush(c);
            fsync(c);
            request.done.complete(request.position);
        } else {
            awaiting.add(request);
        }
    }

    private void flush(GroupCommitter c) throws IOException {
        ByteBuffer buffer = c.writeBuffer();
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        try {
            active.write(buffer);
        } finally {
            buffer.clear();
        }
        unsynced = true;
        writtenEnd = active.endPosition();
        lastPosition = stagedPosition;
    }

    private void fsync(GroupCommitter c) throws IOException {
        long start = System.nanoTime();
        active.force();
        c.recordFsync(System.nanoTime() - start);
        unsynced = false;
        durablePosition = lastPosition;
    }

    /** Seals the active segment (written and fsynced in every mode) and starts the next. */
    private void roll(GroupCommitter c) throws IOException {
        flush(c);
        if (unsynced) {
            fsync(c);
        }
        WalSegment sealed = active;
        WalSegment next = WalSegment.create(dir, sealed.endPosition());
        synchronized (segmentsLock) {
            sealedBases.add(sealed.basePosition());
            active = next;
            writtenEnd = next.endPosition();
        }
        sealed.close();
        LOG.debug("{}: rolled to segment at position {}", dir, next.basePosition());
    }

    /** Whether this round must fsync this WAL before acknowledging (mode or sync request). */
    boolean needsRoundFsync(FsyncMode mode) {
        return failure == null && active != null && unsynced
                && (mode != FsyncMode.NEVER || syncRequested);
    }

    /**
     * The round's fsync, possibly on an fsync helper thread while the committer waits (so the
     * segment is not touched concurrently); the committer then calls {@link #roundFsyncDone}.
     *
     * @return the fsync's duration in nanoseconds
     */
    long forceForRound() throws IOException {
        long start = System.nanoTime();
        active.force();
        return System.nanoTime() - start;
    }

    void roundFsyncDone(GroupCommitter c, long nanos) {
        c.recordFsync(nanos);
        unsynced = false;
        durablePosition = lastPosition;
    }

    void roundFsyncFailed(GroupCommitter c, IOException e) {
        fail(e, null, c);
    }

    /** End of a round, after its fsyncs: acknowledge what is now durable per the mode. */
    void completeRound() {
        if (failure != null || active == null) {
            return; // everything of this WAL was already completed
        }
        syncRequested = false;
        completeAwaiting();
    }

    private void completeAwaiting() {
        for (int i = 0, n = awaiting.size(); i < n; i++) {
            WalRequest request = awaiting.get(i);
            request.done.complete(request.position);
        }
        awaiting.clear();
    }

    private void closeOnCommitter(WalRequest request, GroupCommitter c) {
        if (active == null) {
            request.done.complete(lastPosition);
            return;
        }
        if (failure == null) {
            try {
                flush(c);
                if (unsynced) {
                    fsync(c);
                }
                completeAwaiting();
            } catch (IOException e) {
                fail(e, null, c);
            }
        }
        WalSegment segment = active;
        synchronized (segmentsLock) {
            active = null;
        }
        try {
            segment.close();
        } catch (IOException e) {
            LOG.warn("{}: closing {} failed", dir, segment.path(), e);
        }
        if (failure != null) {
            request.done.completeExceptionally(unusable());
        } else {
            request.done.complete(lastPosition);
        }
    }

    /**
     * After an I/O error the file's state is unknown (a failed fsync may have dropped dirty
     * pages), so the WAL refuses further work; reopening it re-validates the tail.
     */
    private void fail(IOException e, WalRequest current, GroupCommitter c) {
        failure = e;
        LOG.error("{}: WAL write failed; pending appends fail and the WAL must be reopened", dir, e);
        c.writeBuffer().clear();
        IOException unusable = unusable();
        if (current != null) {
            current.done.completeExceptionally(unusable);
        }
        for (int i = 0, n = awaiting.size(); i < n; i++) {
            awaiting.get(i).done.completeExceptionally(unusable);
        }
        awaiting.clear();
    }

    /** A commit round died of a bug; its requests were failed by the committer. */
    void abandonRound() {
        pendingHead = null;
        pendingTail = null;
        awaiting.clear();
        if (failure == null) {
            failure = new IOException("BUG: WAL group commit round failed, state unknown");
        }
    }

    private IOException unusable() {
        return new IOException("WAL " + dir + " is unusable after an I/O failure; reopen it",
                failure);
    }

    private IOException closedException() {
        return new IOException("WAL " + dir + " is closed");
    }
}
