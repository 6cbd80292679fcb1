package io.cairn.shard.handoff;

import io.cairn.shard.replica.ReplicaId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Where the ingest router puts a row block a replica did not acknowledge. Thread-safe.
 */
@FunctionalInterface
public interface Handoff {

    /**
     * Queues {@code block} for {@code target}; completes once it is durable in the queue, or
     * refused. Never completes exceptionally.
     */
    CompletionStage<HandoffResult> enqueue(ReplicaId target, byte[] block);

    /** No hinted handoff: every block is refused, so a failed replica fails the write. */
    Handoff NONE = (target, block) -> CompletableFuture.completedFuture(
            new HandoffResult.Refused("hinted handoff is not configured on this node"));

    /** The node's {@link HandoffActor}, asked with {@code timeout}. */
    static Handoff of(ActorRef<HandoffActor.Command> actor, Scheduler scheduler,
            Duration timeout) {
        return (target, block) -> AskPattern.<HandoffActor.Command, HandoffResult>ask(actor,
                        replyTo -> new HandoffActor.Enqueue(target, block, replyTo), timeout,
                        scheduler)
                .exceptionally(err -> new HandoffResult.Refused("hinted handoff did not "
                        + "confirm within " + timeout.toMillis() + " ms: " + err));
    }
}
