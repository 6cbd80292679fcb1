package io.cairn.query;

import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.ReadGateway;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.engine.StoreReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Fans a read out to every shard along the placement, batched per node (DESIGN.md §6), and
 * gathers one answer per shard. For each shard:
 *
 * <ol>
 *   <li>the readable (AVAILABLE) replicas are asked one after another, preferred first, each
 *       for at most the attempt timeout, until one answers; all within the total timeout;
 *   <li>an answer from a replica known to lack recent writes (rows of it wait in this node's
 *       hinted handoff, see the {@code lagging} predicate) is completed by also asking the
 *       next readable replica, and the answers are merged ({@link ReplicaMerge});
 *   <li>when no readable replica answered, the shard's other write replicas (INITIALIZING:
 *       every write since they started, but not all history) are asked; their merged answer
 *       is used, but the shard still counts as incomplete.
 * </ol>
 *
 * Batching: the replicas to ask next are grouped by the node the placement puts them on
 * ({@link Placement#nodeOf}), and each node gets one message for all of them
 * ({@link ReadGateways}, the node's {@link ReadGateway}). The first round is one batch per
 * node holding a preferred replica; when a batch comes back, the shards that need another
 * replica (failure, silence, lagging) go out again at once as smaller batches to the nodes of
 * their next replicas. A gateway answers every replica of its batch (a silent replica as
 * failed after the attempt timeout); a node that does not answer at all fails its whole batch
 * after the attempt timeout plus a grace for the way back.
 *
 * <p>Replicas on this node whose stores are open ({@link LocalReads}) are read directly from
 * their store readers instead, after the batches to other nodes went out; a replica of this
 * node that is not listed there (starting, stopped) goes through this node's gateway as
 * above. Direct reads have no attempt timeout: they run on this node's cores either way. With
 * {@link Mode#CALLER_RUNS}, the thread that calls {@link #gather} reads too.
 *
 * <p>A shard without a complete answer is reported in {@link Gathered#unavailableShards}, so
 * that callers answer partially or refuse (-search.denyPartialResponse). Never waits for
 * an answer (with {@link Mode#CALLER_RUNS} it does local reads on the calling thread);
 * thread-safe; used at the edge (HTTP API, the query engine's SeriesSource).
 */
public final class ShardReads {
    /** Upper bound of the time a batch answer gets to come back from a gateway. */
    private static final Duration MAX_GRACE = Duration.ofMillis(500);

    private final ReadGateways gateways;
    /** Direct reads of this node's open replicas; null: every replica through the gateways. */
    private final LocalReads local;
    private final Supplier<Placement> placement;
    private final Duration timeout;
    private final Duration attemptTimeout;
    private final Duration grace;
    private final Predicate<ReplicaId> lagging;

    /** Sharding entities; each replica gets a third of {@code timeout} before the next is asked. */
    public ShardReads(ClusterSharding sharding, Supplier<Placement> placement, Duration timeout) {
        this(ReplicaClient.sharding(sharding), placement, timeout, timeout.dividedBy(3),
                id -> false);
    }

    /**
     * Asks every replica from here ({@link ReadGateways#direct}), without gateway actors.
     *
     * @see #ShardReads(ReadGateways, Supplier, Duration, Duration, Predicate)
     */
    public ShardReads(ReplicaClient replicas, Supplier<Placement> placement, Duration timeout,
            Duration attemptTimeout, Predicate<ReplicaId> lagging) {
        this(ReadGateways.direct(replicas), placement, timeout, attemptTimeout, lagging);
    }

    /**
     * @param gateways how a batch reaches a node
     * @param timeout total time for one gather, fallbacks included
     * @param attemptTimeout time one replica gets before the next one is asked
     * @param lagging replicas whose answer may miss recent writes (queued in hinted handoff)
     */
    public ShardReads(ReadGateways gateways, Supplier<Placement> placement, Duration timeout,
            Duration attemptTimeout, Predicate<ReplicaId> lagging) {
        this(gateways, null, placement, timeout, attemptTimeout, lagging);
    }

    /**
     * @param gateways how a batch reaches a node
     * @param local direct reads of this node's open replicas; null: none
     * @param timeout total time for one gather, fallbacks included
     * @param attemptTimeout time one replica gets before the next one is asked
     * @param lagging replicas whose answer may miss recent writes (queued in hinted handoff)
     */
    public ShardReads(ReadGateways gateways, LocalReads local, Supplier<Placement> placement,
            Duration timeout, Duration attemptTimeout, Predicate<ReplicaId> lagging) {
        if (attemptTimeout.isZero() || attemptTimeout.isNegative()) {
            throw new IllegalArgumentException("attempt timeout must be positive, got "
                    + attemptTimeout);
        }
        this.gateways = gateways;
        this.local = local;
        this.placement = placement;
        this.timeout = timeout;
        this.attemptTimeout = attemptTimeout.compareTo(timeout) > 0 ? timeout : attemptTimeout;
        Duration quarter = this.attemptTimeout.dividedBy(4);
        this.grace = quarter.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : quarter;
        this.lagging = lagging;
    }

    /**
     * The answers of all shards that answered.
     *
     * @param results one per shard with data (complete or not), in shard order
     * @param unavailableShards one reason per shard without a complete answer, naming the shard
     * @param limitError set when a shard refused because a limit was exceeded: a client error
     */
    public record Gathered(List<ReadResult> results, List<String> unavailableShards,
            String limitError) {
        /** Whether some shard's data is missing or incomplete. */
        public boolean partial() {
            return !unavailableShards.isEmpty();
        }
    }

    /** Who reads the replicas on this node. */
    public enum Mode {
        /**
         * Only threads of the read executor: for callers that must not block (actors, HTTP
         * routes on dispatcher threads). {@link #gather} returns at once.
         */
        ASYNC,
        /**
         * The calling thread too, alongside helpers on the read executor: for callers that
         * block for the answer anyway (query threads). {@link #gather} returns once every
         * replica read of this node has started; a small read is complete by then, without a
         * single thread hand-off.
         */
        CALLER_RUNS
    }

    /** {@link #gather(ReadRequest, Mode)} without blocking the caller ({@link Mode#ASYNC}). */
    public CompletionStage<Gathered> gather(ReadRequest request) {
        return gather(request, Mode.ASYNC);
    }

    /** The answers of every shard to {@code request}; this node's replicas read per mode. */
    public CompletionStage<Gathered> gather(ReadRequest request, Mode mode) {
        return gather(request, mode, null);
    }

    /**
     * {@link #gather(ReadRequest, Mode)}, also handing each shard's data to {@code eachShard}
     * the moment that shard's answer is final (merged over replicas where it took several), on
     * whichever thread completed it (a reading thread for this node's replicas, the thread that
     * completed the batch answer, a dispatcher's, for other nodes'), so that the caller can fold
     * answers in while other shards are still read: keep it short and non-blocking. The calls
     * hold the gather's lock: they never overlap and all happen before the returned stage
     * completes. The data stays in {@link Gathered#results} too.
     *
     * @param eachShard must not throw (an exception would be lost on a reading thread); null
     *     for none
     */
    public CompletionStage<Gathered> gather(ReadRequest request, Mode mode,
            Consumer<ReadResult> eachShard) {
        return new Gather(placement.get(), request, eachShard)
                .start(mode == Mode.CALLER_RUNS);
    }

    /** One shard's outcome: merged data (or null), and why it is incomplete (or null). */
    private record ShardAnswer(ReadResult data, String incomplete, String limitError) {}

    /** One replica to ask for one shard. */
    private record Ask(ShardRead shard, ReplicaId replica) {}

    /** One replica of this node to read directly, through its store's reader. */
    private record Direct(Ask ask, StoreReader reader) {}

    /**
     * One gather: the state of every shard's read, advanced as batch answers arrive. Batch
     * answers come on any thread; every state change holds this object's lock, and the result
     * is completed outside it.
     */
    private final class Gather {
        private final Placement placement;
        private final ReadRequest request;
        private final long deadline = System.nanoTime() + timeout.toNanos();
        private final ShardRead[] shards;
        private final CompletableFuture<Gathered> result = new CompletableFuture<>();
        /** Told of each finished shard's data under this object's lock, or null. */
        private final Consumer<ReadResult> eachShard;
        private int unfinished;

        Gather(Placement placement, ReadRequest request, Consumer<ReadResult> eachShard) {
            this.placement = placement;
            this.request = request;
            this.eachShard = eachShard;
            this.shards = new ShardRead[placement.shards()];
            this.unfinished = shards.length;
        }

        CompletableFuture<Gathered> start(boolean callerRuns) {
            List<Ask> asks = new ArrayList<>(shards.length);
            boolean done;
            synchronized (this) {
                for (int s = 0; s < shards.length; s++) {
                    shards[s] = new ShardRead(s, placement.readReplicas(s),
                            placement.writeReplicas(s));
                }
                for (ShardRead shard : shards) {
                    asks.addAll(next(shard, shard.advance()));
                }
                done = unfinished == 0;
            }
            send(asks, callerRuns);
            if (done) {
                result.complete(collect());
            }
            return result;
        }

        /** The asks for {@code replicas} of {@code shard}; counts the shard once it finished. */
        private List<Ask> next(ShardRead shard, List<ReplicaId> replicas) {
            if (shard.answer != null) {
                unfinished--;
                if (eachShard != null && shard.answer.data() != null) {
                    eachShard.accept(shard.answer.data());
                }
                return List.of();
            }
            List<Ask> asks = new ArrayList<>(replicas.size());
            for (ReplicaId id : replicas) {
                asks.add(new Ask(shard, id));
            }
            return asks;
        }

        /** Sends {@code asks} that follow an answer; this node's direct reads go async. */
        private void send(List<Ask> asks) {
            send(asks, false);
        }

        /**
         * Sends {@code asks} as one batch per node, then reads the replicas open on this node
         * directly (on this thread too, with {@code callerRuns}), so that the other nodes work
         * meanwhile.
         */
        private void send(List<Ask> asks, boolean callerRuns) {
            if (asks.isEmpty()) {
                return;
            }
            Map<String, List<Ask>> byNode = new LinkedHashMap<>();
            List<Direct> direct = new ArrayList<>();
            for (Ask a : asks) {
                String node = placement.nodeOf(a.replica());
                if (node == null) {
                    answered(List.of(a), null, "not in the placement any more");
                    continue;
                }
                StoreReader reader = local != null && local.isThisNode(node)
                        ? local.reader(a.replica()) : null;
                if (reader != null) {
                    direct.add(new Direct(a, reader));
                    continue;
                }
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(a);
            }
            for (Map.Entry<String, List<Ask>> e : byNode.entrySet()) {
                sendBatch(e.getKey(), e.getValue());
            }
            if (!direct.isEmpty()) {
                local.run(direct.size(), i -> readDirectly(direct.get(i)), callerRuns);
            }
        }

        /** Reads one replica of this node on this thread and takes its answer. */
        private void readDirectly(Direct d) {
            ReadResult r = System.nanoTime() - deadline >= 0
                    ? new ReadResult.Failed("not read, the read's " + timeout.toMillis()
                            + " ms were used up", false)
                    : local.read(d.reader(), request);
            answered(List.of(d.ask()), new ReadResult[] {r});
        }

        private void sendBatch(String node, List<Ask> batch) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                answered(batch, null, "not asked, the read's " + timeout.toMillis()
                        + " ms were used up");
                return;
            }
            // The node's replicas get the attempt timeout, the batch answer a grace on top to
            // come back; both shrink to what is left of the total.
            long wait = Math.min(left, attemptTimeout.toNanos() + grace.toNanos());
            Duration batchTimeout = Duration.ofNanos(wait);
            Duration replicaTimeout = Duration.ofMillis(Math.max(1,
                    Math.max(wait - grace.toNanos(), wait / 2) / 1_000_000));
            List<ReplicaId> ids = new ArrayList<>(batch.size());
            for (Ask a : batch) {
                ids.add(a.replica());
            }
            CompletionStage<ReadGateway.BatchAnswer> answer;
            try {
                answer = gateways.read(node, request, ids, replicaTimeout, batchTimeout);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((a, err) -> answered(batch, a, err == null ? null
                    : gatewayFailure(node, err, batchTimeout)));
        }

        /**
         * Takes a batch's answers (or {@code failure}, the reason for all of its replicas),
         * advances the shards and sends what they need next.
         */
        private void answered(List<Ask> batch, ReadGateway.BatchAnswer answer, String failure) {
            ReadResult[] results = new ReadResult[batch.size()];
            for (int i = 0; i < results.length; i++) {
                results[i] = failure != null ? new ReadResult.Failed(failure, false)
                        : resultFor(answer, i, batch.get(i).replica());
            }
            answered(batch, results);
        }

        /**
         * Takes one answer per replica of {@code batch} (gateway or direct), advances the
         * shards and sends what they need next.
         */
        private void answered(List<Ask> batch, ReadResult[] results) {
            List<Ask> asks = new ArrayList<>();
            boolean done;
            synchronized (this) {
                for (int i = 0; i < batch.size(); i++) {
                    Ask a = batch.get(i);
                    asks.addAll(next(a.shard(), a.shard().answered(a.replica(), results[i])));
                }
                done = unfinished == 0 && !result.isDone();
            }
            send(asks);
            if (done) {
                result.complete(collect());
            }
        }

        private static ReadResult resultFor(ReadGateway.BatchAnswer answer, int i,
                ReplicaId replica) {
            List<ReadGateway.ReplicaAnswer> all = answer.answers();
            if (i >= all.size() || !all.get(i).replica().equals(replica)) {
                return new ReadResult.Failed("BUG: the node's read gateway answered "
                        + all.size() + " replicas out of order", false);
            }
            return all.get(i).result();
        }

        private Gathered collect() {
            List<ReadResult> ok = new ArrayList<>(shards.length);
            List<String> unavailable = new ArrayList<>();
            String limitError = null;
            synchronized (this) {
                for (ShardRead shard : shards) {
                    ShardAnswer a = shard.answer;
                    if (a.limitError() != null) {
                        limitError = a.limitError();
                        continue;
                    }
                    if (a.data() != null) {
                        ok.add(a.data());
                    }
                    if (a.incomplete() != null) {
                        unavailable.add(a.incomplete());
                    }
                }
            }
            return new Gathered(ok, unavailable, limitError);
        }
    }

    private static String gatewayFailure(String node, Throwable err, Duration waited) {
        String what = ReadGateway.describe(err, waited);
        return (node.equals(Placement.THIS_NODE) ? "this node" : "node " + node)
                + "'s read gateway: " + what;
    }

    /**
     * The read of one shard: sequential attempts over the readable replicas, then the
     * fallback to the initializing ones. Guarded by its {@link Gather}'s lock.
     */
    private final class ShardRead {
        private final int shard;
        private final List<ReplicaId> readable;
        private final List<ReplicaId> writable;
        private final List<ReadResult> collected = new ArrayList<>(2);
        private final List<String> failures = new ArrayList<>(2);
        private int next;
        /** Initializing replicas asked and not answered yet; -1 before the fallback. */
        private int initializingPending = -1;
        private String fallbackReason;
        private ShardAnswer answer;

        ShardRead(int shard, List<ReplicaId> readable, List<ReplicaId> writable) {
            this.shard = shard;
            this.readable = readable;
            this.writable = writable;
        }

        /** The replicas to ask next; none when the shard's answer is set. */
        List<ReplicaId> advance() {
            if (next < readable.size()) {
                return List.of(readable.get(next));
            }
            if (!collected.isEmpty()) {
                return finish(null); // a lagging replica's answer is the best there is
            }
            return initializingFallback();
        }

        /**
         * Takes one replica's answer; returns the replicas to ask next (none while other
         * initializing replicas are still to answer, or when the answer is set).
         */
        List<ReplicaId> answered(ReplicaId replica, ReadResult r) {
            if (answer != null) {
                throw new IllegalStateException("BUG: answer from " + replica + " for shard "
                        + shard + " after its read finished");
            }
            if (initializingPending >= 0) {
                if (!(r instanceof ReadResult.Failed)) {
                    collected.add(r);
                }
                if (--initializingPending > 0) {
                    return List.of();
                }
                answer = new ShardAnswer(collected.isEmpty() ? null
                        : ReplicaMerge.merge(collected), collected.isEmpty() ? fallbackReason
                        : fallbackReason + "; answered by initializing replicas only", null);
                return List.of();
            }
            next++;
            if (r instanceof ReadResult.Failed f) {
                if (f.limitExceeded()) {
                    answer = new ShardAnswer(null, null, f.message());
                    return List.of();
                }
                failures.add(replica + ": " + f.message());
                return advance();
            }
            collected.add(r);
            if (lagging.test(replica) && next < readable.size()) {
                return advance();
            }
            return finish(null);
        }

        /** No readable replica answered: take what the replicas being built can give. */
        private List<ReplicaId> initializingFallback() {
            List<ReplicaId> others = new ArrayList<>();
            for (ReplicaId id : writable) {
                if (!readable.contains(id)) {
                    others.add(id);
                }
            }
            fallbackReason = "shard " + shard + ": " + (readable.isEmpty()
                    ? "no readable replica" : "no replica answered (" + String.join("; ",
                    failures) + ")");
            if (others.isEmpty()) {
                answer = new ShardAnswer(null, fallbackReason, null);
                return List.of();
            }
            initializingPending = others.size();
            return others;
        }

        private List<ReplicaId> finish(String incomplete) {
            answer = new ShardAnswer(ReplicaMerge.merge(collected), incomplete, null);
            return List.of();
        }
    }
}
