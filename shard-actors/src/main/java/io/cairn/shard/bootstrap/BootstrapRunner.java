package io.cairn.shard.bootstrap;

import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.replica.ManifestKeeper;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.engine.ImportTicket;
import io.cairn.storage.engine.ShardStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Peer bootstrap of one INITIALIZING replica: copies every part of a sibling replica (the
 * source) and then records the replica AVAILABLE. A child of the copying {@link ReplicaEntity},
 * which keeps serving inserts meanwhile (the replica receives every new write from the moment
 * it was created).
 *
 * <p>One attempt: list the parts this replica serves already; ask the source for a copy plan
 * ({@code PrepareCopy}: the source flushes its head first, so every row written before this
 * request is in one of the planned parts, and retains those parts for the session); record the
 * planned total; then per planned part, in the source's order: describe it (size, CRC32C); keep
 * it if a local part is the same file byte for byte (adopted by an earlier, interrupted
 * attempt); else pull it in chunks into {@code <replica>/bootstrap/} (a window of requests in
 * flight, each chunk checked against its CRC32C and fetched again on mismatch), force it,
 * verify the whole file's CRC32C and open it as a part, register its series in the index, move
 * it into parts/ and record {@code PartAdded} with the progress, then serve it. Finally record
 * {@code LifecycleChanged(AVAILABLE)}, release the session and tell the listeners.
 *
 * <p>Failures (timeouts, a source that restarted, a copy that fails verification) end the
 * attempt; the next one starts after a backoff and keeps what earlier ones adopted. After
 * {@link BootstrapSettings#maxAttempts()} the listeners are told {@link BootstrapOutcome.Failed}.
 * A crash of this replica loses only the part in transfer: a new {@code StartBootstrap} resumes
 * from the manifest. When the manifest's answer is unknown (a record timed out) the replica is
 * restarted from its manifest, as after any such failure.
 *
 * <p>Blocking file work runs on the storage IO dispatcher; replies come back as messages.
 */
public final class BootstrapRunner extends AbstractBehavior<BootstrapRunner.Command> {

    public sealed interface Command {}

    /** Another listener for the outcome (a repeated {@code StartBootstrap}). */
    public record AddListener(ActorRef<BootstrapOutcome> listener) implements Command {}

    private record Retry(int attempt) implements Command {}

    /** The answer to one step of attempt {@code attempt}; stale when the attempt is over. */
    private record Step<T>(int attempt, Kind kind, T result, Throwable failure)
            implements Command {}

    private enum Kind {
        LOCAL_PARTS, PLAN, PLAN_RECORDED, DESCRIBED, LOCAL_MATCH, COPY_OPENED, CHUNK, WRITTEN,
        VERIFIED, SERIES, REGISTERED, PREPARED, IMPORT_WRITTEN, IMPORT_RECORDED, COMMITTED,
        AVAILABLE_RECORDED
    }

    /** A chunk as answered, with the offset it was asked for. */
    private record ChunkAnswer(long offset, CopySource.Reply reply) {}

    private final ReplicaId id;
    private final String sourceId;
    private final List<ActorRef<BootstrapOutcome>> listeners = new ArrayList<>();
    private final ActorRef<OwnerRequest> owner;
    private final ActorRef<ManifestKeeper.Command> keeper;
    private final ReplicaLookup lookup;
    private final Path workDir;
    private final BootstrapSettings settings;
    private final TimerScheduler<Command> timers;
    private final Executor io;
    private final BootstrapProgress progress;

    private int attempt = 1;
    private ActorRef<CopySource.Command> session;
    private List<PartRef> plan = List.of();
    private long totalBytes;
    /** Bytes of planned parts this replica holds now (kept or adopted). */
    private long doneBytes;
    private int next;
    private OwnerRequest.LocalParts local;
    private final Set<String> claimedLocal = new HashSet<>();
    private CopySource.PartDescription description;
    private PartTransfer transfer;
    private ImportTicket ticket;
    private long bytesCopied;
    private int partsCopied;
    private int partsKept;

    /**
     * @param sourceId entity id of the sibling to copy from; empty when there is none (a new
     *     shard, or no sibling left): the replica then becomes AVAILABLE with what it has
     * @param owner the replica entity (store operations on its thread)
     * @param keeper the replica's manifest keeper
     * @param workDir where copies are assembled: {@code <replica dir>/bootstrap}
     */
    public static Behavior<Command> create(ReplicaId id, String sourceId,
            ActorRef<BootstrapOutcome> listener, ActorRef<OwnerRequest> owner,
            ActorRef<ManifestKeeper.Command> keeper, ReplicaLookup lookup, Path workDir,
            BootstrapSettings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new BootstrapRunner(ctx,
                timers, id, sourceId, listener, owner, keeper, lookup, workDir, settings)));
    }

    private BootstrapRunner(ActorContext<Command> ctx, TimerScheduler<Command> timers,
            ReplicaId id, String sourceId, ActorRef<BootstrapOutcome> listener,
            ActorRef<OwnerRequest> owner, ActorRef<ManifestKeeper.Command> keeper,
            ReplicaLookup lookup, Path workDir, BootstrapSettings settings) {
        super(ctx);
        this.id = id;
        this.sourceId = sourceId;
        this.listeners.add(listener);
        this.owner = owner;
        this.keeper = keeper;
        this.lookup = lookup;
        this.workDir = workDir;
        this.settings = settings;
        this.timers = timers;
        this.io = ctx.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.storage-io-dispatcher"));
        this.progress = new BootstrapProgress(id, sourceId, settings.progressLogPercent(),
                ctx.getLog());
        BootstrapStats.RUNNING.increment();
        ctx.getSelf().tell(new Retry(attempt));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(AddListener.class, m -> {
                    if (!listeners.contains(m.listener())) {
                        listeners.add(m.listener());
                    }
                    return this;
                })
                .onMessage(Retry.class, m -> m.attempt() == attempt ? begin() : this)
                .onMessage(Step.class, this::onStep)
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    private Behavior<Command> onStep(Step<?> step) throws IOException {
        if (step.attempt() != attempt) {
            return this; // an answer to an attempt that already failed
        }
        if (step.failure() != null) {
            return failed(step.kind(), describe(step.failure()));
        }
        Object r = step.result();
        return switch (step.kind()) {
            case LOCAL_PARTS -> onLocalParts((OwnerRequest.LocalParts) r);
            case PLAN -> onPlan((CopyPlanReply) r);
            case PLAN_RECORDED -> nextPart();
            case COMMITTED -> onCommitted((OwnerRequest.ImportCommitted) r);
            case DESCRIBED -> onDescribed((CopySource.Reply) r);
            case LOCAL_MATCH -> onLocalMatch((String) r);
            case COPY_OPENED -> onCopyOpened((FileChannel) r);
            case CHUNK -> onChunk((ChunkAnswer) r);
            case WRITTEN -> onWritten((Integer) r);
            case VERIFIED -> fetchSeries(0);
            case SERIES -> onSeries((CopySource.Reply) r);
            case REGISTERED -> onRegistered((RegisteredPage) r);
            case PREPARED -> onPrepared((OwnerRequest.ImportPrepared) r);
            case IMPORT_WRITTEN -> recordImport();
            case IMPORT_RECORDED -> commitImport();
            case AVAILABLE_RECORDED -> completed();
        };
    }

    // ---- one attempt ----

    private Behavior<Command> begin() {
        if (sourceId.isEmpty()) {
            getContext().getLog().info("{}: no sibling to copy from; becoming AVAILABLE with "
                    + "the data it has", id);
            return finish();
        }
        getContext().getLog().info("{}: bootstrap attempt {} of {} from {}", id, attempt,
                settings.maxAttempts(), sourceId);
        askOwner(Kind.LOCAL_PARTS, OwnerRequest.LocalParts.class, OwnerRequest.ListParts::new);
        return this;
    }

    private Behavior<Command> onLocalParts(OwnerRequest.LocalParts parts) {
        local = parts;
        claimedLocal.clear();
        RecipientRef<ReplicaEntity.Command> source;
        try {
            source = lookup.lookup(sourceId);
        } catch (IllegalArgumentException e) {
            return failed(Kind.PLAN, "cannot find source replica " + sourceId + ": "
                    + e.getMessage());
        }
        int a = attempt;
        ActorRef<Command> self = getContext().getSelf();
        getContext().ask(CopyPlanReply.class, source, settings.prepareTimeout(),
                replyTo -> new ReplicaEntity.PrepareCopy(id.entityId(), self, replyTo),
                (r, err) -> new Step<>(a, Kind.PLAN, r, err));
        return this;
    }

    private Behavior<Command> onPlan(CopyPlanReply reply) {
        if (reply instanceof CopyPlanReply.CopyRefused refused) {
            return failed(Kind.PLAN, "source " + sourceId + " refused: " + refused.reason());
        }
        CopyPlanReply.CopyPlan p = (CopyPlanReply.CopyPlan) reply;
        session = p.session();
        plan = p.parts();
        totalBytes = 0;
        for (PartRef part : plan) {
            totalBytes += part.sizeBytes();
        }
        doneBytes = 0;
        next = 0;
        progress.start(totalBytes, plan.size());
        record(Kind.PLAN_RECORDED, List.of(new ManifestEvent.BootstrapProgressed(0, totalBytes)));
        return this;
    }

    private Behavior<Command> nextPart() {
        if (next == plan.size()) {
            return finish();
        }
        PartRef part = plan.get(next);
        askSource(Kind.DESCRIBED, r -> new CopySource.DescribePart(part.fileName(), r));
        return this;
    }

    private Behavior<Command> onDescribed(CopySource.Reply reply) {
        PartRef part = plan.get(next);
        if (!(reply instanceof CopySource.PartDescription d)
                || !d.fileName().equals(part.fileName())) {
            return failed(Kind.DESCRIBED, "describing part " + part.fileName() + ": " + reply);
        }
        description = d;
        List<Path> candidates = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < local.parts().size(); i++) {
            PartRef l = local.parts().get(i);
            if (sameSummary(l, part) && !claimedLocal.contains(l.fileName())) {
                candidates.add(local.files().get(i));
                names.add(l.fileName());
            }
        }
        if (candidates.isEmpty()) {
            return openCopy();
        }
        int crc = d.crc32c();
        onIo(Kind.LOCAL_MATCH, () -> {
            for (int i = 0; i < candidates.size(); i++) {
                try {
                    if (CopyIo.crc32c(candidates.get(i)) == crc) {
                        return names.get(i);
                    }
                } catch (IOException e) {
                    // merged away meanwhile: not a match, copy the part instead
                }
            }
            return "";
        });
        return this;
    }

    private static boolean sameSummary(PartRef a, PartRef b) {
        return a.day() == b.day() && a.minTimeMs() == b.minTimeMs()
                && a.maxTimeMs() == b.maxTimeMs() && a.rowCount() == b.rowCount()
                && a.sizeBytes() == b.sizeBytes();
    }

    private Behavior<Command> onLocalMatch(String localName) {
        if (localName.isEmpty()) {
            return openCopy();
        }
        claimedLocal.add(localName);
        PartRef part = plan.get(next);
        getContext().getLog().debug("{}: part {} of {} is here already as {}", id,
                part.fileName(), sourceId, localName);
        partsKept++;
        BootstrapStats.PARTS_KEPT.increment();
        doneBytes += part.sizeBytes();
        progress.update(doneBytes, next + 1);
        next++;
        return nextPart();
    }

    private Behavior<Command> openCopy() {
        Path copy = workDir.resolve(plan.get(next).fileName() + ".copy");
        onIo(Kind.COPY_OPENED, () -> {
            Files.createDirectories(workDir);
            return FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        });
        return this;
    }

    private Behavior<Command> onCopyOpened(FileChannel channel) {
        PartRef part = plan.get(next);
        transfer = new PartTransfer(part, description, workDir.resolve(part.fileName() + ".copy"),
                channel, settings.chunkBytes());
        return fill();
    }

    private Behavior<Command> fill() {
        if (transfer.complete()) {
            return verify();
        }
        while (transfer.canRequest(settings.window())) {
            requestChunk(transfer.takeNext());
        }
        return this;
    }

    private void requestChunk(long offset) {
        String name = transfer.part.fileName();
        int length = transfer.lengthAt(offset);
        int a = attempt;
        getContext().ask(CopySource.Reply.class, session, settings.askTimeout(),
                r -> new CopySource.FetchChunk(name, offset, length, r),
                (r, err) -> new Step<>(a, Kind.CHUNK, new ChunkAnswer(offset, r), null));
    }

    private Behavior<Command> onChunk(ChunkAnswer answer) {
        long offset = answer.offset();
        int length = transfer.lengthAt(offset);
        String problem = chunkProblem(answer.reply(), offset, length);
        if (problem != null) {
            long fetches = transfer.retried(offset);
            if (fetches > settings.chunkRetries()) {
                return failed(Kind.CHUNK, "chunk at offset " + offset + " of part "
                        + transfer.part.fileName() + " from " + sourceId + ": " + problem
                        + " (fetched " + fetches + " times)");
            }
            BootstrapStats.CHUNK_RETRIES.increment();
            getContext().getLog().warn("{}: chunk at offset {} of part {} from {}: {}; fetching "
                    + "it again", id, offset, transfer.part.fileName(), sourceId, problem);
            requestChunk(offset);
            return this;
        }
        byte[] data = ((CopySource.Chunk) answer.reply()).data();
        FileChannel ch = transfer.channel;
        onIo(Kind.WRITTEN, () -> {
            CopyIo.writeAt(ch, offset, data);
            return data.length;
        });
        return this;
    }

    /** What is wrong with a chunk answer, or null when it is the chunk asked for, intact. */
    private String chunkProblem(CopySource.Reply reply, long offset, int length) {
        if (reply == null) {
            return "no answer within " + settings.askTimeout();
        }
        if (!(reply instanceof CopySource.Chunk c)) {
            return String.valueOf(reply);
        }
        if (!c.fileName().equals(transfer.part.fileName()) || c.offset() != offset
                || c.data().length != length) {
            return "got " + c.data().length + " bytes of " + c.fileName() + " at " + c.offset()
                    + ", asked for " + length + " at " + offset;
        }
        int crc = CopyIo.crc32c(c.data(), c.data().length);
        if (crc != c.crc32c()) {
            return "CRC32C mismatch (computed " + Integer.toHexString(crc) + ", sent "
                    + Integer.toHexString(c.crc32c()) + ")";
        }
        return null;
    }

    private Behavior<Command> onWritten(int length) {
        transfer.chunkWritten(length);
        bytesCopied += length;
        BootstrapStats.BYTES_COPIED.add(length);
        progress.update(doneBytes + transfer.written(), next);
        return fill();
    }

    private Behavior<Command> verify() {
        PartTransfer t = transfer;
        onIo(Kind.VERIFIED, () -> {
            t.channel.force(true);
            t.channel.close();
            CopyIo.verifyCopy(t.copy, t.part, t.crc32c);
            return Boolean.TRUE;
        });
        return this;
    }

    private Behavior<Command> fetchSeries(int from) {
        String name = transfer.part.fileName();
        int max = settings.seriesPageSize();
        askSource(Kind.SERIES, r -> new CopySource.FetchSeries(name, from, max, r));
        return this;
    }

    private Behavior<Command> onSeries(CopySource.Reply reply) {
        if (!(reply instanceof CopySource.SeriesPage page)
                || !page.fileName().equals(transfer.part.fileName())) {
            return failed(Kind.SERIES, "series of part " + transfer.part.fileName() + ": "
                    + reply);
        }
        int day = transfer.part.day();
        int a = attempt;
        getContext().ask(OwnerRequest.SeriesRegistered.class, owner, settings.askTimeout(),
                r -> new OwnerRequest.RegisterSeries(day, page, r),
                (r, err) -> new Step<>(a, Kind.REGISTERED, r == null ? null
                        : new RegisteredPage(r, page.nextSeries()), err));
        return this;
    }

    private record RegisteredPage(OwnerRequest.SeriesRegistered result, int nextSeries) {}

    private Behavior<Command> onRegistered(RegisteredPage page) {
        if (page.result().error() != null) {
            return failed(Kind.REGISTERED, page.result().error());
        }
        if (page.nextSeries() >= 0) {
            return fetchSeries(page.nextSeries());
        }
        PartRef part = transfer.part;
        askOwner(Kind.PREPARED, OwnerRequest.ImportPrepared.class,
                replyTo -> new OwnerRequest.PrepareImport(part, replyTo));
        return this;
    }

    private Behavior<Command> onPrepared(OwnerRequest.ImportPrepared prepared) {
        if (prepared.error() != null) {
            return failed(Kind.PREPARED, "preparing the import of " + transfer.part.fileName()
                    + ": " + prepared.error());
        }
        ticket = prepared.ticket();
        ImportTicket t = ticket;
        Path copy = transfer.copy;
        onIo(Kind.IMPORT_WRITTEN, () -> ShardStore.writeImport(t, copy));
        return this;
    }

    private Behavior<Command> recordImport() {
        long done = doneBytes + ticket.ref().sizeBytes();
        record(Kind.IMPORT_RECORDED, List.of(new ManifestEvent.PartAdded(ticket.ref()),
                new ManifestEvent.BootstrapProgressed(done, totalBytes)));
        return this;
    }

    private Behavior<Command> commitImport() {
        ImportTicket t = ticket;
        ticket = null; // recorded: from now on the manifest owns the file, never abort it
        doneBytes += t.ref().sizeBytes();
        partsCopied++;
        BootstrapStats.PARTS_COPIED.increment();
        transfer = null;
        next++;
        progress.update(doneBytes, next);
        askOwner(Kind.COMMITTED, OwnerRequest.ImportCommitted.class,
                replyTo -> new OwnerRequest.CommitImport(t, replyTo));
        return this;
    }

    private Behavior<Command> onCommitted(OwnerRequest.ImportCommitted committed) {
        if (committed.error() != null) {
            return failed(Kind.COMMITTED, "serving an adopted part: " + committed.error());
        }
        return nextPart();
    }

    // ---- the end ----

    private Behavior<Command> finish() {
        record(Kind.AVAILABLE_RECORDED, List.of(
                new ManifestEvent.BootstrapProgressed(totalBytes, totalBytes),
                new ManifestEvent.LifecycleChanged(ReplicaLifecycle.AVAILABLE)));
        return this;
    }

    private Behavior<Command> completed() {
        releaseSession();
        deleteWorkDir();
        BootstrapStats.COMPLETED.increment();
        getContext().getLog().info("{}: bootstrap from {} complete: {} parts copied ({} bytes in "
                + "{}), {} kept from earlier attempts; replica AVAILABLE", id,
                sourceId.isEmpty() ? "nowhere" : sourceId, partsCopied, bytesCopied,
                progress.elapsed(), partsKept);
        owner.tell(new OwnerRequest.BootstrapEnded(ReplicaLifecycle.AVAILABLE));
        for (ActorRef<BootstrapOutcome> l : listeners) {
            l.tell(new BootstrapOutcome.Completed(id.entityId(), bytesCopied, partsCopied,
                    partsKept));
        }
        return Behaviors.stopped();
    }

    /**
     * Ends the attempt. A recording whose outcome is unknown, or a recorded part that cannot be
     * served, restarts the replica from its manifest instead (the owner stops, and so do we).
     */
    private Behavior<Command> failed(Kind step, String reason) {
        if (step == Kind.IMPORT_RECORDED || step == Kind.AVAILABLE_RECORDED
                || step == Kind.COMMITTED) {
            owner.tell(new OwnerRequest.ManifestUncertain("bootstrap step " + step,
                    new IllegalStateException(reason)));
            tellFailed("the replica restarts from its manifest after: " + reason);
            return Behaviors.stopped();
        }
        BootstrapStats.FAILED_ATTEMPTS.increment();
        abandonAttempt();
        if (attempt >= settings.maxAttempts()) {
            getContext().getLog().error("{}: bootstrap from {} failed after {} attempts: {}", id,
                    sourceId, attempt, reason);
            tellFailed(reason);
            owner.tell(new OwnerRequest.BootstrapEnded(ReplicaLifecycle.INITIALIZING));
            return Behaviors.stopped();
        }
        attempt++;
        var pause = settings.backoff(attempt);
        getContext().getLog().warn("{}: bootstrap attempt {} from {} failed ({}); retrying in {}",
                id, attempt - 1, sourceId, reason, pause);
        timers.startSingleTimer(new Retry(attempt), pause);
        return this;
    }

    private void tellFailed(String reason) {
        for (ActorRef<BootstrapOutcome> l : listeners) {
            l.tell(new BootstrapOutcome.Failed(id.entityId(), reason));
        }
    }

    /** Drops the attempt's session, open copy and unrecorded import; keeps what is recorded. */
    private void abandonAttempt() {
        releaseSession();
        if (transfer != null) {
            FileChannel ch = transfer.channel;
            Path copy = transfer.copy;
            transfer = null;
            CompletableFuture.runAsync(() -> {
                try {
                    ch.close();
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    // the next attempt truncates it, a completed bootstrap deletes the directory
                }
            }, io);
        }
        if (ticket != null) {
            owner.tell(new OwnerRequest.AbortImport(ticket));
            ticket = null;
        }
    }

    private void releaseSession() {
        if (session != null) {
            session.tell(new CopySource.Release());
            session = null;
        }
    }

    private void deleteWorkDir() {
        Path dir = workDir;
        CompletableFuture.runAsync(() -> {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // nothing there, or a leftover the next bootstrap of this directory truncates
            }
        }, io);
    }

    private Behavior<Command> onStop() {
        BootstrapStats.RUNNING.decrement();
        abandonAttempt();
        return this;
    }

    // ---- plumbing ----

    private <T> void askOwner(Kind kind, Class<T> replyClass,
            Function<ActorRef<T>, OwnerRequest> request) {
        int a = attempt;
        getContext().ask(replyClass, owner, settings.askTimeout(), request::apply,
                (r, err) -> new Step<>(a, kind, r, err));
    }

    private void askSource(Kind kind,
            Function<ActorRef<CopySource.Reply>, CopySource.Command> request) {
        int a = attempt;
        getContext().ask(CopySource.Reply.class, session, settings.askTimeout(), request::apply,
                (r, err) -> new Step<>(a, kind, r, err));
    }

    private void record(Kind kind, List<ManifestEvent> events) {
        int a = attempt;
        getContext().ask(ManifestKeeper.Recorded.class, keeper, settings.askTimeout(),
                replyTo -> new ManifestKeeper.Record(events, replyTo),
                (r, err) -> new Step<>(a, kind, r, err));
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    private <T> void onIo(Kind kind, IoCall<T> call) {
        int a = attempt;
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io), (r, err) -> new Step<>(a, kind, r, err));
    }

    private static String describe(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null
                ? t.getCause() : t;
        if (cause instanceof UncheckedIOException u && u.getCause() != null) {
            cause = u.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
