package io.cairn.storage.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one WAL writer: a daemon thread ({@value #THREAD_NAME}) that writes, fsyncs and
 * acknowledges the appends of every {@link ReplicaWal} opened with it.
 *
 * <p>Each round takes everything queued, writes it grouped by WAL (per-WAL order preserved),
 * then, in {@link FsyncMode#BATCH}, fsyncs each file written once (the files of one round
 * concurrently, on {@value #FSYNC_THREAD_PREFIX}N helper threads) and only then completes the
 * futures: acknowledgements come strictly after the fsync that covers them. Under load a round
 * carries the appends that arrived during the previous round's fsyncs, so the fsync rate stays
 * bounded while throughput grows with concurrency.
 *
 * <p>Thread safety: {@link #submit} (through {@link ReplicaWal}) is called from any thread and
 * never blocks beyond a short lock; the queue is unbounded, so callers must bound what they
 * have in flight (the store's backpressure). Futures complete on the committer thread, so
 * non-async continuations run there: keep them short (e.g. tell an actor) and never block or
 * call {@link ReplicaWal#close()} in them. Metric getters are safe from any thread.
 */
public final class GroupCommitter implements Closeable {
    public static final String THREAD_NAME = "cairn-wal-commit";
    public static final String FSYNC_THREAD_PREFIX = "cairn-wal-fsync-";
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final int INITIAL_WRITE_BUFFER = 1 << 20;

    /** Default number of helper threads that fsync a round's files concurrently. */
    public static final int DEFAULT_FSYNC_THREADS = 8;

    private final FsyncMode mode;
    private final Thread thread;
    private final ExecutorService fsyncPool;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private ArrayList<WalRequest> incoming = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private boolean closing;

    // Committer thread only.
    private ArrayList<WalRequest> draining = new ArrayList<>();
    private final ArrayList<ReplicaWal> touched = new ArrayList<>();
    private final ArrayList<ReplicaWal> syncing = new ArrayList<>();
    private final ArrayList<Future<Long>> helpers = new ArrayList<>();
    private ByteBuffer writeBuffer = newWriteBuffer(INITIAL_WRITE_BUFFER);

    // Metrics: written by the committer thread only, read by anyone.
    private volatile long records;
    private volatile long bytes;
    private volatile long fsyncs;
    private volatile long fsyncNanos;
    private volatile long maxFsyncNanos;
    private volatile long batches;

    /** {@link #GroupCommitter(FsyncMode, int)} with {@value #DEFAULT_FSYNC_THREADS} helpers. */
    public GroupCommitter(FsyncMode mode) {
        this(mode, DEFAULT_FSYNC_THREADS);
    }

    /**
     * Starts the committer thread and its fsync helpers.
     *
     * @param fsyncThreads helper threads that fsync the files of one round concurrently, in
     *     addition to the committer thread itself (0 = one fsync after another)
     */
    public GroupCommitter(FsyncMode mode, int fsyncThreads) {
        if (fsyncThreads < 0) {
            throw new IllegalArgumentException("fsyncThreads " + fsyncThreads + " < 0");
        }
        this.mode = Objects.requireNonNull(mode, "mode");
        this.fsyncPool = fsyncThreads == 0 ? null : newFsyncPool(fsyncThreads);
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private static ExecutorService newFsyncPool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, FSYNC_THREAD_PREFIX + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public FsyncMode mode() {
        return mode;
    }

    /** Queues a request; false when the committer is closed and will not take it. */
    boolean submit(WalRequest request) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            incoming.add(request);
            if (incoming.size() == 1) {
                workAvailable.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isCommitterThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        try {
            loop();
        } finally {
            if (fsyncPool != null) {
                fsyncPool.shutdown();
            }
        }
    }

    private void loop() {
        while (true) {
            lock.lock();
            try {
                while (incoming.isEmpty() && !closing) {
                    workAvailable.awaitUninterruptibly();
                }
                if (incoming.isEmpty()) {
                    return; // closing and drained
                }
                ArrayList<WalRequest> swap = draining;
                draining = incoming;
                incoming = swap;
            } finally {
                lock.unlock();
            }
            commit(draining);
            draining.clear();
        }
    }

    private void commit(ArrayList<WalRequest> batch) {
        try {
            for (int i = 0, n = batch.size(); i < n; i++) {
                WalRequest request = batch.get(i);
                if (request.wal.enqueuePending(request)) {
                    touched.add(request.wal);
                }
            }
            // Write everything first, then fsync: the fsyncs of this round cover all writes.
            for (int i = 0, n = touched.size(); i < n; i++) {
                touched.get(i).writePending(this);
            }
            // Counted before any acknowledgement, so an observer never sees a round's fsyncs
            // or acks without the round.
            batches++;
            syncing.clear();
            for (int i = 0, n = touched.size(); i < n; i++) {
                if (touched.get(i).needsRoundFsync(mode)) {
                    syncing.add(touched.get(i));
                }
            }
            fsyncAll(syncing);
            for (int i = 0, n = touched.size(); i < n; i++) {
                touched.get(i).completeRound();
            }
        } catch (Throwable t) {
            // Only a bug gets here (I/O errors are handled per WAL); never leave a caller hanging.
            LOG.error("BUG: WAL group commit round failed, failing its {} requests", batch.size(), t);
            IllegalStateException failure =
                    new IllegalStateException("BUG: WAL group commit round failed", t);
            for (int i = 0, n = batch.size(); i < n; i++) {
                batch.get(i).done.completeExceptionally(failure);
            }
            for (int i = 0, n = touched.size(); i < n; i++) {
                touched.get(i).abandonRound();
            }
        } finally {
            touched.clear();
            syncing.clear();
            helpers.clear();
            writeBuffer.clear();
        }
    }

    /**
     * fsyncs the files of a round concurrently: each replica has its own file, and the kernel
     * merges concurrent fsyncs into shared journal commits, where one after another each pays
     * a full commit (measured on ext4 here: 4 files in about 1-3 ms instead of 13-25 ms).
     */
    private void fsyncAll(ArrayList<ReplicaWal> wals) {
        int n = wals.size();
        if (n == 0) {
            return;
        }
        if (n == 1 || fsyncPool == null) {
            for (int i = 0; i < n; i++) {
                ReplicaWal wal = wals.get(i);
                try {
                    wal.roundFsyncDone(this, wal.forceForRound());
                } catch (IOException e) {
                    wal.roundFsyncFailed(this, e);
                }
            }
            return;
        }
        helpers.clear();
        for (int i = 1; i < n; i++) {
            helpers.add(fsyncPool.submit(wals.get(i)::forceForRound));
        }
        ReplicaWal first = wals.get(0);
        try {
            first.roundFsyncDone(this, first.forceForRound());
        } catch (IOException e) {
            first.roundFsyncFailed(this, e);
        }
        for (int i = 1; i < n; i++) {
            ReplicaWal wal = wals.get(i);
            try {
                wal.roundFsyncDone(this, awaitUninterruptibly(helpers.get(i - 1)));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    wal.roundFsyncFailed(this, io);
                } else {
                    throw new IllegalStateException("BUG: fsync helper failed", e.getCause());
                }
            }
        }
    }

    private static long awaitUninterruptibly(Future<Long> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The committer's little-endian staging buffer, shared by the WALs of a round in turn. */
    ByteBuffer writeBuffer() {
        return writeBuffer;
    }

    /** The staging buffer, empty, with a capacity of at least {@code bytes}. */
    ByteBuffer emptyWriteBuffer(int bytes) {
        if (writeBuffer.position() != 0) {
            throw new IllegalStateException("BUG: staging buffer replaced while holding "
                    + writeBuffer.position() + " unwritten bytes");
        }
        if (writeBuffer.capacity() < bytes) {
            writeBuffer = newWriteBuffer(bytes);
        }
        return writeBuffer;
    }

    private static ByteBuffer newWriteBuffer(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    void recordAppend(int recordBytes) {
        records++;
        bytes += recordBytes;
    }

    void recordFsync(long nanos) {
        fsyncs++;
        fsyncNanos += nanos;
        if (nanos > maxFsyncNanos) {
            maxFsyncNanos = nanos;
        }
    }

    /** Records written since start. */
    public long records() {
        return records;
    }

    /** Bytes written for records (headers included, segment headers excluded). */
    public long bytes() {
        return bytes;
    }

    /** fsync calls on segment files (segment creation's own fsyncs not included). */
    public long fsyncs() {
        return fsyncs;
    }

    /** Total time spent in those fsyncs, nanoseconds. */
    public long fsyncNanos() {
        return fsyncNanos;
    }

    /** Longest single fsync, nanoseconds. */
    public long maxFsyncNanos() {
        return maxFsyncNanos;
    }

    /** Commit rounds run: each takes everything queued at its start. */
    public long batches() {
        return batches;
    }

    /** Waits until the committer thread has exited (after {@link #close()}). */
    void awaitStopped() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking requests, commits everything already queued, and stops the thread. WALs
     * still open afterwards close themselves without it. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            workAvailable.signal();
        } finally {
            lock.unlock();
        }
        if (!isCommitterThread()) {
            awaitStopped();
        }
    }
}
