package io.cairn.shard.replica;

import io.cairn.storage.api.RollupEngine;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.engine.StoreReader;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reads of all replicas on a node share: how a {@link ReadRequest} is answered from a
 * replica's store reader (rollups through the node's {@link RollupEngine}), and the readers of
 * the replicas open on this node.
 *
 * <p>A {@link StoreReader} is thread-safe and answers from retained snapshots, so readers found
 * here may be used from any thread; a replica lists its reader once its store is open and takes
 * it back before it closes the store. A read that races with the close fails with an
 * exception (the store's view or index is closed; the parts and heads it already holds stay
 * retained until it ends), as a read through the replica actor would. Thread-safe.
 */
public final class NodeReads {
    private final RollupEngine rollups;
    private final ConcurrentHashMap<ReplicaId, StoreReader> open = new ConcurrentHashMap<>();

    public NodeReads(RollupEngine rollups) {
        this.rollups = rollups;
    }

    /** For nodes and tests without a query engine: rollup requests fail. */
    public static NodeReads withoutRollups() {
        return new NodeReads(RollupEngine.NONE);
    }

    /** Answers {@code request} from {@code reader}; runs on the caller's thread. */
    public ReadResult execute(StoreReader reader, ReadRequest request) {
        if (request instanceof ReadRequest.Samples r) {
            return new ReadResult.Samples(reader.select(r.tenant(), r.matchers(), r.minTimeMs(),
                    r.maxTimeMs(), r.maxSeries()));
        }
        if (request instanceof ReadRequest.Rollup r) {
            RollupEngine.Rollup rollup = rollups.start(r.spec());
            reader.scan(r.tenant(), r.matchers(), r.minTimeMs(), r.maxTimeMs(), r.maxSeries(),
                    rollup);
            return new ReadResult.Rolled(rollup.finish());
        }
        if (request instanceof ReadRequest.SeriesLabels r) {
            return new ReadResult.LabelSets(reader.series(r.tenant(), r.matchers(),
                    r.minTimeMs(), r.maxTimeMs(), r.limit()));
        }
        if (request instanceof ReadRequest.LabelNames r) {
            return new ReadResult.Strings(reader.labelNames(r.tenant(), r.matchers(),
                    r.minTimeMs(), r.maxTimeMs(), r.limit()));
        }
        if (request instanceof ReadRequest.LabelValues r) {
            return new ReadResult.Strings(reader.labelValues(r.tenant(), r.name(), r.matchers(),
                    r.minTimeMs(), r.maxTimeMs(), r.limit()));
        }
        if (request instanceof ReadRequest.Cardinality r) {
            return new ReadResult.Cardinality(reader.status(r.tenant(), r.minTimeMs(),
                    r.maxTimeMs(), r.topN()));
        }
        throw new IllegalStateException("BUG: unknown read request " + request);
    }

    /**
     * Like {@link #execute}, but never throws: a failure is answered as {@link #failure}, as
     * the replica actor answers a read whose future failed. Runs on the caller's thread.
     */
    public ReadResult answer(StoreReader reader, ReadRequest request) {
        try {
            return execute(reader, request);
        } catch (RuntimeException | Error e) {
            // Everything, as the actor's future caught everything: the reader waits for one
            // answer per replica and must get it.
            return failure(e);
        }
    }

    /**
     * A failed read as the reader sees it: the cause's message, and whether a limit refused it
     * (a client error, not a replica failure).
     */
    public static ReadResult.Failed failure(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null
                ? err.getCause() : err;
        return new ReadResult.Failed(String.valueOf(cause.getMessage()),
                cause instanceof SeriesLimitExceededException);
    }

    /** The replica's store is open and serves reads through {@code reader}. */
    void opened(ReplicaId replica, StoreReader reader) {
        open.put(replica, reader);
    }

    /**
     * The replica is about to close the store behind {@code reader}. Only that reader is
     * unlisted: a later incarnation of the replica that listed its own stays listed.
     */
    void closing(ReplicaId replica, StoreReader reader) {
        open.remove(replica, reader);
    }

    /** The reader of a replica open on this node, or null. */
    public StoreReader reader(ReplicaId replica) {
        return open.get(replica);
    }
}
