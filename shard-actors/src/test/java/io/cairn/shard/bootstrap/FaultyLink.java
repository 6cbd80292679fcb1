package io.cairn.shard.bootstrap;

import io.cairn.shard.replica.ReplicaEntity;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A test stand-in for the network between a bootstrapping replica and its source: it forwards
 * everything, but the copy session it hands out is a proxy that can damage chunks on the way
 * and can swallow the description of one part (to stop the target at a known point).
 */
final class FaultyLink {
    /** Chunks whose data is damaged with their CRC32C left as sent (caught per chunk). */
    final AtomicInteger damageChunks = new AtomicInteger();
    /** Chunks damaged with a matching CRC32C (only the whole-file checksum catches them). */
    final AtomicInteger forgeChunks = new AtomicInteger();
    /** Index in the plan of the part whose description is swallowed; -1 for none. */
    volatile int holdPart = -1;
    /** Told the file name when a description is swallowed. */
    volatile ActorRef<String> held;

    /** The replica entity as seen through this link. */
    Behavior<ReplicaEntity.Command> source(ActorRef<ReplicaEntity.Command> real) {
        return Behaviors.setup(ctx -> Behaviors.receive(ReplicaEntity.Command.class)
                .onMessage(ReplicaEntity.PrepareCopy.class, m -> {
                    ActorRef<CopyPlanReply> rewrite = ctx.spawnAnonymous(planRewriter(m.replyTo()));
                    real.tell(new ReplicaEntity.PrepareCopy(m.requesterEntityId(), m.requester(),
                            rewrite));
                    return Behaviors.same();
                })
                .onAnyMessage(m -> {
                    real.tell(m);
                    return Behaviors.same();
                })
                .build());
    }

    private Behavior<CopyPlanReply> planRewriter(ActorRef<CopyPlanReply> replyTo) {
        return Behaviors.setup(ctx -> Behaviors.receive(CopyPlanReply.class)
                .onMessage(CopyPlanReply.CopyPlan.class, p -> {
                    ActorRef<CopySource.Command> proxy =
                            ctx.spawnAnonymous(session(p.session(), p));
                    replyTo.tell(new CopyPlanReply.CopyPlan(proxy, p.parts()));
                    return Behaviors.same(); // stays alive: it is the proxy's parent
                })
                .onAnyMessage(m -> {
                    replyTo.tell(m);
                    return Behaviors.stopped();
                })
                .build());
    }

    private Behavior<CopySource.Command> session(ActorRef<CopySource.Command> real,
            CopyPlanReply.CopyPlan plan) {
        return Behaviors.setup(ctx -> Behaviors.receive(CopySource.Command.class)
                .onMessage(CopySource.DescribePart.class, m -> {
                    int hold = holdPart;
                    if (hold >= 0 && hold < plan.parts().size()
                            && plan.parts().get(hold).fileName().equals(m.fileName())) {
                        held.tell(m.fileName());
                    } else {
                        real.tell(m);
                    }
                    return Behaviors.same();
                })
                .onMessage(CopySource.FetchChunk.class, m -> {
                    boolean damage = takeOne(damageChunks);
                    boolean forge = !damage && takeOne(forgeChunks);
                    if (damage || forge) {
                        ActorRef<CopySource.Reply> spoil =
                                ctx.spawnAnonymous(spoiler(m.replyTo(), forge));
                        real.tell(new CopySource.FetchChunk(m.fileName(), m.offset(),
                                m.maxBytes(), spoil));
                    } else {
                        real.tell(m);
                    }
                    return Behaviors.same();
                })
                .onAnyMessage(m -> {
                    real.tell(m);
                    return Behaviors.same();
                })
                .build());
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private static Behavior<CopySource.Reply> spoiler(ActorRef<CopySource.Reply> replyTo,
            boolean forgeCrc) {
        return Behaviors.receive((ActorContext<CopySource.Reply> ctx, CopySource.Reply r) -> {
            if (r instanceof CopySource.Chunk c && c.data().length > 0) {
                byte[] data = c.data().clone();
                data[data.length / 2] ^= 0x5a;
                int crc = forgeCrc ? CopyIo.crc32c(data, data.length) : c.crc32c();
                replyTo.tell(new CopySource.Chunk(c.fileName(), c.offset(), data, crc));
            } else {
                replyTo.tell(r);
            }
            return Behaviors.stopped();
        });
    }
}
