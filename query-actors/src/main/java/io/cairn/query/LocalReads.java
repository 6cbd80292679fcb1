package io.cairn.query;

import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.NodeReads;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.shard.replica.ReplicaId;
import io.cairn.storage.engine.StoreReader;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * How {@link ShardReads} reads the replicas open on this node: straight from their store
 * readers ({@link NodeReads}), with no actor, message or ask in between, so that a small read
 * costs what its stores cost.
 *
 * <p>Work is shared through one cursor over the replicas: whoever takes part (the calling
 * thread, when it would block for the answer anyway, and up to {@code parallelism} helpers on
 * the read executor) takes the next replica until none is left. A small read is then done by
 * the caller before a helper has even woken up; a large one keeps every core busy.
 *
 * <p>Thread-safe; holds no state per read.
 */
public final class LocalReads {
    private final NodeReads reads;
    private final String nodeId;
    private final Executor executor;
    private final int parallelism;

    /**
     * @param reads the readers of the replicas open on this node
     * @param nodeId this node's id in the placement
     * @param executor where helpers run; must not run tasks on the submitting thread
     * @param parallelism threads reading one batch at most, the caller included
     */
    public LocalReads(NodeReads reads, String nodeId, Executor executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("read parallelism must be at least 1, got "
                    + parallelism);
        }
        this.reads = reads;
        this.nodeId = nodeId;
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** On {@code cairn.read-dispatcher}, as many threads per read as there are cores. */
    public static LocalReads of(ActorSystem<?> system, NodeReads reads, String nodeId) {
        return new LocalReads(reads, nodeId, system.dispatchers().lookup(
                DispatcherSelector.fromConfig("cairn.read-dispatcher")),
                Runtime.getRuntime().availableProcessors());
    }

    /** Whether the placement's node {@code node} is this one. */
    boolean isThisNode(String node) {
        return node.equals(nodeId) || node.equals(Placement.THIS_NODE);
    }

    /** The reader of {@code replica} when it is open on this node, else null. */
    StoreReader reader(ReplicaId replica) {
        return reads.reader(replica);
    }

    /** Reads {@code request} from {@code reader} on this thread; never throws. */
    ReadResult read(StoreReader reader, ReadRequest request) {
        return reads.answer(reader, request);
    }

    /**
     * Runs {@code task} for every index in [0, {@code count}), each once, spread over the
     * caller (with {@code callerRuns}) and helpers on the executor. With {@code callerRuns} the
     * call returns once no index is left to start (helpers may still be finishing theirs);
     * without, it only hands the work out and returns at once.
     *
     * @param task must not throw; called concurrently from several threads
     */
    void run(int count, IntConsumer task, boolean callerRuns) {
        if (count <= 0) {
            return;
        }
        AtomicInteger cursor = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = cursor.getAndIncrement(); i < count; i = cursor.getAndIncrement()) {
                task.accept(i);
            }
        };
        int helpers = callerRuns ? Math.min(parallelism - 1, count - 1)
                : Math.min(parallelism, count);
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(drain);
            } catch (RejectedExecutionException e) {
                // Only while the node shuts down: read here rather than leave replicas unread.
                drain.run();
                return;
            }
        }
        if (callerRuns) {
            drain.run();
        }
    }
}
