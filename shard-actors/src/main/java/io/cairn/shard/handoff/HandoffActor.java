package io.cairn.shard.handoff;

import io.cairn.shard.replica.InsertResult;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.rows.RowBlockReader;
import io.cairn.storage.wal.GroupCommitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The node's hinted handoff (DESIGN.md §4): row blocks that a write replica did not
 * acknowledge are kept in a bounded on-disk queue per target replica ({@link TargetQueue},
 * {@code <data>/handoff/<entity id>/}) and replayed to that replica, oldest first, once it
 * answers again: retried with exponential backoff, a queued block deleted only after the
 * replica acknowledged it durably. A crash during replay re-sends some delivered blocks, which
 * replicas collapse (one sample per series and timestamp), and loses none.
 *
 * <p>A queue past -handoff.maxBytesPerReplica refuses further blocks ({@link
 * HandoffResult.Refused}), and the ingest router answers that write 503. Queues of replicas
 * that left the placement are kept and retried (never dropped silently); the operator sees
 * them in /metrics.
 *
 * <p>One per node. Its queue files are read and deleted on its own thread, so it runs on a
 * blocking-IO dispatcher ({@code cairn.storage-io-dispatcher}); appends go through the node's
 * WAL group committer and do not block.
 */
public final class HandoffActor extends AbstractBehavior<HandoffActor.Command> {

    public sealed interface Command {}

    /** Queue {@code rowBlock} for {@code target}; answered once durable, or refused. */
    public record Enqueue(ReplicaId target, byte[] rowBlock, ActorRef<HandoffResult> replyTo)
            implements Command {}

    private record Appended(ReplicaId target, ActorRef<HandoffResult> replyTo, Throwable failure)
            implements Command {}

    private record Retry(ReplicaId target) implements Command {}

    private record Delivered(ReplicaId target, List<TargetQueue.Block> batch, int index,
            InsertResult result, Throwable failure) implements Command {}

    private final HandoffSettings settings;
    private final GroupCommitter committer;
    private final ReplicaClient replicas;
    private final HandoffStats stats;
    private final TimerScheduler<Command> timers;
    private final Map<ReplicaId, TargetQueue> queues = new HashMap<>();
    private final RowBlockReader rowReader = new RowBlockReader();

