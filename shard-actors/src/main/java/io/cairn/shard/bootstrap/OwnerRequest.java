package io.cairn.shard.bootstrap;

import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.replica.ReplicaEntity;
import io.cairn.storage.engine.ImportTicket;
import io.cairn.storage.engine.PartsSnapshot;
import io.cairn.storage.engine.ShardStore;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the bootstrap actors ({@link BootstrapRunner} on the copying replica, {@link CopySource}
 * on the copied one) ask of the {@link ReplicaEntity} that spawned them: the operations that
 * must run on the thread owning the replica's {@link ShardStore}. Local only (children talk to
 * their parent), never serialized. The store-only ones are served by {@link #serve}; the entity
 * itself handles {@link FlushHead}, {@link BootstrapEnded} and {@link ManifestUncertain}.
 */
public sealed interface OwnerRequest {

    /** Flush every row that arrived before this request into parts, then answer. */
    record FlushHead(ActorRef<ReplicaEntity.Done> replyTo) implements OwnerRequest {}

    /** Retain the parts served now (the caller owns the snapshot and must close it). */
    record RetainParts(ActorRef<PartsRetained> replyTo) implements OwnerRequest {}

    record PartsRetained(PartsSnapshot snapshot, String error) {}

    /** The parts served now, for finding the ones an earlier attempt adopted already. */
    record ListParts(ActorRef<LocalParts> replyTo) implements OwnerRequest {}

    /** @param files the file of each part, same order */
    record LocalParts(List<PartRef> parts, List<Path> files) {}

    /** Register a page of a copied part's series as active on the part's day. */
    record RegisterSeries(int day, CopySource.SeriesPage page, ActorRef<SeriesRegistered> replyTo)
            implements OwnerRequest {}

    /**
     * @param differentIds series whose id here differs from the source's (hash collisions
     *     resolved in another order); their samples in the copied part are misattributed
     */
    record SeriesRegistered(int registered, int differentIds, String error) {}

    record PrepareImport(PartRef sourceRef, ActorRef<ImportPrepared> replyTo)
            implements OwnerRequest {}

    record ImportPrepared(ImportTicket ticket, String error) {}

    /** Serve the imported part; only after the manifest recorded it. */
    record CommitImport(ImportTicket ticket, ActorRef<ImportCommitted> replyTo)
            implements OwnerRequest {}

    record ImportCommitted(String error) {}

    /** Delete the imported file; only when the manifest did not record it. */
    record AbortImport(ImportTicket ticket) implements OwnerRequest {}

    /** The runner is done (it stops next); {@code lifecycle} is the replica's state now. */
    record BootstrapEnded(ReplicaLifecycle lifecycle) implements OwnerRequest {}

    /**
     * Recording in the manifest failed or timed out, so whether it holds the events is unknown:
     * the replica must restart from its manifest, as after any such failure.
     */
    record ManifestUncertain(String what, Throwable failure) implements OwnerRequest {}

    /**
     * Serves a store-only request on the owner thread; answers failures as errors in the reply.
     *
     * @throws IllegalArgumentException for the requests the entity handles itself
     */
    static void serve(OwnerRequest request, ShardStore store) {
        if (request instanceof RetainParts r) {
            r.replyTo().tell(new PartsRetained(store.retainParts(), null));
        } else if (request instanceof ListParts r) {
            List<PartRef> parts = store.partRefs();
            r.replyTo().tell(new LocalParts(parts,
                    parts.stream().map(p -> store.partFile(p.fileName())).toList()));
        } else if (request instanceof RegisterSeries r) {
            r.replyTo().tell(SeriesPages.register(r.page(), r.day(), store));
        } else if (request instanceof PrepareImport r) {
            try {
                r.replyTo().tell(new ImportPrepared(store.prepareImport(r.sourceRef()), null));
            } catch (Exception e) {
                r.replyTo().tell(new ImportPrepared(null, e.toString()));
            }
        } else if (request instanceof CommitImport r) {
            try {
                store.commitImport(r.ticket());
                r.replyTo().tell(new ImportCommitted(null));
            } catch (Exception e) {
                r.replyTo().tell(new ImportCommitted(e.toString()));
            }
        } else if (request instanceof AbortImport r) {
            store.abortImport(r.ticket());
        } else {
            throw new IllegalArgumentException("BUG: the replica entity serves " + request
                    + " itself");
        }
    }
}
