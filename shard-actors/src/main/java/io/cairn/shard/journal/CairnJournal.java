package io.cairn.shard.journal;

import com.typesafe.config.Config;
import io.cairn.shard.journal.JournalIo.PendingWrite;
import io.cairn.shard.journal.JournalRecord.Events;
import io.cairn.shard.journal.JournalRecord.StoredEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;

/**
 * Pekko Persistence journal plugin storing each persistence id's events in node-local segment
 * files under {@code <cairn.journal.dir>/journal/<escaped persistence id>/}
 * (docs/format/journal.md). Configured as plugin id {@code cairn.journal} in reference.conf.
 *
 * <p>Threads: the plugin actor runs on {@code cairn.persistence-dispatcher} and only serializes
 * events and enqueues work; every file operation runs on the journal's own IO thread
 * ({@link JournalIo}), which coalesces concurrent writes of all entities into one group commit
 * (one round of concurrent fsyncs) and acknowledges them from there.
 *
 * <p>Guarantees: an AtomicWrite is one checksummed record, so it is replayed all or nothing; a
 * write is acknowledged only after fsync ({@code cairn.journal.fsync = on}); the highest
 * sequence number survives deletion; a torn tail is cut on recovery with a WARN naming file and
 * offset; other corruption fails the recovery of that persistence id only, with an exception
 * naming file and offset. Events must not carry Pekko metadata (replicated event sourcing is not
 * supported): such writes are rejected.
 */
public final class CairnJournal extends AsyncWriteJournal {

    private static final Logger LOG = LoggerFactory.getLogger(CairnJournal.class);

    private final JournalSettings settings;
    private final JournalIo io;
    private final Serialization serialization;

    /** Called by Pekko with the plugin's config section ({@code cairn.journal}). */
    public CairnJournal(Config config) throws IOException {
        this.settings = JournalSettings.fromConfig(config);
        this.io = new JournalIo(settings);
        this.serialization = SerializationExtension.get(context().system());
        LOG.info("cairn journal in {} (segment-size {} bytes, fsync {}, fsync-parallelism {})",
                settings.root(), settings.segmentSize(), settings.fsync() ? "on" : "OFF",
                settings.fsyncParallelism());
    }

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        long now = System.currentTimeMillis();
        List<PendingWrite> writes = new ArrayList<>();
        for (AtomicWrite aw : messages) {
            writes.add(encode(aw, now));
        }
        return FutureConverters.asScala(io.write(writes).thenApply(outcomes -> outcomes));
    }

    /** Serializes one AtomicWrite into one record; a failure rejects just this AtomicWrite. */
    private PendingWrite encode(AtomicWrite aw, long now) {
        List<PersistentRepr> reprs = CollectionConverters.asJava(aw.payload());
        String pid = aw.persistenceId();
        try {
            List<StoredEvent> events = new ArrayList<>(reprs.size());
            long expected = aw.lowestSequenceNr();
            for (PersistentRepr r : reprs) {
                if (r.sequenceNr() != expected++) {
                    throw new IllegalArgumentException("AtomicWrite of " + pid + " has non-consecutive sequence numbers "
                            + aw.lowestSequenceNr() + ".." + aw.highestSequenceNr());
                }
                if (r.metadata().isDefined()) {
                    throw new IllegalArgumentException("event metadata is not supported by the cairn journal ("
                            + pid + " seqNr " + r.sequenceNr() + ")");
                }
                Object payload = r.payload();
                Serializer serializer = serialization.findSerializerFor(payload);
                String manifest = Serializers.manifestFor(serializer, payload);
                byte[] bytes = serialization.serialize(payload).get();
                events.add(new StoredEvent(r.manifest(), serializer.identifier(), manifest, bytes));
            }
            Events record = new Events(aw.lowestSequenceNr(), now, reprs.get(0).writerUuid(), events);
            return new PendingWrite(pid, record, JournalRecordCodec.encode(record, settings.maxRecordSize()), null);
        } catch (Exception e) {
            LOG.warn("journal {}: rejecting events {}..{}: {}", pid, aw.lowestSequenceNr(), aw.highestSequenceNr(),
                    e.toString());
            return new PendingWrite(pid, null, null, e);
        }
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        return FutureConverters.asScala(io.submit(journals -> {
            journals.journal(persistenceId).deleteTo(toSequenceNr);
            return null;
        }));
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr,
                                              long max, Consumer<PersistentRepr> replayCallback) {
        return FutureConverters.asScala(io.submit(journals -> {
            journals.journal(persistenceId).replay(fromSequenceNr, toSequenceNr, max,
                    (seqNr, timestampMs, writerUuid, event) -> {
                        Object payload = deserialize(persistenceId, seqNr, event);
                        replayCallback.accept(PersistentRepr.apply(payload, seqNr, persistenceId,
                                event.adapterManifest(), false, ActorRef.noSender(), writerUuid)
                                .withTimestamp(timestampMs));
                    });
            return null;
        }));
    }

    private Object deserialize(String persistenceId, long seqNr, StoredEvent event) throws IOException {
        try {
            return serialization.deserialize(event.payload(), event.serializerId(), event.serializerManifest()).get();
        } catch (Exception e) {
            throw new IOException("journal " + persistenceId + ": cannot deserialize event " + seqNr
                    + " (serializer " + event.serializerId() + ", manifest '" + event.serializerManifest() + "')", e);
        }
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return FutureConverters.asScala(io.submit(journals -> journals.journal(persistenceId).highestSeqNr()));
    }

    @Override
    public void postStop() throws Exception {
        try {
            io.close();
        } finally {
            super.postStop();
        }
    }
}
