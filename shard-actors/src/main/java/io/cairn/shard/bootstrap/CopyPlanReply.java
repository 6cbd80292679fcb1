package io.cairn.shard.bootstrap;

import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.serialization.CairnMessage;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** The source replica's answer to {@code ReplicaEntity.PrepareCopy}. */
public sealed interface CopyPlanReply extends CairnMessage {

    /**
     * Every part the source served once its head was flushed after the request arrived, kept
     * alive by the {@code session} (a {@link CopySource}) until it is released, idle for too long
     * or the requester is gone.
     *
     * @param parts in the source's read order (older data first within a day)
     */
    record CopyPlan(ActorRef<CopySource.Command> session, List<PartRef> parts)
            implements CopyPlanReply {
        public CopyPlan {
            parts = List.copyOf(parts);
        }
    }

    /** The source cannot serve as a copy source (it is incomplete itself, or leaving). */
    record CopyRefused(String reason) implements CopyPlanReply {}
}
