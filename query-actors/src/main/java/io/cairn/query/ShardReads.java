package io.cairn.query;

import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.shard.replica.ReplicaId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Fans a read out to every shard along the placement (DESIGN.md §6) and gathers one answer per
 * shard. For each shard:
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
 * A shard without a complete answer is reported in {@link Gathered#unavailableShards}, so that
 * callers answer partially or refuse (-search.denyPartialResponse). Non-blocking; thread-safe;
 * used at the edge (HTTP API, the query engine's SeriesSource).
 */
public final class ShardReads {
    private final ReplicaClient replicas;
    private final Supplier<Placement> placement;
    private final Duration timeout;
    private final Duration attemptTimeout;
    private final Predicate<ReplicaId> lagging;

    /** Sharding entities; each replica gets a third of {@code timeout} before the next is asked. */
    public ShardReads(ClusterSharding sharding, Supplier<Placement> placement, Duration timeout) {
        this(ReplicaClient.sharding(sharding), placement, timeout, timeout.dividedBy(3),
                id -> false);
    }

    /**
     * @param timeout total time for one gather, fallbacks included
     * @param attemptTimeout time one replica gets before the next one is asked
     * @param lagging replicas whose answer may miss recent writes (queued in hinted handoff)
     */
    public ShardReads(ReplicaClient replicas, Supplier<Placement> placement, Duration timeout,
            Duration attemptTimeout, Predicate<ReplicaId> lagging) {
        if (attemptTimeout.isZero() || attemptTimeout.isNegative()) {
            throw new IllegalArgumentException("attempt timeout must be positive, got "
                    + attemptTimeout);
        }
        this.replicas = replicas;
        this.placement = placement;
        this.timeout = timeout;
        this.attemptTimeout = attemptTimeout.compareTo(timeout) > 0 ? timeout : attemptTimeout;
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

    /** One shard's outcome: merged data (or null), and why it is incomplete (or null). */
    private record ShardAnswer(ReadResult data, String incomplete, String limitError) {}

    public CompletionStage<Gathered> gather(ReadRequest request) {
        Placement p = placement.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<ShardAnswer>> answers = new ArrayList<>(p.shards());
        for (int shard = 0; shard < p.shards(); shard++) {
            answers.add(new ShardRead(shard, p.readReplicas(shard), p.writeReplicas(shard),
                    request, deadline).start());
        }
        return CompletableFuture.allOf(answers.toArray(new CompletableFuture[0]))
                .thenApply(v -> collect(answers));
    }

    private static Gathered collect(List<CompletableFuture<ShardAnswer>> answers) {
        List<ReadResult> ok = new ArrayList<>(answers.size());
        List<String> unavailable = new ArrayList<>();
        String limitError = null;
        for (CompletableFuture<ShardAnswer> f : answers) {
            ShardAnswer a = f.join();
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
        return new Gathered(ok, unavailable, limitError);
    }

    /** The read of one shard: sequential attempts, then the fallback. Confined to its chain. */
    private final class ShardRead {
        private final int shard;
        private final List<ReplicaId> readable;
        private final List<ReplicaId> writable;
        private final ReadRequest request;
        private final long deadline;
        private final List<ReadResult> collected = new ArrayList<>(2);
        private final List<String> failures = new ArrayList<>(2);

        ShardRead(int shard, List<ReplicaId> readable, List<ReplicaId> writable,
                ReadRequest request, long deadline) {
            this.shard = shard;
            this.readable = readable;
            this.writable = writable;
            this.request = request;
            this.deadline = deadline;
        }

        CompletableFuture<ShardAnswer> start() {
            return attempt(0);
        }

        private CompletableFuture<ShardAnswer> attempt(int i) {
            if (i >= readable.size()) {
                if (!collected.isEmpty()) {
                    return done(null); // a lagging replica's answer is the best there is
                }
                return initializingFallback();
            }
            ReplicaId replica = readable.get(i);
            return ask(replica).thenCompose(r -> {
                if (r instanceof ReadResult.Failed f) {
                    if (f.limitExceeded()) {
                        return CompletableFuture.completedFuture(
                                new ShardAnswer(null, null, f.message()));
                    }
                    failures.add(replica + ": " + f.message());
                    return attempt(i + 1);
                }
                collected.add(r);
                if (lagging.test(replica) && i + 1 < readable.size()) {
                    return attempt(i + 1);
                }
                return done(null);
            });
        }

        /** No readable replica answered: take what the replicas being built can give. */
        private CompletableFuture<ShardAnswer> initializingFallback() {
            List<ReplicaId> others = new ArrayList<>();
            for (ReplicaId id : writable) {
                if (!readable.contains(id)) {
                    others.add(id);
                }
            }
            String reason = "shard " + shard + ": " + (readable.isEmpty()
                    ? "no readable replica" : "no replica answered (" + String.join("; ",
                    failures) + ")");
            if (others.isEmpty()) {
                return CompletableFuture.completedFuture(new ShardAnswer(null, reason, null));
            }
            List<CompletableFuture<ReadResult>> asks = new ArrayList<>(others.size());
            for (ReplicaId id : others) {
                asks.add(ask(id));
            }
            return CompletableFuture.allOf(asks.toArray(new CompletableFuture[0])).thenApply(v -> {
                for (CompletableFuture<ReadResult> f : asks) {
                    ReadResult r = f.join();
                    if (!(r instanceof ReadResult.Failed)) {
                        collected.add(r);
                    }
                }
                return new ShardAnswer(collected.isEmpty() ? null : ReplicaMerge.merge(collected),
                        collected.isEmpty() ? reason
                                : reason + "; answered by initializing replicas only", null);
            });
        }

        private CompletableFuture<ShardAnswer> done(String incomplete) {
            return CompletableFuture.completedFuture(
                    new ShardAnswer(ReplicaMerge.merge(collected), incomplete, null));
        }

        /** Asks one replica within what is left of the budget; failures become answers. */
        private CompletableFuture<ReadResult> ask(ReplicaId replica) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return CompletableFuture.completedFuture(new ReadResult.Failed(
                        "not asked, the read's " + timeout.toMillis() + " ms were used up",
                        false));
            }
            Duration budget = Duration.ofNanos(Math.min(left, attemptTimeout.toNanos()));
            CompletableFuture<ReadResult> answer;
            try {
                answer = replicas.<ReadResult>ask(replica,
                        replyTo -> new ReplicaEntity.Read(request, replyTo), budget)
                        .toCompletableFuture();
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            return answer.exceptionally(err -> new ReadResult.Failed(describe(err, budget),
                    false));
        }
    }

    private static String describe(Throwable err, Duration budget) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null
                ? err.getCause() : err;
        if (cause instanceof TimeoutException) {
            return "no answer within " + budget.toMillis() + " ms";
        }
        return String.valueOf(cause);
    }
}
