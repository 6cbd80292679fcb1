package io.cairn.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.NodeReads;
import io.cairn.shard.replica.ReadGateway;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.shard.testkit.ReplicaFixture;
import io.cairn.shard.testkit.ReplicaFixture.FixedPlacement;
import io.cairn.storage.api.RollupEngine;
import io.cairn.storage.api.RollupSource;
import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads of the replicas open on this node go straight to their stores: no gateway is asked
 * for them, a replica that is not open goes through the gateway, a read that throws is a
 * failed replica (a limit a limit error), batches to other nodes leave before local reads
 * begin, and both ways of running local reads (on the caller, on the executor only) finish.
 *
 * <p>Local reads are observed through the rollup engine the replicas' {@link NodeReads} uses:
 * every {@link ReadRequest.Rollup} starts one rollup per replica read, on the reading thread.
 */
class ShardReadsLocalTest {
    private static final int SHARDS = 6;
    private static final long T0 = System.currentTimeMillis() - 3_600_000;
    private static final String HERE = "node-a";
    private static final String THERE = "node-b";
    private static final ReadRequest.Samples ALL = new ReadRequest.Samples(ReplicaFixture.T,
            List.of(LabelMatcher.of(LabelMatcher.Type.RE, "__name__", ".+")), 0,
            Long.MAX_VALUE / 2, 1000);
    private static final ReadRequest.Rollup ROLLUP = new ReadRequest.Rollup(ReplicaFixture.T,
            ALL.matchers(), 0, Long.MAX_VALUE / 2, 1000, new RollupSpec(RollupSpec.INSTANT,
            new double[0], T0, 0, T0, 0, 1, 0, 300_000, null));

    @TempDir
    Path dir;
    private ReplicaFixture replicas;
    /** "local:<thread>" per replica read here, "gateway:<node>:<replicas>" per batch sent. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final RecordingGateways gateways = new RecordingGateways();
    private ExecutorService pool;
    /** Whether the rollups refuse the series of shard 1 (with an exception). */
    private volatile boolean refuseShard1;

    @BeforeEach
    void start() {
        replicas = new ReplicaFixture(dir, new NodeReads(new RecordingRollups()));
        for (int s = 0; s < SHARDS; s++) {
            replicas.start(r(s, 0));
            replicas.insert(r(s, 0), series(s), T0, 4, s);
        }
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        replicas.close();
    }

    private static ReplicaId r(int shard, int slot) {
        return new ReplicaId(shard, slot, 0);
    }

    private static Labels series(int shard) {
        return Labels.of("__name__", "up", "shard", Integer.toString(shard));
    }

