package io.cairn.shard.journal;

import io.cairn.shard.journal.JournalRecord.DeletedTo;
import io.cairn.shard.journal.JournalRecord.Events;
import io.cairn.shard.journal.JournalRecord.StoredEvent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of one persistence id: segment files in {@code <root>/<escaped id>/}, the last of
 * which is open for appending.
 *
 * <p>Not thread safe: confined to the journal's IO thread ({@link JournalIo}). Appends are not
 * durable until {@link #force()} returns; the caller acknowledges writes only after that.
 * Opening cuts a torn tail off the last segment (WARN, naming file and offset) and fails with
 * {@link CorruptJournalException} on any other damage, leaving the files untouched.
 */
final class PidJournal implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PidJournal.class);

    /** Receives replayed events. */
    interface EventVisitor {
        void visit(long seqNr, long timestampMs, String writerUuid, StoredEvent event) throws IOException;
    }

    private final String persistenceId;
    private final Path dir;
    private final JournalSettings settings;
    /** Base sequence numbers of the segments, ascending; the last one is the active segment. */
    private final List<Long> segmentBases;
    private FileChannel active;
    private long activeEnd;
    private long highestSeqNr;
    private long deletedToSeqNr;
    private boolean dirty;

    private PidJournal(String persistenceId, Path dir, JournalSettings settings, List<Long> segmentBases) {
        this.persistenceId = persistenceId;
        this.dir = dir;
        this.settings = settings;
        this.segmentBases = segmentBases;
    }

    /**
     * Opens the journal of {@code persistenceId}, checking every record and cutting a torn
     * tail. A persistence id without a directory has an empty journal; its directory is made on
     * the first append.
     */
    static PidJournal open(String persistenceId, JournalSettings settings) throws IOException {
        Path dir = settings.root().resolve(PersistenceIdEscaper.escape(persistenceId));
        List<Long> bases = listSegments(dir);
        PidJournal j = new PidJournal(persistenceId, dir, settings, bases);
        j.recover();
        return j;
    }

    private static List<Long> listSegments(Path dir) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                long base = JournalSegment.parseBaseSeqNr(f.getFileName().toString());
                if (base >= 0) {
                    bases.add(base);
                }
            }
        } catch (NoSuchFileException e) {
            return bases;
        }
        Collections.sort(bases);
        return bases;
    }

    private Path segmentPath(long base) {
        return dir.resolve(JournalSegment.fileName(base));
    }

    private void recover() throws IOException {
        // A crash between creating a segment and syncing its header leaves a short last file.
        while (!segmentBases.isEmpty()) {
            Path last = segmentPath(segmentBases.get(segmentBases.size() - 1));
            long size = Files.size(last);
            if (size >= JournalSegment.HEADER_LENGTH) {
                break;
            }
            LOG.warn("journal {}: removing segment {} with an incomplete header ({} bytes), left by an "
                    + "interrupted segment roll", persistenceId, last, size);
            Files.delete(last);
            segmentBases.remove(segmentBases.size() - 1);
        }
        for (int i = 0; i < segmentBases.size(); i++) {
            long base = segmentBases.get(i);
            Path file = segmentPath(base);
            byte[] data = Files.readAllBytes(file);
            JournalSegment.checkHeader(file, data, base);
            if (base <= highestSeqNr) {
                throw new CorruptJournalException(file, 8, "segment base " + base
                        + " not above the previous segment's highest sequence number " + highestSeqNr);
            }
            highestSeqNr = base - 1;
            boolean last = i == segmentBases.size() - 1;
            int validEnd = JournalSegment.scan(file, data, settings.maxRecordSize(),
                    last ? JournalSegment.Mode.TOLERATE_TORN_TAIL : JournalSegment.Mode.STRICT,
                    (record, offset) -> recoverRecord(file, record, offset));
            if (last) {
                active = FileChannel.open(file, StandardOpenOption.WRITE);
                if (validEnd < data.length) {
                    LOG.warn("journal {}: cutting torn tail of {} at offset {} ({} bytes dropped): an append "
                            + "was interrupted before it was acknowledged", persistenceId, file, validEnd,
                            data.length - validEnd);
                    active.truncate(validEnd);
                    active.force(true);
                }
                activeEnd = validEnd;
            }
        }
        if (deletedToSeqNr > highestSeqNr) {
            Path file = segmentPath(segmentBases.get(segmentBases.size() - 1));
            throw new CorruptJournalException(file, 0, "deleted up to " + deletedToSeqNr
                    + " beyond the highest sequence number " + highestSeqNr);
        }
    }

    private void recoverRecord(Path file, JournalRecord record, int offset) throws CorruptJournalException {
        if (record instanceof Events e) {
            if (e.firstSeqNr() <= highestSeqNr) {
                throw new CorruptJournalException(file, offset, "sequence number " + e.firstSeqNr()
                        + " not above the preceding " + highestSeqNr);
            }
            highestSeqNr = e.lastSeqNr();
        } else {
            deletedToSeqNr = Math.max(deletedToSeqNr, ((DeletedTo) record).toSeqNr());
        }
    }

    String persistenceId() {
        return persistenceId;
    }

    /** Highest sequence number ever written, also after its events were deleted; 0 if none. */
    long highestSeqNr() {
        return highestSeqNr;
    }

    long deletedToSeqNr() {
        return deletedToSeqNr;
    }

    /** Number of segment files; for tests. */
    int segmentCount() {
        return segmentBases.size();
    }

    /**
     * Appends the encoded {@code frame} of {@code record}; not durable before {@link #force()}.
     * The caller has checked that the record's first sequence number is above
     * {@link #highestSeqNr()}.
     */
    void append(Events record, byte[] frame) throws IOException {
        if (record.firstSeqNr() <= highestSeqNr) {
            throw new IllegalStateException("BUG: append of sequence number " + record.firstSeqNr()
                    + " to " + persistenceId + " whose highest is " + highestSeqNr);
        }
        appendFrame(frame);
        highestSeqNr = record.lastSeqNr();
    }

    private void appendFrame(byte[] frame) throws IOException {
        if (active == null || activeEnd >= settings.segmentSize()) {
            roll();
        }
        ByteBuffer buf = ByteBuffer.wrap(frame);
        long pos = activeEnd;
        while (buf.hasRemaining()) {
            pos += active.write(buf, pos);
        }
        activeEnd = pos;
        dirty = true;
    }

    /** Makes every append so far durable. */
    void force() throws IOException {
        if (dirty) {
            if (settings.fsync()) {
                active.force(false);
            }
            dirty = false;
        }
    }

    /**
     * Starts a new segment. The old one is forced first: a sealed segment must never end in a
     * torn record, because only the last segment's tail is cut on recovery.
     */
    private void roll() throws IOException {
        if (active != null) {
            force();
            active.close();
            active = null;
        } else {
            Files.createDirectories(dir);
            syncDirectory(dir.getParent());
        }
        long base = highestSeqNr + 1;
        Path file = segmentPath(base);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.wrap(JournalSegment.header(base));
            while (header.hasRemaining()) {
                ch.write(header);
            }
            if (settings.fsync()) {
                ch.force(true);
            }
            syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        segmentBases.add(base);
        active = ch;
        activeEnd = JournalSegment.HEADER_LENGTH;
    }

    private void syncDirectory(Path d) throws IOException {
        if (settings.fsync()) {
            try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }

    /**
     * Durably deletes every event up to {@code toSeqNr} (capped at the highest sequence number)
     * and removes segments that hold nothing newer. The highest sequence number is kept.
     */
    void deleteTo(long toSeqNr) throws IOException {
        long effective = Math.min(toSeqNr, highestSeqNr);
        if (effective <= deletedToSeqNr) {
            return;
        }
        appendFrame(JournalRecordCodec.encode(new DeletedTo(effective), settings.maxRecordSize()));
        force();
        deletedToSeqNr = effective;
        boolean removed = false;
        // Never the active segment: it holds the tombstone just written.
        while (segmentBases.size() > 1 && segmentBases.get(1) - 1 <= deletedToSeqNr) {
            Files.delete(segmentPath(segmentBases.get(0)));
            segmentBases.remove(0);
            removed = true;
        }
        if (removed) {
            syncDirectory(dir);
        }
    }

    /**
     * Visits the events with {@code fromSeqNr <= seqNr <= toSeqNr} that are not deleted, in
     * order, at most {@code max} of them.
     */
    void replay(long fromSeqNr, long toSeqNr, long max, EventVisitor visitor) throws IOException {
        long from = Math.max(fromSeqNr, deletedToSeqNr + 1);
        long to = Math.min(toSeqNr, highestSeqNr);
        if (from > to || max <= 0 || segmentBases.isEmpty()) {
            return;
        }
        int first = 0;
        while (first + 1 < segmentBases.size() && segmentBases.get(first + 1) <= from) {
            first++;
        }
        long[] replayed = {0};
        for (int i = first; i < segmentBases.size() && replayed[0] < max; i++) {
            if (segmentBases.get(i) > to) {
                break;
            }
            Path file = segmentPath(segmentBases.get(i));
            JournalSegment.scan(file, Files.readAllBytes(file), settings.maxRecordSize(),
                    JournalSegment.Mode.STRICT, (record, offset) -> {
                        if (!(record instanceof Events e) || e.lastSeqNr() < from || e.firstSeqNr() > to) {
                            return;
                        }
                        for (int k = 0; k < e.events().size() && replayed[0] < max; k++) {
                            long seqNr = e.firstSeqNr() + k;
                            if (seqNr >= from && seqNr <= to) {
                                visitor.visit(seqNr, e.timestampMs(), e.writerUuid(), e.events().get(k));
                                replayed[0]++;
                            }
                        }
                    });
        }
    }

    @Override
    public void close() throws IOException {
        if (active != null) {
            try {
                force();
            } finally {
                active.close();
                active = null;
            }
        }
    }
}
