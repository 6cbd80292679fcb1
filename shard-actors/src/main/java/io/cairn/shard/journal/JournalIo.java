package io.cairn.shard.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All file work of the journal, on one dedicated thread, with group commit: writes that queue up
 * while a round is being forced (of any persistence ids) are appended together and acknowledged
 * after one round of fsyncs, the fsyncs of different files running concurrently on a small pool.
 * So N entities persisting at once cost about one fsync round, not N sequential fsyncs.
 *
 * <p>Thread safety: the public methods may be called from any thread; they enqueue a task and
 * return a future completed on the IO thread. Tasks run in submission order, so a replay or
 * delete submitted after a write sees it. The {@link PidJournal}s are confined to the IO thread.
 *
 * <p>Durability: a write's future completes normally only after its records were forced; if
 * appending or forcing fails, every write of the round that touched that persistence id fails,
 * and the id's journal is reopened (and its tail re-checked) on next use.
 *
 * <p>Owns the lock file {@code <root>/LOCK} while open, so that two journals in one process or on
 * one host never write the same directory.
 */
final class JournalIo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalIo.class);
    private static final int MAX_TASKS_PER_ROUND = 4096;

    /** One AtomicWrite, encoded on the caller's thread, or the reason it was rejected there. */
    record PendingWrite(String persistenceId, JournalRecord.Events record, byte[] frame, Exception rejection) {
    }

    /** File work to run on the IO thread. */
    interface Op<T> {
        T run(Journals journals) throws Exception;
    }

    /** Access to open journals for an {@link Op}; valid only on the IO thread during the op. */
    interface Journals {
        PidJournal journal(String persistenceId) throws IOException;
    }

    private abstract static class Task {
    }

    private static final class WriteTask extends Task {
        final List<PendingWrite> writes;
        final CompletableFuture<List<Optional<Exception>>> result = new CompletableFuture<>();
        final List<Optional<Exception>> outcomes = new ArrayList<>();

        WriteTask(List<PendingWrite> writes) {
            this.writes = writes;
        }
    }

    private static final class OpTask<T> extends Task {
        final Op<T> op;
        final CompletableFuture<T> result = new CompletableFuture<>();

        OpTask(Op<T> op) {
            this.op = op;
        }
    }

    private static final Task SHUTDOWN = new Task() {
    };

    private final JournalSettings settings;
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Map<String, PidJournal> open = new HashMap<>();
    private final ExecutorService fsyncPool;
    private final Thread thread;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private volatile boolean closed;

    /** Journals touched in the current round, with the write tasks that touched each. */
    private final Map<PidJournal, List<WriteTask>> round = new IdentityHashMap<>();
    private final List<WriteTask> roundTasks = new ArrayList<>();

    JournalIo(JournalSettings settings) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.root());
        this.lockChannel = FileChannel.open(settings.root().resolve("LOCK"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("journal directory " + settings.root() + " is in use by another journal "
                    + "(lock on " + settings.root().resolve("LOCK") + " held)");
        }
        this.lock = l;
        AtomicInteger n = new AtomicInteger();
        this.fsyncPool = Executors.newFixedThreadPool(settings.fsyncParallelism(), r -> {
            Thread t = new Thread(r, "cairn-journal-fsync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::loop, "cairn-journal-io");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Appends and forces {@code writes}; the future holds one outcome per write, in order. */
    CompletableFuture<List<Optional<Exception>>> write(List<PendingWrite> writes) {
        WriteTask t = new WriteTask(writes);
        if (!enqueue(t)) {
            t.result.completeExceptionally(closedException());
        }
        return t.result;
    }

    /** Runs {@code op} on the IO thread after every task submitted before it. */
    <T> CompletableFuture<T> submit(Op<T> op) {
        OpTask<T> t = new OpTask<>(op);
        if (!enqueue(t)) {
            t.result.completeExceptionally(closedException());
        }
        return t.result;
    }

    private boolean enqueue(Task t) {
        if (closed) {
            return false;
        }
        queue.add(t);
        return true;
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("cairn journal is closed");
    }

    private void loop() {
        List<Task> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, MAX_TASKS_PER_ROUND);
            for (Task t : batch) {
                if (t instanceof WriteTask w) {
                    appendAll(w);
                } else {
                    commitRound();
                    if (t == SHUTDOWN) {
                        running = false;
                    } else {
                        runOp((OpTask<?>) t);
                    }
                }
            }
            commitRound();
        }
        closeJournals();
    }

    private PidJournal journal(String persistenceId) throws IOException {
        PidJournal j = open.get(persistenceId);
        if (j == null) {
            j = PidJournal.open(persistenceId, settings);
            open.put(persistenceId, j);
        }
        return j;
    }

    private <T> void runOp(OpTask<T> t) {
        try {
            t.result.complete(t.op.run(this::journal));
        } catch (Throwable e) {
            t.result.completeExceptionally(e);
        }
    }

    private void appendAll(WriteTask task) {
        roundTasks.add(task);
        for (PendingWrite w : task.writes) {
            if (w.rejection() != null) {
                task.outcomes.add(Optional.of(w.rejection()));
                continue;
            }
            PidJournal j;
            try {
                j = journal(w.persistenceId());
            } catch (IOException | RuntimeException e) {
                LOG.error("journal {}: cannot open for writing", w.persistenceId(), e);
                task.result.completeExceptionally(e);
                return;
            }
            if (w.record().firstSeqNr() <= j.highestSeqNr()) {
                task.outcomes.add(Optional.of(new IllegalStateException("sequence number "
                        + w.record().firstSeqNr() + " of " + w.persistenceId()
                        + " is not above the journal's highest " + j.highestSeqNr()
                        + ": a second writer for this persistence id?")));
                continue;
            }
            round.computeIfAbsent(j, k -> new ArrayList<>(1)).add(task);
            try {
                j.append(w.record(), w.frame());
                task.outcomes.add(Optional.empty());
            } catch (IOException | RuntimeException e) {
                failJournal(j, e, "append");
                return;
            }
        }
    }

    /** Forces every journal touched since the last commit, then acknowledges the round's writes. */
    private void commitRound() {
        if (roundTasks.isEmpty()) {
            return;
        }
        List<PidJournal> touched = new ArrayList<>(round.keySet());
        if (touched.size() == 1 || settings.fsyncParallelism() == 1) {
            for (PidJournal j : touched) {
                try {
                    j.force();
                } catch (IOException | RuntimeException e) {
                    failJournal(j, e, "fsync");
                }
            }
        } else {
            List<Future<?>> forces = new ArrayList<>(touched.size());
            for (PidJournal j : touched) {
                forces.add(fsyncPool.submit(() -> {
                    j.force();
                    return null;
                }));
            }
            for (int i = 0; i < touched.size(); i++) {
                try {
                    forces.get(i).get();
                } catch (ExecutionException e) {
                    failJournal(touched.get(i), e.getCause(), "fsync");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failJournal(touched.get(i), e, "fsync");
                }
            }
        }
        for (WriteTask t : roundTasks) {
            t.result.complete(t.outcomes); // no effect on a task failed above
        }
        round.clear();
        roundTasks.clear();
    }

    /** Fails every write of the round that touched {@code j} and drops {@code j} so it is reopened. */
    private void failJournal(PidJournal j, Throwable cause, String what) {
        LOG.error("journal {}: {} failed; failing the writes of this round and reopening it on next use",
                j.persistenceId(), what, cause);
        List<WriteTask> tasks = round.remove(j);
        if (tasks != null) {
            for (WriteTask t : tasks) {
                t.result.completeExceptionally(cause);
            }
        }
        open.remove(j.persistenceId());
        try {
            j.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("journal {}: close after failure failed too", j.persistenceId(), e);
        }
    }

    private void closeJournals() {
        for (PidJournal j : open.values()) {
            try {
                j.close();
            } catch (IOException e) {
                LOG.warn("journal {}: close failed", j.persistenceId(), e);
            }
        }
        open.clear();
        Task t;
        while ((t = queue.poll()) != null) {
            if (t instanceof WriteTask w) {
                w.result.completeExceptionally(closedException());
            } else if (t instanceof OpTask<?> o) {
                o.result.completeExceptionally(closedException());
            }
        }
    }

    /**
     * Finishes every task submitted so far, closes all files and releases the lock. Waits up to
     * {@code timeoutMs} for the IO thread.
     */
    void close(long timeoutMs) throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(SHUTDOWN);
        thread.join(timeoutMs);
        if (thread.isAlive()) {
            LOG.warn("journal IO thread did not stop within {} ms", timeoutMs);
        }
        fsyncPool.shutdown();
        fsyncPool.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
        lock.release();
        lockChannel.close();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        close(10_000);
    }
}