    /** Shard s read from {@code r(s, 0)} only, on {@code nodes} (empty: all on this node). */
    private static FixedPlacement placement(Map<ReplicaId, String> nodes) {
        List<List<ReplicaId>> read = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            read.add(List.of(r(s, 0)));
        }
        return new FixedPlacement(read, read, nodes);
    }

    private ShardReads reads(Placement placement, Executor executor, int parallelism) {
        return new ShardReads(gateways, new LocalReads(replicas.reads, HERE, executor,
                parallelism), () -> placement, Duration.ofSeconds(20), Duration.ofSeconds(5),
                id -> false);
    }

    private static ShardReads.Gathered await(CompletionStage<ShardReads.Gathered> f) {
        return f.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static Set<Labels> labels(ShardReads.Gathered g) {
        Set<Labels> out = new TreeSet<>();
        for (ReadResult r : g.results()) {
            for (SeriesData s : ((ReadResult.Samples) r).series()) {
                out.add(s.labels());
            }
        }
        return out;
    }

    private static Set<Labels> shards(int... exceptShards) {
        Set<Labels> out = new TreeSet<>();
        for (int s = 0; s < SHARDS; s++) {
            out.add(series(s));
        }
        for (int s : exceptShards) {
            out.remove(series(s));
        }
        return out;
    }

    private List<String> events(String prefix) {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (e.startsWith(prefix)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void openReplicasOfThisNodeAreReadWithoutAnyGatewayInEitherMode() {
        Map<ReplicaId, String> named = new HashMap<>();
        for (int s = 0; s < SHARDS; s++) {
            named.put(r(s, 0), HERE);
        }
        // THIS_NODE (placements without nodes) and this node's id both mean "here".
        for (FixedPlacement p : List.of(placement(Map.of()), placement(named))) {
            for (ShardReads.Mode mode : ShardReads.Mode.values()) {
                ShardReads.Gathered g = await(reads(p, pool, 2).gather(ALL, mode));
                assertFalse(g.partial(), mode + ": " + g.unavailableShards());
                assertNull(g.limitError());
                assertEquals(shards(), labels(g), mode.toString());
            }
        }
        assertEquals(List.of(), gateways.batches, "no batch was sent to any gateway");
    }

    @Test
    void aReplicaNotOpenHereIsAskedThroughThisNodesGateway() {
        replicas.stop(r(2, 0));
        assertNull(replicas.reads.reader(r(2, 0)), "a stopped replica is not listed");
        ShardReads.Gathered g = await(reads(placement(Map.of()), pool, 2).gather(ALL,
                ShardReads.Mode.CALLER_RUNS));
        assertFalse(g.partial(), g.unavailableShards().toString());
        Set<Labels> expected = shards(2);
        expected.add(RecordingGateways.remote(r(2, 0)));
        assertEquals(expected, labels(g), "shard 2 as its gateway answered");
        assertEquals(List.of("gateway:" + Placement.THIS_NODE + ":[" + r(2, 0) + "]"),
                gateways.batches);
    }

    @Test
    void aLocalReadThatThrowsFailsItsReplicaAndTheNextReplicaIsReadDirectly() {
        replicas.start(r(1, 1));
        replicas.insert(r(1, 1), series(1), T0, 4, 1);
        List<List<ReplicaId>> read = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            read.add(s == 1 ? List.of(r(s, 0), r(s, 1)) : List.of(r(s, 0)));
        }
        refuseShard1 = true;
        for (ShardReads.Mode mode : ShardReads.Mode.values()) {
            events.clear();
            ShardReads.Gathered g = await(reads(new FixedPlacement(read, read), pool, 2)
                    .gather(ROLLUP, mode));
            assertEquals(1, g.unavailableShards().size(), g.unavailableShards().toString());
            String reason = g.unavailableShards().get(0);
            assertEquals("shard 1: no replica answered (s1-r0-g0: refused shard 1; "
                    + "s1-r1-g0: refused shard 1)", reason);
            assertEquals(SHARDS - 1, g.results().size());
            assertNull(g.limitError());
            assertEquals(SHARDS + 1, events("local:").size(), "both replicas of shard 1 read");
        }
        assertEquals(List.of(), gateways.batches);
    }

    @Test
    void aReplicaClosingUnderAReadFailsCleanly() {
        var reader = replicas.reads.reader(r(3, 0));
        replicas.stop(r(3, 0));
        ReadResult.Failed f = assertInstanceOf(ReadResult.Failed.class,
                replicas.reads.answer(reader, ALL));
        assertTrue(f.message().contains("closed"), f.message());
        assertFalse(f.limitExceeded());
    }

    @Test
    void aSeriesLimitExceededOnOneShardIsTheGathersLimitError() {
        replicas.insert(r(3, 0), Labels.of("__name__", "up", "shard", "3", "extra", "x"), T0,
                4, 0);
        ReadRequest.Samples atMostOne = new ReadRequest.Samples(ALL.tenant(), ALL.matchers(),
                ALL.minTimeMs(), ALL.maxTimeMs(), 1);
        for (ShardReads.Mode mode : ShardReads.Mode.values()) {
            ShardReads.Gathered g = await(reads(placement(Map.of()), pool, 2).gather(atMostOne,
                    mode));
            assertEquals(new SeriesLimitExceededException(1).getMessage(), g.limitError(),
                    mode.toString());
            assertEquals(shards(3), labels(g), "the other shards answered");
        }
    }

    @Test
    void callerRunsWithoutHelpersReadsEverythingOnTheCallingThreadBeforeReturning() {
        Executor none = task -> {
            throw new AssertionError("no helper expected with parallelism 1");
        };
        CompletionStage<ShardReads.Gathered> f = reads(placement(Map.of()), none, 1)
                .gather(ROLLUP, ShardReads.Mode.CALLER_RUNS);
        assertTrue(f.toCompletableFuture().isDone(), "answered before gather returned");
        assertEquals(SHARDS, await(f).results().size());
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            expected.add("local:" + Thread.currentThread().getName());
        }
        assertEquals(expected, events("local:"));
    }

    @Test
    void asyncHandsEveryReadToTheExecutorAndReturnsAtOnce() {
        Queue<Runnable> queued = new ArrayDeque<>();
        CompletionStage<ShardReads.Gathered> f = reads(placement(Map.of()), queued::add, 2)
                .gather(ROLLUP, ShardReads.Mode.ASYNC);
        assertFalse(f.toCompletableFuture().isDone());
        assertEquals(List.of(), events, "nothing read on the calling thread");
        assertEquals(2, queued.size(), "one task per thread of the read's parallelism");
        Thread helper = new Thread(() -> queued.forEach(Runnable::run), "helper");
        helper.start();
        ShardReads.Gathered g = await(f);
        assertFalse(g.partial(), g.unavailableShards().toString());
        assertEquals(SHARDS, g.results().size());
        assertEquals(SHARDS, events("local:helper").size());
    }

    @Test
    void eachShardsFinalDataIsHandedOverOnceBeforeTheGatherCompletes() {
        ShardReads reads = reads(placement(Map.of()), pool, 2);
        for (int round = 0; round < 50; round++) {
            int i = round;
            ShardReads.Mode mode = i % 2 == 0 ? ShardReads.Mode.CALLER_RUNS
                    : ShardReads.Mode.ASYNC;
            List<ReadResult> handed = new ArrayList<>(); // guarded by the gather's lock
            CompletionStage<ShardReads.Gathered> f = reads.gather(ALL, mode, handed::add);
            ShardReads.Gathered g = await(f.thenApply(done -> {
                // Completion happens after every hand-over: nothing may be missing by now.
                assertEquals(SHARDS, handed.size(), "round " + i);
                return done;
            }));
            assertEquals(SHARDS, g.results().size());
            assertEquals(shards(), labels(g));
            for (ReadResult r : g.results()) {
                assertEquals(1, handed.stream().filter(h -> h == r).count(),
                        "each answer handed over exactly once, round " + i);
            }
        }
    }

    @Test
    void rollupIntoFoldsEveryShardAndRethrowsAFoldsFailureOnTheQueryThread() {
        RollupSource source = new ClusterSeriesSource(reads(placement(Map.of()), pool, 2),
                Duration.ofSeconds(20)).forRequest(PartialResponse.allowed());
        List<StepRows> folded = new ArrayList<>();
        source.rollupInto(ROLLUP.tenant(), ROLLUP.matchers(), ROLLUP.minTimeMs(),
                ROLLUP.maxTimeMs(), 1000, ROLLUP.spec(), folded::add);
        assertEquals(SHARDS, folded.size());
        assertEquals(SHARDS, folded.stream().mapToLong(StepRows::series).sum());

        int[] calls = {0};
        IllegalStateException boom = new IllegalStateException("fold failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> source.rollupInto(ROLLUP.tenant(), ROLLUP.matchers(), ROLLUP.minTimeMs(),
                        ROLLUP.maxTimeMs(), 1000, ROLLUP.spec(), part -> {
                            if (++calls[0] == 3) {
                                throw boom;
                            }
                        }));
        assertSame(boom, thrown);
        assertEquals(3, calls[0], "no part is handed over after the fold failed");
    }

    @Test
    void rollupIntoAppliesTheSeriesLimitToAllShardsTogether() {
        RollupSource source = new ClusterSeriesSource(reads(placement(Map.of()), pool, 2),
                Duration.ofSeconds(20)).forRequest(PartialResponse.allowed());
        assertThrows(SeriesLimitExceededException.class, () -> source.rollupInto(ROLLUP.tenant(),
                ROLLUP.matchers(), ROLLUP.minTimeMs(), ROLLUP.maxTimeMs(), SHARDS - 1,
                ROLLUP.spec(), part -> { }));
    }

    @Test
    void callerAndHelpersTogetherReadEveryShardOnceTimeAfterTime() {
        ShardReads reads = reads(placement(Map.of()), pool, 2);
        for (int i = 0; i < 200; i++) {
            ShardReads.Mode mode = i % 2 == 0 ? ShardReads.Mode.CALLER_RUNS
                    : ShardReads.Mode.ASYNC;
            ShardReads.Gathered g = await(reads.gather(ALL, mode));
            assertFalse(g.partial(), g.unavailableShards().toString());
            assertEquals(shards(), labels(g), "round " + i + ", " + mode);
            assertEquals(SHARDS, g.results().size());
        }
    }

    @Test
    void batchesToOtherNodesLeaveBeforeLocalReadsBegin() {
        Map<ReplicaId, String> nodes = new HashMap<>();
        for (int s = 0; s < SHARDS; s++) {
            nodes.put(r(s, 0), s % 2 == 0 ? HERE : THERE);
        }
        ShardReads.Gathered g = await(reads(placement(nodes), task -> {
            throw new AssertionError("no helper expected with parallelism 1");
        }, 1).gather(ROLLUP, ShardReads.Mode.CALLER_RUNS));
        assertFalse(g.partial(), g.unavailableShards().toString());
        assertEquals(SHARDS, g.results().size());
        String local = "local:" + Thread.currentThread().getName();
        assertEquals(List.of("gateway:" + THERE + ":[" + r(1, 0) + ", " + r(3, 0) + ", "
                + r(5, 0) + "]", local, local, local), events);
    }

    /** Records each rollup's thread; refuses the series of shard 1 when told to. */
    private final class RecordingRollups implements RollupEngine {
        @Override
        public Rollup start(RollupSpec spec) {
            events.add("local:" + Thread.currentThread().getName());
            return new Rollup() {
                private int series;

                @Override
                public void accept(Labels labels, long[] timestamps, double[] values,
                        int count) {
                    if (refuseShard1 && "1".equals(labels.get("shard"))) {
                        throw new IllegalArgumentException("refused shard 1");
                    }
                    series++;
                }

                @Override
                public StepRows finish() {
                    return new StepRows(1, List.of(), new double[0], null, new long[0], series,
                            0, List.of());
                }
            };
        }
    }

    /**
     * Answers every batch at once: one series named after the replica for samples, empty
     * rows for rollups. Records each batch.
     */
    private final class RecordingGateways implements ReadGateways {
        final List<String> batches = new CopyOnWriteArrayList<>();

        static Labels remote(ReplicaId id) {
            return Labels.of("__name__", "remote", "replica", id.toString());
        }

        @Override
        public CompletionStage<ReadGateway.BatchAnswer> read(String nodeId, ReadRequest request,
                List<ReplicaId> ids, Duration replicaTimeout, Duration timeout) {
            String batch = "gateway:" + nodeId + ":" + ids;
            batches.add(batch);
            events.add(batch);
            List<ReadGateway.ReplicaAnswer> out = new ArrayList<>();
            for (ReplicaId id : ids) {
                ReadResult r = request instanceof ReadRequest.Samples
                        ? new ReadResult.Samples(List.of(new SeriesData(remote(id),
                                new long[] {T0}, new double[] {1}, 1)))
                        : new ReadResult.Rolled(new StepRows(1, List.of(), new double[0], null,
                                new long[0], 0, 0, List.of()));
                out.add(new ReadGateway.ReplicaAnswer(id, r));
            }
            return CompletableFuture.completedFuture(new ReadGateway.BatchAnswer(out));
        }
    }
}
