package io.cairn.shard.journal;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Future;

/**
 * Pekko Persistence snapshot store plugin keeping snapshots as files
 * {@code <cairn.snapshot-store.dir>/snapshots/<escaped persistence id>/snapshot-<seqNr>-<timestampMs>.snap}
 * (format in {@link SnapshotFile}, docs/format/journal.md). Plugin id {@code cairn.snapshot-store}.
 *
 * <p>Threads: file IO runs synchronously inside the plugin actor, which is why the plugin must
 * run on its own dispatcher ({@code cairn.persistence-dispatcher}), never the default one.
 *
 * <p>Saving writes a temporary file, forces it, renames it into place and forces the directory,
 * so a snapshot is either complete or absent. Loading checks the checksum; a damaged or
 * undeserializable snapshot is skipped with an ERROR naming the file, and the next older
 * matching one is tried (or none, so recovery replays the journal). This fallback is only
 * correct while the journal still holds the events after the older snapshot: delete events only
 * up to a snapshot that is not the newest (Pekko's {@code RetentionCriteria.snapshotEvery(n, keep)}
 * with {@code keep >= 2} does that).
 */
public final class CairnSnapshotStore extends SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(CairnSnapshotStore.class);
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;
    private final boolean fsync;
    private final Serialization serialization;

    /** Called by Pekko with the plugin's config section ({@code cairn.snapshot-store}). */
    public CairnSnapshotStore(Config config) throws IOException {
        this.root = Path.of(config.getString("dir")).resolve("snapshots");
        this.fsync = config.getBoolean("fsync");
        Files.createDirectories(root);
        this.serialization = SerializationExtension.get(context().system());
        LOG.info("cairn snapshot store in {} (fsync {})", root, fsync ? "on" : "OFF");
    }

    private Path dirOf(String persistenceId) {
        return root.resolve(PersistenceIdEscaper.escape(persistenceId));
    }

    /** Runs blocking file work here, on the plugin's dedicated dispatcher, as a completed future. */
    private static <T> Future<T> now(Callable<T> work) {
        try {
            return Futures.successful(work.call());
        } catch (Exception e) {
            return Futures.failed(e);
        }
    }

    @Override
    public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return now(() -> load(persistenceId, criteria));
    }

    private Optional<SelectedSnapshot> load(String persistenceId, SnapshotSelectionCriteria criteria)
            throws IOException {
        Path dir = dirOf(persistenceId);
        List<SnapshotFile.Name> candidates = matching(dir, persistenceId, criteria);
        candidates.sort(Comparator.comparingLong(SnapshotFile.Name::seqNr)
                .thenComparingLong(SnapshotFile.Name::timestampMs).reversed());
        for (SnapshotFile.Name name : candidates) {
            Path file = dir.resolve(name.fileName());
            try {
                SnapshotFile.Contents c = SnapshotFile.decode(file, Files.readAllBytes(file));
                if (c.seqNr() != name.seqNr() || c.timestampMs() != name.timestampMs()) {
                    throw new CorruptJournalException(file, 8, "sequence number " + c.seqNr() + " / timestamp "
                            + c.timestampMs() + " disagree with the file name");
                }
                Object snapshot = serialization.deserialize(c.payload(), c.serializerId(), c.serializerManifest())
                        .get();
                return Optional.of(SelectedSnapshot.create(
                        SnapshotMetadata.apply(persistenceId, c.seqNr(), c.timestampMs()), snapshot));
            } catch (NoSuchFileException e) {
                LOG.warn("snapshot {} vanished while loading (deleted concurrently?)", file);
            } catch (Exception e) {
                LOG.error("skipping unreadable snapshot {} of {}; falling back to an older snapshot or the "
                        + "journal: {}", file, persistenceId, e.toString());
            }
        }
        return Optional.empty();
    }

    /** Snapshots of {@code persistenceId} whose metadata match {@code criteria}; removes stale temp files. */
    private List<SnapshotFile.Name> matching(Path dir, String persistenceId, SnapshotSelectionCriteria criteria)
            throws IOException {
        List<SnapshotFile.Name> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String fileName = f.getFileName().toString();
                if (fileName.endsWith(TEMP_SUFFIX)) {
                    LOG.warn("removing incomplete snapshot {} left by an interrupted save", f);
                    Files.deleteIfExists(f);
                    continue;
                }
                SnapshotFile.Name name = SnapshotFile.parseName(fileName);
                if (name != null
                        && criteria.matches(SnapshotMetadata.apply(persistenceId, name.seqNr(), name.timestampMs()))) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return names;
        }
        return names;
    }

    @Override
    public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
        return now(() -> {
            save(metadata, snapshot);
            return null;
        });
    }

    private void save(SnapshotMetadata metadata, Object snapshot) throws IOException {
        Serializer serializer = serialization.findSerializerFor(snapshot);
        String manifest = Serializers.manifestFor(serializer, snapshot);
        byte[] payload = serialization.serialize(snapshot).get();
        byte[] bytes = SnapshotFile.encode(new SnapshotFile.Contents(metadata.sequenceNr(), metadata.timestamp(),
                serializer.identifier(), manifest, payload));
        Path dir = dirOf(metadata.persistenceId());
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            syncDirectory(root);
        }
        String fileName = new SnapshotFile.Name(metadata.sequenceNr(), metadata.timestamp()).fileName();
        Path temp = dir.resolve(fileName + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync) {
                ch.force(true);
            }
        }
        Files.move(temp, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    private void syncDirectory(Path d) throws IOException {
        if (fsync) {
            try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }

    @Override
    public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
        return now(() -> {
            // Timestamp 0 means "any timestamp" for this sequence number, as in Pekko's own stores.
            long ts = metadata.timestamp();
            SnapshotSelectionCriteria exact = SnapshotSelectionCriteria.create(metadata.sequenceNr(),
                    ts == 0 ? Long.MAX_VALUE : ts, metadata.sequenceNr(), ts);
            delete(metadata.persistenceId(), exact);
            return null;
        });
    }

    @Override
    public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return now(() -> {
            delete(persistenceId, criteria);
            return null;
        });
    }

    private void delete(String persistenceId, SnapshotSelectionCriteria criteria) throws IOException {
        Path dir = dirOf(persistenceId);
        List<SnapshotFile.Name> names = matching(dir, persistenceId, criteria);
        for (SnapshotFile.Name name : names) {
            Files.deleteIfExists(dir.resolve(name.fileName()));
        }
        if (!names.isEmpty()) {
            syncDirectory(dir);
        }
    }
}
