package io.cairn.shard.bootstrap;

import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.shard.serialization.CairnMessage;
import io.cairn.storage.engine.PartsSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One copy session on the replica being copied from: a child of its {@link ReplicaEntity},
 * spawned for a {@code PrepareCopy}. It has the owner flush the head (so every row that arrived
 * before the request is in a part), retains the parts served then ({@link PartsSnapshot}: a
 * merge or retention drop meanwhile deletes no file the copy still needs), answers the
 * requester with the plan, and then serves what the copying replica pulls: part descriptions
 * (size and CRC32C), file chunks and series pages, one reply per request.
 *
 * <p>Reads run on the storage IO dispatcher and reply from there; this actor holds no state
 * they touch except the thread-safe snapshot. The session ends, releasing the parts, on
 * {@link Release}, when the requester is gone (death watch) or after
 * {@link BootstrapSettings#sourceIdleTimeout()} without a request.
 */
public final class CopySource extends AbstractBehavior<CopySource.Command> {

    public sealed interface Command {}

    /** Asks for the size and CRC32C of a part of the plan: {@link PartDescription}. */
    public record DescribePart(String fileName, ActorRef<Reply> replyTo)
            implements Command, CairnMessage {}

    /** Asks for up to {@code maxBytes} of a part file from {@code offset}: {@link Chunk}. */
    public record FetchChunk(String fileName, long offset, int maxBytes, ActorRef<Reply> replyTo)
            implements Command, CairnMessage {}

    /** Asks for up to {@code maxSeries} series of a part from index {@code fromSeries}. */
    public record FetchSeries(String fileName, int fromSeries, int maxSeries,
            ActorRef<Reply> replyTo) implements Command, CairnMessage {}

    /** The copy is done (or abandoned): release the parts and stop. */
    public record Release() implements Command, CairnMessage {}

    public sealed interface Reply extends CairnMessage {}

    /** @param crc32c CRC32C of the whole file */
    public record PartDescription(String fileName, long sizeBytes, int crc32c) implements Reply {}

    /** @param crc32c CRC32C of {@code data}, so damage on the way is caught per chunk */
    public record Chunk(String fileName, long offset, byte[] data, int crc32c) implements Reply {}

    /**
     * Series {@code [fromSeries, nextSeries)} of a part (fewer when the source's index lost
     * some): ids, packed tenants ({@code Tenant.packed}), and canonical label bytes of series
     * {@code i} in {@code labelBytes[labelEnds[i - 1], labelEnds[i])} (from 0 for the first).
     *
     * @param nextSeries where the next page starts, -1 after the last page
     */
    public record SeriesPage(String fileName, int fromSeries, int nextSeries, long[] seriesIds,
            long[] tenants, int[] labelEnds, byte[] labelBytes) implements Reply {}

    /** The request could not be served; the message names the part and what failed. */
    public record CopyFailed(String message) implements Reply {}

    private record Flushed(ReplicaEntity.Done done) implements Command {}

    private record Retained(OwnerRequest.PartsRetained retained) implements Command {}

    private enum Idle implements Command { TIMEOUT, REQUESTER_GONE }

    private final ReplicaId id;
    private final String requesterId;
    private final ActorRef<CopyPlanReply> replyTo;
    private final BootstrapSettings settings;
    private final ActorRef<OwnerRequest> owner;
    private final Executor io;
    /** Null until the owner retained the parts; requests only arrive after the plan anyway. */
    private PartsSnapshot snapshot;

    /**
     * @param owner the replica entity (flushes and retains parts on its thread)
     * @param requester the copying replica's bootstrap actor, watched
     */
    public static Behavior<Command> create(ReplicaId id, String requesterId,
            ActorRef<?> requester, ActorRef<CopyPlanReply> replyTo,
            ActorRef<OwnerRequest> owner, BootstrapSettings settings) {
        return Behaviors.setup(ctx -> new CopySource(ctx, id, requesterId, requester, replyTo,
                owner, settings));
    }

    private CopySource(ActorContext<Command> ctx, ReplicaId id, String requesterId,
            ActorRef<?> requester, ActorRef<CopyPlanReply> replyTo, ActorRef<OwnerRequest> owner,
            BootstrapSettings settings) {
        super(ctx);
        this.id = id;
        this.requesterId = requesterId;
        this.replyTo = replyTo;
        this.settings = settings;
        this.io = ctx.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.storage-io-dispatcher"));
        ctx.watchWith(requester, Idle.REQUESTER_GONE);
        ctx.setReceiveTimeout(settings.sourceIdleTimeout(), Idle.TIMEOUT);
        ActorRef<ReplicaEntity.Done> flushed =
                ctx.messageAdapter(ReplicaEntity.Done.class, Flushed::new);
        this.owner = owner;
        owner.tell(new OwnerRequest.FlushHead(flushed));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Flushed.class, m -> {
                    owner.tell(new OwnerRequest.RetainParts(getContext().messageAdapter(
                            OwnerRequest.PartsRetained.class, Retained::new)));
                    return this;
                })
                .onMessage(Retained.class, this::onRetained)
                .onMessage(DescribePart.class, this::onDescribe)
                .onMessage(FetchChunk.class, this::onFetchChunk)
                .onMessage(FetchSeries.class, this::onFetchSeries)
                .onMessage(Release.class, m -> Behaviors.stopped())
                .onMessage(Idle.class, this::onIdle)
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    private Behavior<Command> onRetained(Retained m) {
        if (m.retained().error() != null) {
            replyTo.tell(new CopyPlanReply.CopyRefused("replica " + id + " cannot list its "
                    + "parts: " + m.retained().error()));
            return Behaviors.stopped();
        }
        snapshot = m.retained().snapshot();
        long bytes = 0;
        for (var p : snapshot.parts()) {
            bytes += p.sizeBytes();
        }
        getContext().getLog().info("{}: copy session for {}: {} parts, {} bytes", id,
                requesterId, snapshot.parts().size(), bytes);
        replyTo.tell(new CopyPlanReply.CopyPlan(getContext().getSelf(), snapshot.parts()));
        return this;
    }

    private Behavior<Command> onIdle(Idle why) {
        if (why == Idle.TIMEOUT) {
            getContext().getLog().warn("{}: copy session for {} idle for {}; releasing its "
                    + "parts", id, requesterId, settings.sourceIdleTimeout());
        } else {
            getContext().getLog().info("{}: copy session for {} ended: the requester is gone",
                    id, requesterId);
        }
        return Behaviors.stopped();
    }

    private Behavior<Command> onDescribe(DescribePart m) {
        Path file = fileOrFail(m.fileName(), m.replyTo());
        if (file != null) {
            String name = m.fileName();
            reply(m.replyTo(), name, () -> new PartDescription(name, Files.size(file),
                    CopyIo.crc32c(file)));
        }
        return this;
    }

    private Behavior<Command> onFetchChunk(FetchChunk m) {
        Path file = fileOrFail(m.fileName(), m.replyTo());
        if (file != null) {
            int max = Math.max(1, Math.min(m.maxBytes(), BootstrapSettings.MAX_CHUNK_BYTES));
            reply(m.replyTo(), m.fileName(), () -> {
                byte[] data = CopyIo.readChunk(file, m.offset(), max);
                BootstrapStats.BYTES_SERVED.add(data.length);
                return new Chunk(m.fileName(), m.offset(), data,
                        CopyIo.crc32c(data, data.length));
            });
        }
        return this;
    }

    private Behavior<Command> onFetchSeries(FetchSeries m) {
        if (fileOrFail(m.fileName(), m.replyTo()) != null) {
            PartsSnapshot s = snapshot;
            int max = Math.max(1, m.maxSeries());
            reply(m.replyTo(), m.fileName(),
                    () -> SeriesPages.read(s, m.fileName(), m.fromSeries(), max));
        }
        return this;
    }

    /** The file of a part of this session, or null after answering {@link CopyFailed}. */
    private Path fileOrFail(String fileName, ActorRef<Reply> replyTo) {
        if (snapshot == null) {
            replyTo.tell(new CopyFailed("replica " + id + ": the copy session has no plan yet"));
            return null;
        }
        try {
            return snapshot.file(fileName);
        } catch (RuntimeException e) {
            replyTo.tell(new CopyFailed("replica " + id + ": " + e.getMessage()));
            return null;
        }
    }

    @FunctionalInterface
    private interface IoCall {
        Reply call() throws IOException;
    }

    private void reply(ActorRef<Reply> replyTo, String fileName, IoCall call) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).whenComplete((r, err) -> replyTo.tell(err == null ? r
                : new CopyFailed("replica " + id + ", part " + fileName + ": "
                        + (err instanceof CompletionException && err.getCause() != null
                                ? err.getCause() : err))));
    }

    private Behavior<Command> onStop() {
        if (snapshot != null) {
            snapshot.close();
        }
        return this;
    }
}
