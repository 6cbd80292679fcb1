package io.cairn.shard.replica;

import io.cairn.shard.serialization.CairnMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
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
    private final Map<Long, Pending> pending = new HashMap<>();
    private long nextBatch;

    public static Behavior<Command> create(ReplicaClient replicas) {
        return Behaviors.setup(ctx -> new ReadGateway(ctx, replicas));
    }

    private ReadGateway(ActorContext<Command> ctx, ReplicaClient replicas) {
        super(ctx);
        this.replicas = replicas;
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
            getContext().ask(ReadResult.class, replicas.ref(ids.get(i)), timeout,
                    replyTo -> new ReplicaEntity.Read(b.request(), replyTo),
                    (result, err) -> new Answered(id, index, result != null ? result
                            : new ReadResult.Failed(describe(err, timeout), false)));
        }
        return this;
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
