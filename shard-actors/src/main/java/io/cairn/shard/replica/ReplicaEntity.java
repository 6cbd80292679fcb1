package io.cairn.shard.replica;

import io.cairn.shard.bootstrap.BootstrapOutcome;
import io.cairn.shard.bootstrap.BootstrapRunner;
import io.cairn.shard.bootstrap.BootstrapSettings;
import io.cairn.shard.bootstrap.CopyPlanReply;
import io.cairn.shard.bootstrap.CopySource;
import io.cairn.shard.bootstrap.OwnerRequest;
import io.cairn.shard.bootstrap.ReplicaLookup;
import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.serialization.CairnMessage;
import io.cairn.storage.engine.FlushTicket;
import io.cairn.storage.engine.MergeTicket;
import io.cairn.storage.engine.ShardStore;
import io.cairn.storage.engine.StoreReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One shard replica: a Pekko Cluster Sharding entity that owns a {@link ShardStore} and
 * coordinates its concurrency. Inserts are applied on this actor's thread and acknowledged
 * from the WAL's durability callback; reads run on the read dispatcher against the store's
 * thread-safe reader, which is also listed in the node's {@link NodeReads} while the store is
 * open so that the node's own reads skip this actor; flushes and merges write files on the IO
 * dispatcher, are recorded in the manifest by the {@link ManifestKeeper} child, and only then
 * take effect in the store.
 *
 * <p>While the manifest recovers and the store opens (WAL replay), commands are stashed; if the
 * stash is full, inserts are answered {@link InsertResult.Unavailable} so clients retry.
 */
public final class ReplicaEntity extends AbstractBehavior<ReplicaEntity.Command> {
    public static final EntityTypeKey<Command> TYPE_KEY =
            EntityTypeKey.create(Command.class, "replica");
    private static final int STASH_CAPACITY = 2000;
    /**
     * Inserts accepted but not yet durable. Beyond this the WAL is not keeping up and the
     * replica answers "unavailable" so that clients back off and retry (the WAL's own queue
     * is unbounded).
     */
    private static final int MAX_INSERTS_IN_FLIGHT = 512;
    private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(30);

    public sealed interface Command {}

    /** Rows to store: a row block (io.cairn.storage.rows) of one tenant. */
    public record Insert(byte[] rowBlock, ActorRef<InsertResult> replyTo)
            implements Command, CairnMessage {}

    public record Read(ReadRequest request, ActorRef<ReadResult> replyTo)
            implements Command, CairnMessage {}

    /** Starts the replica (recovery and WAL replay) without doing anything else. */
    public record Wake() implements Command, CairnMessage {}

    /** Flushes the head into parts now; answers when done (admin, tests, benchmarks). */
    public record ForceFlush(ActorRef<Done> replyTo) implements Command, CairnMessage {}

    public record Done() implements CairnMessage {}

    /**
     * Flushes the head, then merges every day down to one part; answers when done (operator's
     * final compaction, benchmarks measuring bytes per sample).
     */
    public record ForceMerge(ActorRef<Done> replyTo) implements Command, CairnMessage {}

    /**
     * Copy the data of the sibling replica {@code sourceEntityId} (peer bootstrap, see
     * {@link BootstrapRunner}), then become AVAILABLE and tell {@code listener}. Idempotent: an
     * AVAILABLE replica answers at once, a running bootstrap adds the listener, and after a
     * crash or a failure a new one resumes from what the manifest holds. Send it only once
     * every writer sends this replica all new rows. {@link #NO_SOURCE}: nothing to copy.
     */
    public record StartBootstrap(String sourceEntityId, ActorRef<BootstrapOutcome> listener)
            implements Command, CairnMessage {
        /** The shard has no sibling with data: become AVAILABLE as is. */
        public static final String NO_SOURCE = "";
    }

    /**
     * From a bootstrapping sibling: flush the head, retain the parts and answer the copy plan
     * with a {@link CopySource} session; {@code requester} is watched to end the session.
     */
    public record PrepareCopy(String requesterEntityId, ActorRef<?> requester,
            ActorRef<CopyPlanReply> replyTo) implements Command, CairnMessage {}

