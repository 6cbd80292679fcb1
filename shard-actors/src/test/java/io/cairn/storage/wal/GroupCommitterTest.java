package io.cairn.storage.wal;

import static io.cairn.storage.wal.WalTestSupport.TIMEOUT_SECONDS;
import static io.cairn.storage.wal.WalTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupCommitterTest {
    @TempDir
    Path tmp;

    /** Payload: writer thread id, per-(thread, WAL) sequence number, padding. */
    private static byte[] tagged(int thread, int seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(thread).putInt(seq);
        return b.array();
    }

    @Test
    void manyThreadsAppendingToManyWalsAreAllAcknowledgedAndReplayedOnceInOrder()
            throws Exception {
        int threads = 8;
        int wals = 3;
        int perThreadPerWal = 300;
        List<List<Long>> acked = new ArrayList<>();
        try (GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH)) {
            ReplicaWal[] log = new ReplicaWal[wals];
            for (int w = 0; w < wals; w++) {
                log[w] = ReplicaWal.open(tmp.resolve("r" + w), committer, 64 * 1024);
                acked.add(new ArrayList<>());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            List<List<List<CompletableFuture<Long>>>> futures = new ArrayList<>();
            AtomicReference<Throwable> violation = new AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(new ArrayList<>());
                for (int w = 0; w < wals; w++) {
                    futures.get(t).add(new ArrayList<>());
                }
                Thread writer = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThreadPerWal; i++) {
                            for (int w = 0; w < wals; w++) {
                                ReplicaWal wal = log[w];
                                CompletableFuture<Long> f = wal.append(
                                        tagged(thread, i, 8 + (i * 13 + thread) % 700))
                                        .toCompletableFuture();
                                f.thenAccept(p -> {
                                    // BATCH: an ack is never ahead of the fsync.
                                    if (wal.durablePosition() < p) {
                                        violation.compareAndSet(null, new AssertionError(
                                                "acked " + p + " > durable " + wal.durablePosition()));
                                    }
                                });
                                futures.get(thread).get(w).add(f);
                            }
                        }
                    } catch (Throwable e) {
                        violation.compareAndSet(null, e);
                    }
                });
                writer.start();
                writers.add(writer);
            }
            start.countDown();
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                assertFalse(writer.isAlive());
            }
            for (int t = 0; t < threads; t++) {
                for (int w = 0; w < wals; w++) {
                    long previous = 0;
                    for (CompletableFuture<Long> f : futures.get(t).get(w)) {
                        long p = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        assertTrue(p > previous, "one thread's appends are ordered");
                        previous = p;
                        acked.get(w).add(p);
                    }
                }
            }
            assertNull(violation.get());
            assertEquals((long) threads * wals * perThreadPerWal, committer.records());
            assertTrue(committer.batches() > 0 && committer.fsyncs() > 0);

            for (int w = 0; w < wals; w++) {
                int[] nextSeq = new int[threads];
                List<Long> replayedPositions = new ArrayList<>();
                log[w].replay(0, (position, buffer, offset, length) -> {
                    int thread = buffer.getInt(offset, java.nio.ByteOrder.BIG_ENDIAN);
                    int seq = buffer.getInt(offset + 4, java.nio.ByteOrder.BIG_ENDIAN);
                    assertEquals(nextSeq[thread], seq, "thread " + thread + " order");
                    nextSeq[thread]++;
                    replayedPositions.add(position);
                });
                for (int t = 0; t < threads; t++) {
                    assertEquals(perThreadPerWal, nextSeq[t]);
                }
                List<Long> sortedAcks = new ArrayList<>(acked.get(w));
                sortedAcks.sort(null);
                assertEquals(sortedAcks, replayedPositions, "each acked record replayed once");
                log[w].close();
            }
        }
    }

    @ParameterizedTest(name = "fsync helpers: {0}")
    @ValueSource(ints = {0, 1, 8})
    void batchModeFsyncsEachWalOncePerRoundAndAcksAfterIt(int fsyncThreads) throws IOException {
        try (GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH, fsyncThreads);
                ReplicaWal a = ReplicaWal.open(tmp.resolve("a"), committer);
                ReplicaWal b = ReplicaWal.open(tmp.resolve("b"), committer)) {
            List<CompletionStage<Long>> acks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                acks.add(a.append(new byte[100]));
                acks.add(b.append(new byte[100]));
            }
            for (CompletionStage<Long> ack : acks) {
                await(ack);
            }
            assertEquals(400, committer.records());
            assertEquals(400L * (WalRecordDescriptor.HEADER_LENGTH + 100), committer.bytes());
            assertTrue(committer.fsyncs() <= 2 * committer.batches(),
                    committer.fsyncs() + " fsyncs in " + committer.batches() + " rounds");
            assertEquals(a.lastPosition(), a.durablePosition());
            assertTrue(committer.fsyncNanos() > 0);
            assertTrue(committer.maxFsyncNanos() <= committer.fsyncNanos());
        }
    }

    @Test
    void alwaysModeFsyncsEveryRecord() throws IOException {
        try (GroupCommitter committer = new GroupCommitter(FsyncMode.ALWAYS);
                ReplicaWal wal = ReplicaWal.open(tmp, committer)) {
            List<CompletionStage<Long>> acks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                acks.add(wal.append(new byte[10]));
            }
            for (CompletionStage<Long> ack : acks) {
                long p = await(ack);
                assertTrue(wal.durablePosition() >= p);
            }
            assertEquals(30, committer.fsyncs());
        }
    }

    @Test
    void neverModeAcksAfterWriteAndFsyncsOnlyOnRollSyncAndClose() throws IOException {
        try (GroupCommitter committer = new GroupCommitter(FsyncMode.NEVER)) {
            ReplicaWal wal = ReplicaWal.open(tmp, committer, 1024);
            long last = 0;
            for (int i = 0; i < 5; i++) {
                last = await(wal.append(new byte[100]));
            }
            assertEquals(0, committer.fsyncs(), "no roll yet");
            assertEquals(last, wal.lastPosition());
            assertTrue(wal.durablePosition() < last);
            for (int i = 0; i < 20; i++) { // 20 x 109 bytes roll the 1 KiB segment twice
                last = await(wal.append(new byte[100]));
            }
            assertEquals(wal.segmentBasePositions().length - 1, committer.fsyncs());
            long fsyncsBefore = committer.fsyncs();
            assertEquals(last, await(wal.sync()));
            assertEquals(last, wal.durablePosition());
            assertEquals(fsyncsBefore + 1, committer.fsyncs());
            await(wal.append(new byte[1]));
            wal.close();
            assertEquals(fsyncsBefore + 2, committer.fsyncs(), "close fsyncs");
        }
    }

    @Test
    void closingTheCommitterCompletesWhatWasQueuedAndRefusesMore() throws Exception {
        GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);
        ReplicaWal wal = ReplicaWal.open(tmp, committer);
        List<CompletionStage<Long>> acks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            acks.add(wal.append(new byte[64]));
        }
        committer.close();
        for (CompletionStage<Long> ack : acks) {
            await(ack);
        }
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> wal.append(new byte[1]).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().contains("group committer is closed"));
        wal.close(); // without the committer
        try (GroupCommitter again = new GroupCommitter(FsyncMode.BATCH);
                ReplicaWal reopened = ReplicaWal.open(tmp, again)) {
            assertEquals(500, reopened.replay(0, (p, b, o, l) -> { }).records());
        }
    }

    @Test
    void acksRunOnTheCommitThreadWhereCloseIsRefused() throws Exception {
        try (GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH)) {
            ReplicaWal wal = ReplicaWal.open(tmp, committer);
            // Attach the continuation before submitting, so it surely runs where the ack is sent.
            WalRequest request = WalRequest.append(wal, new byte[1]);
            CompletableFuture<String> seen = request.done.handle((p, e) -> {
                String thread = Thread.currentThread().getName();
                try {
                    wal.close();
                    return thread + ": close accepted";
                } catch (IllegalStateException refused) {
                    return thread + ": refused";
                } catch (IOException other) {
                    return thread + ": " + other;
                }
            });
            assertTrue(committer.submit(request));
            assertEquals(GroupCommitter.THREAD_NAME + ": refused",
                    seen.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            wal.close();
        }
    }

    @Test
    void fsyncModeParsesFlagValues() {
        assertEquals(FsyncMode.BATCH, FsyncMode.parse("batch"));
        assertEquals(FsyncMode.ALWAYS, FsyncMode.parse("ALWAYS"));
        assertEquals(FsyncMode.NEVER, FsyncMode.parse(" never "));
        assertEquals("batch", FsyncMode.BATCH.flagValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FsyncMode.parse("sometimes"));
        assertTrue(e.getMessage().contains("want batch, always or never"));
    }
}