    public static Behavior<Command> create(HandoffSettings settings, GroupCommitter committer,
            ReplicaClient replicas, HandoffStats stats) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new HandoffActor(ctx, timers, settings, committer, replicas, stats)));
    }

    private HandoffActor(ActorContext<Command> ctx, TimerScheduler<Command> timers,
            HandoffSettings settings, GroupCommitter committer, ReplicaClient replicas,
            HandoffStats stats) throws IOException {
        super(ctx);
        this.settings = settings;
        this.committer = committer;
        this.replicas = replicas;
        this.stats = stats;
        this.timers = timers;
        recoverQueues();
    }

    /** Reopens the queues a previous run left; their replay starts after the first backoff. */
    private void recoverQueues() throws IOException {
        Files.createDirectories(settings.dir());
        try (Stream<Path> dirs = Files.list(settings.dir())) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                ReplicaId target;
                try {
                    target = ReplicaId.parse(dir.getFileName().toString());
                } catch (IllegalArgumentException e) {
                    getContext().getLog().warn("{}: not a handoff queue (not a replica id), "
                            + "ignored", dir);
                    continue;
                }
                TargetQueue q = TargetQueue.open(target, dir, committer, settings.segmentBytes());
                queues.put(target, q);
                publish(q);
                if (q.hasUndelivered()) {
                    getContext().getLog().info("hinted handoff for {}: {} bytes queued from a "
                            + "previous run, replay starts", target, q.queuedBytes());
                    scheduleRetry(q);
                } else {
                    deleteIfDrained(q);
                }
            }
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Enqueue.class, this::onEnqueue)
                .onMessage(Appended.class, this::onAppended)
                .onMessage(Retry.class, this::onRetry)
                .onMessage(Delivered.class, this::onDelivered)
                .onSignal(PostStop.class, s -> {
                    queues.values().forEach(TargetQueue::close);
                    return this;
                })
                .build();
    }

    // ---- queueing ----

    private Behavior<Command> onEnqueue(Enqueue m) {
        TargetQueue q = queues.get(m.target());
        if (q == null) {
            try {
                q = TargetQueue.open(m.target(), settings.dir().resolve(m.target().entityId()),
                        committer, settings.segmentBytes());
            } catch (IOException | RuntimeException e) {
                refuse(m, "cannot open the hinted-handoff queue of " + m.target() + ": " + e);
                return this;
            }
            queues.put(m.target(), q);
            getContext().getLog().info("hinted handoff for {}: the replica did not take a "
                    + "write; queueing its rows in {}", m.target(),
                    settings.dir().resolve(m.target().entityId()));
        }
        long queued = q.queuedBytes();
        if (queued + m.rowBlock().length > settings.maxBytesPerReplica()) {
            refuse(m, "hinted handoff for replica " + m.target() + " is full: " + queued
                    + " bytes queued, -handoff.maxBytesPerReplica=" + settings.maxBytesPerReplica()
                    + "; writes fail until the replica is back or replaced");
            return this;
        }
        if (m.rowBlock().length > q.maxBlockBytes()) {
            refuse(m, "row block of " + m.rowBlock().length + " bytes is larger than a "
                    + "hinted-handoff queue takes (" + q.maxBlockBytes() + ")");
            return this;
        }
        ReplicaId target = m.target();
        getContext().pipeToSelf(q.append(m.rowBlock()),
                (pos, err) -> new Appended(target, m.replyTo(), err));
        return this;
    }

    private void refuse(Enqueue m, String message) {
        stats.refusedBlocks.increment();
        getContext().getLog().warn(message);
        m.replyTo().tell(new HandoffResult.Refused(message));
    }

    private Behavior<Command> onAppended(Appended m) {
        TargetQueue q = queues.get(m.target());
        q.pendingAppends--;
        publish(q); // before answering: whoever sees the answer sees the queue's size
        if (m.failure() != null) {
            stats.refusedBlocks.increment();
            m.replyTo().tell(new HandoffResult.Refused("hinted-handoff queue of " + m.target()
                    + " failed: " + m.failure()));
        } else {
            stats.queuedBlocks.increment();
            m.replyTo().tell(new HandoffResult.Queued(q.queuedBytes()));
        }
        if (!q.replaying) {
            scheduleRetry(q);
        }
        return this;
    }

    // ---- replay ----

    private void scheduleRetry(TargetQueue q) {
        if (!timers.isTimerActive(q.target)) {
            timers.startSingleTimer(q.target, new Retry(q.target),
                    settings.backoff(Math.max(1, q.failures)));
        }
    }

    private Behavior<Command> onRetry(Retry m) {
        TargetQueue q = queues.get(m.target());
        if (q != null && !q.replaying) {
            nextBatch(q);
        }
        return this;
    }

    private void nextBatch(TargetQueue q) {
        List<TargetQueue.Block> batch;
        try {
            batch = q.nextBatch(settings.batchBytes());
        } catch (IOException | RuntimeException e) {
            getContext().getLog().error("hinted handoff for {}: cannot read the queue: {}",
                    q.target, e.toString());
            q.failures++;
            scheduleRetry(q);
            return;
        }
        if (batch.isEmpty()) {
            q.replaying = false;
            deleteIfDrained(q);
            return;
        }
        q.replaying = true;
        send(q, batch, 0);
    }

    private void send(TargetQueue q, List<TargetQueue.Block> batch, int index) {
        byte[] block = batch.get(index).rowBlock();
        ReplicaId target = q.target;
        getContext().ask(InsertResult.class, replicas.ref(target), settings.deliveryTimeout(),
                replyTo -> new ReplicaEntity.Insert(block, replyTo),
                (result, err) -> new Delivered(target, batch, index, result, err));
    }

    private Behavior<Command> onDelivered(Delivered m) throws IOException {
        TargetQueue q = queues.get(m.target());
        TargetQueue.Block block = m.batch().get(m.index());
        if (m.result() instanceof InsertResult.Durable) {
            stats.replayedBlocks.increment();
            stats.replayedRows.add(rows(block.rowBlock()));
            if (q.failures > 0) {
                getContext().getLog().info("hinted handoff for {}: the replica answers again "
                        + "after {} failed attempts; replaying {} bytes", q.target, q.failures,
                        q.queuedBytes());
                q.failures = 0;
            }
        } else if (m.result() instanceof InsertResult.Rejected r) {
            // The block itself is bad (the client was told so when it was written): retrying
            // cannot help, and it must not block the queue behind it.
            getContext().getLog().error("hinted handoff for {}: the replica rejects a queued "
                    + "block, dropped: {}", q.target, r.message());
        } else {
            q.failures++;
            q.replaying = false;
            String why = m.failure() != null ? "no answer within "
                    + settings.deliveryTimeout().toMillis() + " ms"
                    : ((InsertResult.Unavailable) m.result()).message();
            if (q.failures == 1 || Integer.bitCount(q.failures) == 1) {
                getContext().getLog().info("hinted handoff for {}: replica not reachable ({}), "
                        + "{} bytes queued, retry {} in {}", q.target, why, q.queuedBytes(),
                        q.failures, settings.backoff(q.failures));
            }
            scheduleRetry(q);
            return this;
        }
        q.delivered(block.position());
        publish(q);
        if (m.index() + 1 < m.batch().size()) {
            send(q, m.batch(), m.index() + 1);
        } else {
            nextBatch(q);
        }
        return this;
    }

    private long rows(byte[] block) {
        try {
            return rowReader.wrap(new UnsafeBuffer(block), 0, block.length).rowCount();
        } catch (RuntimeException e) {
            return 0; // counted for progress only; the replica validated the block
        }
    }

    private void deleteIfDrained(TargetQueue q) {
        if (!q.isDrained()) {
            return;
        }
        try {
            q.delete();
            queues.remove(q.target);
            stats.remove(q.target.entityId());
            getContext().getLog().info("hinted handoff for {}: everything delivered, queue "
                    + "deleted", q.target);
        } catch (IOException e) {
            getContext().getLog().warn("hinted handoff for {}: cannot delete the empty queue: "
                    + "{}", q.target, e.toString());
        }
    }

    private void publish(TargetQueue q) {
        stats.setQueued(q.target.entityId(), q.queuedBytes());
    }
}