    /** A bootstrap child asks for an operation on the store's owner thread. */
    private record FromChild(OwnerRequest request) implements Command {}

    private record RunnerStopped(ActorRef<BootstrapRunner.Command> runner) implements Command {}

    private record ManifestReady(ManifestKeeper.Recovered recovered) implements Command {}

    private record StoreOpened(ShardStore store, Throwable failure) implements Command {}

    private enum Tick implements Command { FLUSH, MERGE, RETENTION }

    private record FlushWritten(FlushTicket ticket, List<PartRef> parts, long walPosition,
            Throwable failure) implements Command {}

    private record FlushRecorded(FlushTicket ticket, List<PartRef> parts, long walPosition,
            Throwable failure) implements Command {}

    private record MergeWritten(MergeTicket ticket, PartRef output, Throwable failure)
            implements Command {}

    private record MergeRecorded(MergeTicket ticket, PartRef output, Throwable failure)
            implements Command {}

    private record DropRecorded(List<String> fileNames, Throwable failure) implements Command {}

    private final ReplicaId id;
    private final ReplicaEnvironment env;
    private final StashBuffer<Command> stash;
    private final Executor io;
    private final Executor reads;
    private final ActorRef<ManifestKeeper.Command> keeper;
    private final List<FlushWaiter> flushWaiters = new ArrayList<>();
    /** Heads frozen (or found empty) by {@link #startFlush}: a waiter needs one after it came. */
    private long headsFrozen;
    private final ReplicaLookup lookup;
    private final BootstrapSettings bootstrapSettings;
    private final ActorRef<OwnerRequest> childRequests;
    private ActorRef<BootstrapRunner.Command> bootstrap;
    private ReplicaLifecycle lifecycle = ReplicaLifecycle.INITIALIZING;
    /** A copy from a sibling began and did not finish: this replica is no copy source. */
    private boolean bootstrapUnfinished;
    private final List<ActorRef<Done>> mergeWaiters = new ArrayList<>();
    /** Decremented from the WAL's completion thread, hence atomic. */
    private final java.util.concurrent.atomic.AtomicInteger insertsInFlight =
            new java.util.concurrent.atomic.AtomicInteger();
    private ShardStore store;
    /** The store being opened; closed on arrival if the replica stops first. */
    private CompletableFuture<ShardStore> opening;
    private boolean flushing;
    private boolean merging;
    private boolean dropping;

    private record FlushWaiter(ActorRef<Done> replyTo, long needsFreeze) {}

    /** A replica whose bootstraps find their sources through Cluster Sharding. */
    public static Behavior<Command> create(ReplicaId id, ReplicaEnvironment env) {
        return create(id, env, null);
    }

    /** @param lookup finds bootstrap sources; null: through Cluster Sharding */
    public static Behavior<Command> create(ReplicaId id, ReplicaEnvironment env,
            ReplicaLookup lookup) {
        return Behaviors.withStash(STASH_CAPACITY, stash -> Behaviors.setup(ctx ->
                Behaviors.withTimers(timers -> new ReplicaEntity(ctx, timers, stash, id, env,
                        lookup))));
    }

