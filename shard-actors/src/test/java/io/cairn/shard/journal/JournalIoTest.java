package io.cairn.shard.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.journal.JournalIo.PendingWrite;
import io.cairn.shard.journal.JournalRecord.Events;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalIoTest {

    @TempDir
    Path root;

    private static PendingWrite write(String pid, long first, int count) {
        Events e = JournalTestData.events(first, count);
        return new PendingWrite(pid, e, JournalRecordCodec.encode(e, JournalTestData.MAX_RECORD), null);
    }

    private static long replayCount(JournalIo io, String pid) throws Exception {
        return io.submit(j -> {
            long[] n = {0};
            j.journal(pid).replay(1, Long.MAX_VALUE, Long.MAX_VALUE, (s, t, u, e) -> n[0]++);
            return n[0];
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrentWritersOfManyIdsAreAllAcknowledgedAndDurable() throws Exception {
        int ids = 16;
        int perId = 40;
        try (JournalIo io = new JournalIo(JournalTestData.settings(root, 1 << 16))) {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < ids; i++) {
                String pid = "p" + i;
                Thread t = new Thread(() -> {
                    try {
                        for (int s = 1; s <= perId; s += 2) {
                            // one persist at a time per id, like an EventSourcedBehavior
                            List<Optional<Exception>> out = io.write(List.of(write(pid, s, 2))).get(10, TimeUnit.SECONDS);
                            assertEquals(List.of(Optional.empty()), out);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertEquals(List.of(), failures);
        }
        try (JournalIo io = new JournalIo(JournalTestData.settings(root, 1 << 16))) {
            for (int i = 0; i < ids; i++) {
                String pid = "p" + i;
                assertEquals(perId, io.submit(j -> j.journal(pid).highestSeqNr()).get(10, TimeUnit.SECONDS));
                assertEquals(perId, replayCount(io, pid));
            }
        }
    }

    @Test
    void staleSequenceNumbersAndPreRejectedWritesAreRejectedIndividually() throws Exception {
        try (JournalIo io = new JournalIo(JournalTestData.settings(root, 1 << 16))) {
            IllegalArgumentException serializationFailure = new IllegalArgumentException("cannot serialize");
            List<Optional<Exception>> out = io.write(List.of(
                    write("a", 1, 3),
                    write("a", 2, 1), // at or below the highest: a second writer
                    new PendingWrite("a", null, null, serializationFailure),
                    write("a", 4, 1))).get(10, TimeUnit.SECONDS);
            assertEquals(Optional.empty(), out.get(0));
            assertInstanceOf(IllegalStateException.class, out.get(1).orElseThrow());
            assertEquals(serializationFailure, out.get(2).orElseThrow());
            assertEquals(Optional.empty(), out.get(3));
            assertEquals(4, replayCount(io, "a"));
        }
    }

    @Test
    void secondJournalOnTheSameDirectoryIsRefused() throws Exception {
        try (JournalIo io = new JournalIo(JournalTestData.settings(root, 1 << 16))) {
            IOException e = assertThrows(IOException.class, () -> new JournalIo(JournalTestData.settings(root, 1 << 16)));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        new JournalIo(JournalTestData.settings(root, 1 << 16)).close(); // released on close
    }

    @Test
    void workAfterCloseFails() throws Exception {
        JournalIo io = new JournalIo(JournalTestData.settings(root, 1 << 16));
        io.close();
        CompletableFuture<List<Optional<Exception>>> f = io.write(List.of(write("a", 1, 1)));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void corruptJournalFailsOnlyItsOwnPersistenceId() throws Exception {
        try (JournalIo io = new JournalIo(JournalTestData.settings(root, 1 << 16))) {
            io.write(List.of(write("bad", 1, 2), write("good", 1, 2))).get(10, TimeUnit.SECONDS);
        }
        Path seg = root.resolve("bad").resolve(JournalSegment.fileName(1));
        PidJournalTest.flipByte(seg, JournalSegment.HEADER_LENGTH + 1); // damage the frame header
        PidJournalTest.truncate(seg, java.nio.file.Files.size(seg)); // keep size
        java.nio.file.Files.write(seg, JournalRecordCodec.encode(JournalTestData.events(3, 1), 1 << 20),
                java.nio.file.StandardOpenOption.APPEND); // a valid frame after the damage
        try (JournalIo io = new JournalIo(JournalTestData.settings(root, 1 << 16))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> replayCount(io, "bad"));
            assertInstanceOf(CorruptJournalException.class, e.getCause());
            assertEquals(2, replayCount(io, "good"));
        }
    }
}
