package io.cairn.shard.replica;

import io.cairn.shard.serialization.CairnMessage;
import io.cairn.storage.engine.StoreReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One per node, at {@code /system/}{@value #NAME}: takes one {@link ReadBatch} per read and
 * node (instead of one message per shard crossing the network), asks each listed replica
 * entity on this node in parallel (through sharding, where these replicas are local), and
 * answers once, with one {@link ReplicaAnswer} per listed replica, in the listed order.
 *
 * <p>A replica that does not answer within the batch's timeout, or fails, is answered as
 * {@link ReadResult.Failed} naming why; the batch itself always gets an answer, so the reader
 * only needs its own timeout for a gateway (or node) that is gone. Never blocks.
 *
 * <p>A replica whose reader is listed in the node's {@link NodeReads} is read directly on the
 * read dispatcher, without a message to its entity; the others are asked as above.
 */
public final class ReadGateway extends AbstractBehavior<ReadGateway.Command> {
    /** The gateway's actor name under {@code /system} on every node. */
    public static final String NAME = "read-gateway";

    /** The gateway's protocol. */
    public sealed interface Command {}

    /**
     * Read {@code request} from each of {@code replicas} (all placed on this node), each
     * within {@code timeoutMs}, and answer once.
     */
    public record ReadBatch(ReadRequest request, List<ReplicaId> replicas, long timeoutMs,
            ActorRef<BatchAnswer> replyTo) implements Command, CairnMessage {
        public ReadBatch {
            if (replicas.isEmpty() || timeoutMs <= 0) {
                throw new IllegalArgumentException("read batch of " + replicas.size()
                        + " replicas with timeout " + timeoutMs + " ms");
            }
            replicas = List.copyOf(replicas);
        }
    }

    /** One replica's answer (a {@link ReadResult.Failed} when it failed or stayed silent). */
    public record ReplicaAnswer(ReplicaId replica, ReadResult result) implements CairnMessage {}

    /** The answers of a batch, one per replica of the {@link ReadBatch}, in its order. */
    public record BatchAnswer(List<ReplicaAnswer> answers) implements CairnMessage {
        public BatchAnswer {
            answers = List.copyOf(answers);
        }
    }

    /** A replica of batch {@code batch} answered (or its ask failed). Local only. */
    private record Answered(long batch, int index, ReadResult result) implements Command {}

    /** A batch being gathered; answers fill {@code results} by index. */
    private static final class Pending {
        final ReadBatch batch;
        final ReadResult[] results;
        int missing;

        Pending(ReadBatch batch) {
            this.batch = batch;
            this.results = new ReadResult[batch.replicas().size()];
            this.missing = results.length;
        }
    }

    private final ReplicaClient replicas;
    /** Readers of the replicas open on this node; null: every replica is asked. */
    private final NodeReads local;
    /** Where direct reads run; null without {@link #local}. */
    private final Executor reads;
    private final Map<Long, Pending> pending = new HashMap<>();
    private long nextBatch;

    /** A gateway that asks every replica through {@code replicas}. */
    public static Behavior<Command> create(ReplicaClient replicas) {
        return create(replicas, null);
    }

    /**
     * A gateway that reads the replicas listed in {@code local} directly on the
     * {@code cairn.read-dispatcher} and asks the others through {@code replicas}.
     *
     * @param local this node's open replicas; null: ask every replica
     */
    public static Behavior<Command> create(ReplicaClient replicas, NodeReads local) {
        return Behaviors.setup(ctx -> new ReadGateway(ctx, replicas, local));
    }

    private ReadGateway(ActorContext<Command> ctx, ReplicaClient replicas, NodeReads local) {
        super(ctx);
        this.replicas = replicas;
        this.local = local;
        this.reads = local == null ? null : ctx.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.read-dispatcher"));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(ReadBatch.class, this::onBatch)
                .onMessage(Answered.class, this::onAnswered)
                .build();
    }

    private Behavior<Command> onBatch(ReadBatch b) {
        long id = nextBatch++;
        pending.put(id, new Pending(b));
        Duration timeout = Duration.ofMillis(b.timeoutMs());
        List<ReplicaId> ids = b.replicas();
        for (int i = 0; i < ids.size(); i++) {
            int index = i;
            StoreReader reader = local != null ? local.reader(ids.get(i)) : null;
            if (reader != null) {
                readDirectly(id, index, reader, b.request(), timeout);
                continue;
            }
            getContext().ask(ReadResult.class, replicas.ref(ids.get(i)), timeout,
                    replyTo -> new ReplicaEntity.Read(b.request(), replyTo),
                    (result, err) -> new Answered(id, index, result != null ? result
                            : new ReadResult.Failed(describe(err, timeout), false)));
        }
        return this;
    }

    /**
     * Reads one replica of batch {@code batch} on the read dispatcher. A read still running
     * after {@code timeout} is answered as failed like a silent replica; its result is dropped.
     */
    private void readDirectly(long batch, int index, StoreReader reader, ReadRequest request,
            Duration timeout) {
        NodeReads nodeReads = local;
        CompletableFuture<ReadResult> read = CompletableFuture
                .supplyAsync(() -> nodeReads.answer(reader, request), reads)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        // answer() never throws: the only failure left is the timeout.
        getContext().pipeToSelf(read, (result, err) -> new Answered(batch, index,
                result != null ? result : new ReadResult.Failed(describe(err, timeout), false)));
    }

    private Behavior<Command> onAnswered(Answered a) {
        Pending p = pending.get(a.batch());
        if (p == null || p.results[a.index()] != null) {
            throw new IllegalStateException("BUG: second answer for replica " + a.index()
                    + " of read batch " + a.batch());
        }
        p.results[a.index()] = a.result();
        if (--p.missing == 0) {
            pending.remove(a.batch());
            ReplicaAnswer[] out = new ReplicaAnswer[p.results.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = new ReplicaAnswer(p.batch.replicas().get(i), p.results[i]);
            }
            p.batch.replyTo().tell(new BatchAnswer(Arrays.asList(out)));
        }
        return this;
    }

    /** Why an ask failed, as the reader shows it next to the replica id. */
    public static String describe(Throwable err, Duration timeout) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null
                ? err.getCause() : err;
        if (cause instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return String.valueOf(cause);
    }
}