    private ReplicaEntity(ActorContext<Command> ctx, TimerScheduler<Command> timers,
            StashBuffer<Command> stash, ReplicaId id, ReplicaEnvironment env,
            ReplicaLookup lookup) {
        super(ctx);
        this.id = id;
        this.env = env;
        this.stash = stash;
        this.lookup = lookup;
        this.bootstrapSettings = BootstrapSettings.fromConfig(ctx.getSystem().settings().config());
        this.childRequests = ctx.messageAdapter(OwnerRequest.class, FromChild::new);
        this.io = ctx.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.storage-io-dispatcher"));
        this.reads = ctx.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.read-dispatcher"));
        ActorRef<ManifestKeeper.Recovered> recovered =
                ctx.messageAdapter(ManifestKeeper.Recovered.class, ManifestReady::new);
        this.keeper = ctx.spawn(ManifestKeeper.create(id, recovered), "manifest");
        ctx.watch(keeper);
        timers.startTimerWithFixedDelay(Tick.FLUSH, env.flushInterval());
        timers.startTimerWithFixedDelay(Tick.MERGE, env.mergeInterval());
        timers.startTimerWithFixedDelay(Tick.RETENTION, env.retentionInterval());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(ManifestReady.class, this::onManifestReady)
                .onMessage(StoreOpened.class, this::onStoreOpened)
                .onMessage(Insert.class, this::onInsert)
                .onMessage(Read.class, this::onRead)
                .onMessage(Wake.class, m -> this)
                .onMessage(ForceFlush.class, this::onForceFlush)
                .onMessage(ForceMerge.class, this::onForceMerge)
                .onMessage(Tick.class, this::onTick)
                .onMessage(FlushWritten.class, this::onFlushWritten)
                .onMessage(FlushRecorded.class, this::onFlushRecorded)
                .onMessage(FullMergeRequested.class, this::onFullMergeRequested)
                .onMessage(MergeWritten.class, this::onMergeWritten)
                .onMessage(MergeRecorded.class, this::onMergeRecorded)
                .onMessage(DropRecorded.class, this::onDropRecorded)
                .onMessage(StartBootstrap.class, this::onStartBootstrap)
                .onMessage(PrepareCopy.class, this::onPrepareCopy)
                .onMessage(FromChild.class, this::onFromChild)
                .onMessage(RunnerStopped.class, m -> {
                    if (m.runner().equals(bootstrap)) {
                        bootstrap = null;
                    }
                    return this;
                })
                .onSignal(Terminated.class, t -> {
                    getContext().getLog().error("{}: manifest keeper stopped (persistence "
                            + "failure); stopping the replica, it recovers on next use", id);
                    return Behaviors.stopped();
                })
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    // ---- start-up ----

    private Behavior<Command> onManifestReady(ManifestReady m) {
        var manifest = m.recovered().manifest();
        lifecycle = manifest.lifecycle();
        bootstrapUnfinished = lifecycle == ReplicaLifecycle.INITIALIZING
                && manifest.bootstrapBytesTotal() > manifest.bootstrapBytesCopied();
        opening = CompletableFuture.supplyAsync(() -> {
            try {
                return ShardStore.open(env.replicaDir(id), env.storeOptions(), env.committer(),
                        manifest, env.clock());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io);
        getContext().pipeToSelf(opening, StoreOpened::new);
        return this;
    }

    private Behavior<Command> onStoreOpened(StoreOpened m) {
        if (m.failure() != null) {
            getContext().getLog().error("{}: cannot open store: {}", id, m.failure().toString());
            throw new IllegalStateException("cannot open replica " + id, m.failure());
        }
        store = m.store();
        List<String> corrupt = store.corruptParts().stream()
                .map(ShardStore.CorruptPart::fileName).toList();
        if (!corrupt.isEmpty()) {
            record(List.of(new ManifestEvent.PartsDropped(corrupt, "corrupt")),
                    (r, err) -> new DropRecorded(corrupt, err));
            dropping = true;
        }
        getContext().getLog().debug("{}: store open, {} parts", id, store.partCount());
        // From now on this actor answers reads in every lifecycle state (the placement decides
        // whom to ask), so the node may read the store without it too.
        env.reads().opened(id, store.reader());
        return stash.unstashAll(this);
    }

    private boolean started() {
        return store != null;
    }

    // ---- inserts and reads ----

    private Behavior<Command> onInsert(Insert m) throws IOException {
        if (!started()) {
            if (stash.isFull()) {
                m.replyTo().tell(new InsertResult.Unavailable("replica " + id
                        + " is starting; retry"));
            } else {
                stash.stash(m);
            }
            return this;
        }
        if (insertsInFlight.get() >= MAX_INSERTS_IN_FLIGHT) {
            m.replyTo().tell(new InsertResult.Unavailable("replica " + id + " is overloaded "
                    + "(WAL behind); retry later"));
            return this;
        }
        try {
            insertsInFlight.incrementAndGet();
            store.append(m.rowBlock()).whenComplete((pos, err) -> {
                insertsInFlight.decrementAndGet();
                m.replyTo().tell(err == null ? new InsertResult.Durable(pos)
                        : new InsertResult.Unavailable("WAL write failed on " + id + ": " + err));
            });
        } catch (IllegalArgumentException e) {
            insertsInFlight.decrementAndGet();
            m.replyTo().tell(new InsertResult.Rejected(e.getMessage()));
        }
        if (store.headFull()) {
            startFlush();
        }
        return this;
    }

    private Behavior<Command> onRead(Read m) {
        if (!started()) {
            if (stash.isFull()) {
                m.replyTo().tell(new ReadResult.Failed("replica " + id + " is starting", false));
            } else {
                stash.stash(m);
            }
            return this;
        }
        StoreReader reader = store.reader();
        CompletableFuture.supplyAsync(() -> env.reads().execute(reader, m.request()), reads)
                .whenComplete((result, err) -> m.replyTo().tell(err == null ? result
                        : NodeReads.failure(err)));
        return this;
    }

    // ---- flush ----

    private Behavior<Command> onForceFlush(ForceFlush m) throws IOException {
        if (!started()) {
            stash.stash(m);
            return this;
        }
        // Only a head frozen after this request holds every row that arrived before it.
        flushWaiters.add(new FlushWaiter(m.replyTo(), headsFrozen + 1));
        if (!flushing) {
            startFlush();
        }
        return this;
    }

    private Behavior<Command> onTick(Tick t) throws IOException {
        if (!started()) {
            return this;
        }
        switch (t) {
            case FLUSH -> {
                startFlush();
                if (!merging && !dropping) {
                    startDrop();
                }
            }
            case MERGE -> startMerge();
            case RETENTION -> startDrop();
            default -> throw new IllegalStateException("BUG: tick " + t);
        }
        return this;
    }

    private void startFlush() throws IOException {
        if (flushing) {
            return;
        }
        FlushTicket ticket = store.pendingFlush();
        if (ticket == null) {
            ticket = freezeHead();
        }
        if (ticket == null) {
            answerFlushWaiters();
            return;
        }
        flushing = true;
        writeFlush(ticket);
    }

    private FlushTicket freezeHead() throws IOException {
        headsFrozen++;
        return store.freezeHead();
    }

    private void writeFlush(FlushTicket ticket) {
        ShardStore s = store;
        CompletableFuture<List<PartRef>> written = CompletableFuture.supplyAsync(() -> {
            try {
                return s.writeParts(ticket);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io);
        getContext().pipeToSelf(
                written.thenCombine(ticket.walPosition(), (parts, pos) -> new FlushWritten(
                        ticket, parts, pos, null)),
                (msg, err) -> err != null ? new FlushWritten(ticket, List.of(), -1, err) : msg);
    }

    private Behavior<Command> onFlushWritten(FlushWritten m) {
        if (m.failure() != null) {
            getContext().getLog().error("{}: flush failed, will retry: {}", id,
                    m.failure().toString());
            store.abortFlush(m.ticket(), m.parts());
            flushing = false;
            return this;
        }
        List<ManifestEvent> events = new ArrayList<>();
        for (PartRef p : m.parts()) {
            events.add(new ManifestEvent.PartAdded(p));
        }
        events.add(new ManifestEvent.WalCheckpointed(m.walPosition()));
        record(events, (r, err) -> new FlushRecorded(m.ticket(), m.parts(), m.walPosition(),
                err));
        return this;
    }

    private Behavior<Command> onFlushRecorded(FlushRecorded m) throws IOException {
        flushing = false;
        if (m.failure() != null) {
            return stopAfterRecordFailure("flush", m.failure());
        }
        store.commitFlush(m.ticket(), m.parts(), m.walPosition());
        answerFlushWaiters();
        if (store.headFull() || !flushWaiters.isEmpty()) {
            startFlush();
        }
        return this;
    }

    /** Answers the waiters whose rows are all in recorded parts now. */
    private void answerFlushWaiters() {
        if (flushing) {
            return;
        }
        for (var it = flushWaiters.iterator(); it.hasNext(); ) {
            FlushWaiter w = it.next();
            if (w.needsFreeze() <= headsFrozen) {
                w.replyTo().tell(new Done());
                it.remove();
            }
        }
    }

    // ---- merges and retention ----

    private Behavior<Command> onForceMerge(ForceMerge m) throws IOException {
        if (!started()) {
            stash.stash(m);
            return this;
        }
        // Flush first so that the head's rows take part; the merge starts when the flush
        // answers.
        getContext().ask(Done.class, getContext().getSelf(), RECORD_TIMEOUT, ForceFlush::new,
                (done, err) -> new FullMergeRequested(m.replyTo()));
        return this;
    }

    private record FullMergeRequested(ActorRef<Done> replyTo) implements Command {}

    private Behavior<Command> onFullMergeRequested(FullMergeRequested m) {
        mergeWaiters.add(m.replyTo());
        startMerge();
        return this;
    }

    private void startMerge() {
        if (merging) {
            return;
        }
        boolean forced = !mergeWaiters.isEmpty();
        MergeTicket ticket = forced ? store.planFullMerge()
                : store.planMerge();
        if (ticket == null) {
            if (forced) {
                mergeWaiters.forEach(w -> w.tell(new Done()));
                mergeWaiters.clear();
            }
            return;
        }
        merging = true;
        ShardStore s = store;
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
            try {
                return s.writeMerge(ticket);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io), (out, err) -> new MergeWritten(ticket, out, err));
    }

    private Behavior<Command> onMergeWritten(MergeWritten m) {
        if (m.failure() != null) {
            getContext().getLog().error("{}: merge failed: {}", id, m.failure().toString());
            store.abortMerge(m.ticket(), null);
            merging = false;
            mergeWaiters.forEach(w -> w.tell(new Done()));
            mergeWaiters.clear();
            return this;
        }
        record(List.of(new ManifestEvent.PartsMerged(m.ticket().inputFileNames(), m.output())),
                (r, err) -> new MergeRecorded(m.ticket(), m.output(), err));
        return this;
    }

    private Behavior<Command> onMergeRecorded(MergeRecorded m) throws IOException {
        merging = false;
        if (m.failure() != null) {
            return stopAfterRecordFailure("merge", m.failure());
        }
        store.commitMerge(m.ticket(), m.output());
        if (!mergeWaiters.isEmpty()) {
            startMerge();
        }
        return this;
    }

    private void startDrop() {
        if (dropping || merging) {
            return;
        }
        List<String> damaged = store.takeDamagedParts().stream()
                .map(ShardStore.CorruptPart::fileName).toList();
        if (!damaged.isEmpty()) {
            dropping = true;
            record(List.of(new ManifestEvent.PartsDropped(damaged, "corrupt")),
                    (r, err) -> new DropRecorded(damaged, err));
            return;
        }
        List<String> expired = store.expiredParts().stream().map(PartRef::fileName).toList();
        if (expired.isEmpty()) {
            return;
        }
        dropping = true;
        record(List.of(new ManifestEvent.PartsDropped(expired, "retention")),
                (r, err) -> new DropRecorded(expired, err));
    }

    private Behavior<Command> onDropRecorded(DropRecorded m) throws IOException {
        dropping = false;
        if (m.failure() != null) {
            return stopAfterRecordFailure("drop", m.failure());
        }
        store.commitDrop(m.fileNames());
        getContext().getLog().info("{}: dropped {} parts", id, m.fileNames().size());
        return this;
    }

    // ---- peer bootstrap (io.cairn.shard.bootstrap) ----

    private Behavior<Command> onStartBootstrap(StartBootstrap m) {
        if (!started()) {
            stash.stash(m);
            return this;
        }
        if (lifecycle == ReplicaLifecycle.AVAILABLE) {
            m.listener().tell(new BootstrapOutcome.Completed(id.entityId(), 0, 0, 0));
        } else if (lifecycle == ReplicaLifecycle.LEAVING) {
            m.listener().tell(new BootstrapOutcome.Failed(id.entityId(), "replica " + id
                    + " is LEAVING"));
        } else if (bootstrap != null) {
            bootstrap.tell(new BootstrapRunner.AddListener(m.listener()));
        } else {
            ReplicaLookup l = lookup != null ? lookup : ReplicaLookup.sharding(getContext().getSystem());
            bootstrap = getContext().spawn(BootstrapRunner.create(id, m.sourceEntityId(),
                    m.listener(), childRequests, keeper, l, env.replicaDir(id).resolve("bootstrap"),
                    bootstrapSettings), "bootstrap");
            getContext().watchWith(bootstrap, new RunnerStopped(bootstrap));
        }
        return this;
    }

    private Behavior<Command> onPrepareCopy(PrepareCopy m) {
        if (!started()) {
            stash.stash(m);
            return this;
        }
        String refusal = bootstrap != null ? "it is copying from a sibling itself"
                : bootstrapUnfinished ? "its own copy from a sibling did not finish"
                : lifecycle == ReplicaLifecycle.LEAVING ? "it is LEAVING" : null;
        if (refusal != null) {
            m.replyTo().tell(new CopyPlanReply.CopyRefused("replica " + id + " is no copy "
                    + "source: " + refusal));
            return this;
        }
        getContext().spawnAnonymous(CopySource.create(id, m.requesterEntityId(), m.requester(),
                m.replyTo(), childRequests, bootstrapSettings));
        return this;
    }

    private Behavior<Command> onFromChild(FromChild m) throws IOException {
        OwnerRequest r = m.request();
        if (r instanceof OwnerRequest.FlushHead f) {
            return onForceFlush(new ForceFlush(f.replyTo()));
        } else if (r instanceof OwnerRequest.BootstrapEnded e) {
            lifecycle = e.lifecycle();
            bootstrapUnfinished = lifecycle == ReplicaLifecycle.INITIALIZING;
            bootstrap = null; // it stops right after this; a new StartBootstrap starts anew
            return this;
        } else if (r instanceof OwnerRequest.ManifestUncertain u) {
            return stopAfterRecordFailure(u.what(), u.failure());
        }
        OwnerRequest.serve(r, store);
        return this;
    }

    /**
     * Whether the manifest holds the events is unknown after a failure or timeout, and the
     * store must not guess: stop, and let recovery (the manifest is the truth) rebuild the
     * store; files it does not list are deleted then and their rows are still in the WAL.
     */
    private Behavior<Command> stopAfterRecordFailure(String what, Throwable failure) {
        getContext().getLog().error("{}: recording a {} in the manifest failed ({}); restarting "
                + "the replica from its manifest", id, what, failure.toString());
        return Behaviors.stopped();
    }

    private void record(List<ManifestEvent> events,
            java.util.function.BiFunction<ManifestKeeper.Recorded, Throwable, Command> adapt) {
        getContext().ask(ManifestKeeper.Recorded.class, keeper, RECORD_TIMEOUT,
                replyTo -> new ManifestKeeper.Record(events, replyTo), adapt::apply);
    }

    private Behavior<Command> onStop() {
        // Every way out (passivation, handoff, failure) passes here: unlist before closing, so
        // a direct read either got the reader before (and may fail on the closed store) or
        // goes through this actor, whose messages go to dead letters now.
        if (store != null) {
            env.reads().closing(id, store.reader());
            store.close();
        } else if (opening != null) {
            // Stopped while the store opens: its answer would reach no one, and the store
            // (WAL lock, files) must not outlive the replica, or the next start cannot open it.
            opening.thenAccept(ShardStore::close);
        }
        return this;
    }
}
