package io.cairn.shard.handoff;

import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.wal.GroupCommitter;
import io.cairn.storage.wal.ReplicaWal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * The hinted-handoff queue of one target replica: a {@link ReplicaWal} in
 * {@code <data>/handoff/<entity id>/} (CRC-checked, crash-safe segments; see
 * docs/format/wal.md) holding row blocks as the ingest router received them, oldest first.
 *
 * <p><b>Delivery and deletion.</b> {@link #delivered} is the position up to which the target
 * acknowledged blocks durably. It lives only in memory: after a crash the queue is replayed
 * from its oldest remaining segment, so some delivered blocks are sent again. That is
 * harmless, because a replica keeps one sample per series and timestamp. Fully delivered
 * segments are deleted as replay passes them; an emptied queue is deleted with its directory.
 *
 * <p>Owned and confined to the {@link HandoffActor}.
 */
final class TargetQueue {
    /** One queued block and the queue position just past it. */
    record Block(long position, byte[] rowBlock) {}

    /** Stops a replay once a batch is full. */
    private static final class BatchFull extends RuntimeException {
        BatchFull() {
            super(null, null, false, false);
        }
    }

    final ReplicaId target;
    private final ReplicaWal wal;
    private long delivered;
    int pendingAppends;
    /** A batch is being delivered (its blocks are in flight one after the other). */
    boolean replaying;
    /** Consecutive failed deliveries, for the backoff. */
    int failures;

    private TargetQueue(ReplicaId target, ReplicaWal wal) {
        this.target = target;
        this.wal = wal;
        long[] bases = wal.segmentBasePositions();
        this.delivered = bases.length == 0 ? wal.lastPosition() : bases[0];
    }

    static TargetQueue open(ReplicaId target, Path dir, GroupCommitter committer,
            long segmentBytes) throws IOException {
        return new TargetQueue(target, ReplicaWal.open(dir, committer, segmentBytes));
    }

    /** Bytes not yet delivered (segment framing included). */
    long queuedBytes() {
        return Math.max(0, wal.lastPosition() - delivered);
    }

    boolean hasUndelivered() {
        return wal.lastPosition() > delivered;
    }

    boolean isDrained() {
        return !replaying && pendingAppends == 0 && !hasUndelivered();
    }

    int maxBlockBytes() {
        return wal.maxPayloadLength();
    }

    /** Appends a block; completes when it is durable (per -fsync). */
    CompletionStage<Long> append(byte[] block) {
        pendingAppends++;
        return wal.append(block);
    }

    /** The next undelivered blocks, at least one if any, up to {@code maxBytes} of payload. */
    List<Block> nextBatch(int maxBytes) throws IOException {
        List<Block> out = new ArrayList<>();
        long[] bytes = {0};
        try {
            wal.replay(delivered, (position, buffer, offset, length) -> {
                if (!out.isEmpty() && bytes[0] + length > maxBytes) {
                    throw new BatchFull();
                }
                byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                out.add(new Block(position, copy));
                bytes[0] += length;
            });
        } catch (BatchFull full) {
            // the batch is complete; the rest waits for the next one
        }
        return out;
    }

    /** The target acknowledged everything up to {@code position}; frees whole segments. */
    void delivered(long position) throws IOException {
        delivered = position;
        wal.truncateBefore(position);
    }

    /** Closes the queue and deletes its directory (only when drained). */
    void delete() throws IOException {
        if (!isDrained()) {
            throw new IllegalStateException("BUG: deleting handoff queue of " + target
                    + " with undelivered blocks");
        }
        Path dir = wal.directory();
        wal.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    void close() {
        try {
            wal.close();
        } catch (IOException e) {
            // closing after a failure; the next start recovers the directory
        }
    }
}
