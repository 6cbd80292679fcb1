package io.cairn.storage.index;

import static io.cairn.storage.index.IndexLogDescriptor.FRAME_LENGTH;
import static io.cairn.storage.index.IndexLogDescriptor.HEADER_LENGTH;
import static io.cairn.storage.index.IndexLogDescriptor.ORDER;

import io.cairn.storage.model.Labels;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the index log at open: finds the newest complete snapshot segment (older segments
 * are obsolete), then decodes and validates every record of it and of the segments after it.
 *
 * <p>Crash semantics: a partly written record at the end of the newest segment is a torn tail;
 * it is reported (WARN, file and offset) and the writer cuts the file there. Any other bad
 * record is corruption: reported (ERROR, file and offset) in {@link Result#damage()}, the rest
 * of that segment is skipped and later segments are still replayed, so the replica opens
 * instead of failing in a restart loop; the caller decides what to do with the report. A
 * segment of an unknown format version is refused with an {@link IOException} instead, since
 * skipping it would silently drop a newer index.
 */
final class IndexLogReader {
    private static final Logger LOG = LoggerFactory.getLogger(IndexLogReader.class);

    /**
     * @param segments the replayed segment files, ascending
     * @param obsolete segments older than the newest snapshot; safe to delete
     * @param appendSequence sequence of the segment to continue, or -1 to start a new one
     * @param appendLength valid length of that segment (where the writer continues)
     * @param records records replayed
     * @param damage torn tails and corruption found
     */
    record Result(List<Path> segments, List<Path> obsolete, long lastSequence,
            long appendSequence, long appendLength, long records, List<LogDamage> damage) {}

    /** Returned for a newest segment that died before its header was written. */
    private static final long DELETE = -3;

    private final CRC32C crc = new CRC32C();
    private final IndexRecordHandler handler;
    private final List<LogDamage> damage = new ArrayList<>();
    private long records;

    private IndexLogReader(IndexRecordHandler handler) {
        this.handler = handler;
    }

    static Result replay(Path dir, IndexRecordHandler handler) throws IOException {
        return new IndexLogReader(handler).run(dir);
    }

    private Result run(Path dir) throws IOException {
        List<Long> sequences = listSegments(dir);
        int start = 0;
        for (int i = sequences.size() - 1; i > 0; i--) {
            if (isSnapshot(segment(dir, sequences.get(i)))) {
                start = i;
                break;
            }
        }
        List<Path> obsolete = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            obsolete.add(segment(dir, sequences.get(i)));
        }
        List<Path> replayed = new ArrayList<>();
        long appendSequence = -1;
        long appendLength = 0;
        for (int i = start; i < sequences.size(); i++) {
            Path file = segment(dir, sequences.get(i));
            boolean newest = i == sequences.size() - 1;
            replayed.add(file);
            long valid = replaySegment(file, sequences.get(i), newest);
            if (valid == DELETE) {
                Files.delete(file);
                replayed.remove(file);
            } else if (newest && valid >= 0) {
                appendSequence = sequences.get(i);
                appendLength = valid;
            }
        }
        long last = sequences.isEmpty() ? 0 : sequences.get(sequences.size() - 1);
        return new Result(replayed, obsolete, last, appendSequence, appendLength, records,
                List.copyOf(damage));
    }

    /**
     * Replays one segment; returns the length up to which it is valid and may be appended to,
     * -1 when it must not be appended to (corrupt), or {@link #DELETE}.
     */
    private long replaySegment(Path file, long sequence, boolean newest) throws IOException {
        try (SegmentCursor in = new SegmentCursor(file)) {
            if (!in.ensure(0, HEADER_LENGTH)) {
                if (newest && in.zeroFrom(0)) {
                    // Died while creating the segment: nothing in it was ever acknowledged.
                    torn(file, 0, in.size(), "segment header incomplete");
                    return DELETE;
                }
                return corrupt(file, 0, in.size(), "segment shorter than its header");
            }
            String headerProblem = checkHeader(in.buffer(), in.index(0), sequence, file);
            if (headerProblem != null) {
                return corrupt(file, 0, in.size(), headerProblem);
            }
            long offset = HEADER_LENGTH;
            while (offset < in.size()) {
                long next = replayRecord(in, file, offset, newest);
                if (next < 0) {
                    return next == -2 ? offset : -1;
                }
                offset = next;
            }
            return offset;
        }
    }

    /** Returns the next offset, -2 after a torn tail (cut here), -1 after corruption. */
    private long replayRecord(SegmentCursor in, Path file, long offset, boolean newest)
            throws IOException {
        long remaining = in.size() - offset;
        if (remaining < FRAME_LENGTH) {
            return newest ? tornAt(file, offset, remaining, "incomplete record frame")
                    : corrupt(file, offset, remaining, "trailing bytes after the last record");
        }
        in.ensure(offset, FRAME_LENGTH);
        int length = in.buffer().getInt(in.index(offset) + IndexLogDescriptor.LENGTH_OFFSET, ORDER);
        if (length < 1 || length > IndexLogDescriptor.MAX_BODY_LENGTH) {
            if (newest && in.zeroFrom(offset)) {
                return tornAt(file, offset, remaining, "zero-filled tail");
            }
            return corrupt(file, offset, remaining, "invalid record length " + length);
        }
        if (FRAME_LENGTH + (long) length > remaining) {
            return newest ? tornAt(file, offset, remaining, "incomplete record")
                    : corrupt(file, offset, remaining, "record runs past the end of the segment");
        }
        in.ensure(offset, FRAME_LENGTH + length);
        UnsafeBuffer buf = in.buffer();
        int at = in.index(offset);
        int stored = buf.getInt(at + IndexLogDescriptor.CRC_OFFSET, ORDER);
        int actual = IndexLogDescriptor.crc32c(crc, buf, at + IndexLogDescriptor.TYPE_OFFSET, length);
        if (stored != actual) {
            boolean last = FRAME_LENGTH + (long) length == remaining;
            return newest && last ? tornAt(file, offset, remaining, "checksum mismatch in the last record")
                    : corrupt(file, offset, remaining, "checksum mismatch");
        }
        String problem = dispatch(buf, at + IndexLogDescriptor.TYPE_OFFSET, length);
        if (problem != null) {
            return corrupt(file, offset, remaining, problem);
        }
        records++;
        return offset + FRAME_LENGTH + length;
    }

    /** Decodes and delivers one checksummed body; returns a problem or null. */
    private String dispatch(UnsafeBuffer buf, int body, int length) {
        byte type = buf.getByte(body);
        int p = body + 1;
        if (type == IndexLogDescriptor.SERIES_CREATED) {
            if (length < IndexLogDescriptor.createdBodyLength(0)) {
                return "SERIES_CREATED body too short: " + length;
            }
            int labelsLength = buf.getInt(p + 16, ORDER);
            if (labelsLength < 0 || IndexLogDescriptor.createdBodyLength(labelsLength) != length) {
                return "SERIES_CREATED labels length " + labelsLength + " in a body of " + length;
            }
            byte[] canonical = new byte[labelsLength];
            buf.getBytes(p + 20, canonical);
            Labels labels;
            try {
                labels = Labels.fromCanonicalBytes(canonical, 0, labelsLength);
            } catch (RuntimeException e) {
                return "undecodable labels: " + e.getMessage();
            }
            handler.seriesCreated(buf.getLong(p, ORDER), buf.getLong(p + 8, ORDER), labels);
            return null;
        }
        int want = IndexLogDescriptor.fixedBodyLength(type);
        if (want < 0) {
            return "unknown record type " + type;
        }
        if (want != length) {
            return "record type " + type + " with body length " + length + ", want " + want;
        }
        switch (type) {
            case IndexLogDescriptor.SERIES_ACTIVE_ON_DAY -> {
                int day = buf.getInt(p + 8, ORDER);
                handler.seriesActiveOnDays(buf.getLong(p, ORDER), day, day);
            }
            case IndexLogDescriptor.SERIES_ACTIVE_ON_DAYS -> {
                int first = buf.getInt(p + 8, ORDER);
                int last = buf.getInt(p + 12, ORDER);
                if (last < first || (long) last - first > 100_000) {
                    return "bad day range " + first + ".." + last;
                }
                handler.seriesActiveOnDays(buf.getLong(p, ORDER), first, last);
            }
            case IndexLogDescriptor.SERIES_DELETED -> handler.seriesDeleted(buf.getLong(p, ORDER));
            case IndexLogDescriptor.DAYS_DROPPED -> handler.daysDropped(buf.getInt(p, ORDER));
            default -> throw new IllegalStateException("BUG: unhandled record type " + type);
        }
        return null;
    }

    private String checkHeader(UnsafeBuffer buf, int at, long sequence, Path file)
            throws IOException {
        if (buf.getInt(at + IndexLogDescriptor.HEADER_MAGIC_OFFSET, ORDER) != IndexLogDescriptor.MAGIC) {
            return "bad segment magic";
        }
        int crc32c = IndexLogDescriptor.crc32c(crc, buf, at, IndexLogDescriptor.HEADER_CRC_OFFSET);
        if (buf.getInt(at + IndexLogDescriptor.HEADER_CRC_OFFSET, ORDER) != crc32c) {
            return "segment header checksum mismatch";
        }
        byte version = buf.getByte(at + IndexLogDescriptor.HEADER_VERSION_OFFSET);
        if (version != IndexLogDescriptor.VERSION) {
            throw new IOException("series index segment " + file + " has format version "
                    + version + ", this build reads version " + IndexLogDescriptor.VERSION
                    + " (written by a newer Cairn?)");
        }
        long stored = buf.getLong(at + IndexLogDescriptor.HEADER_SEQUENCE_OFFSET, ORDER);
        if (stored != sequence) {
            return "segment header names sequence " + stored;
        }
        return null;
    }

    private boolean isSnapshot(Path file) throws IOException {
        try (SegmentCursor in = new SegmentCursor(file)) {
            if (!in.ensure(0, HEADER_LENGTH)) {
                return false;
            }
            UnsafeBuffer buf = in.buffer();
            int crc32c = IndexLogDescriptor.crc32c(crc, buf, 0, IndexLogDescriptor.HEADER_CRC_OFFSET);
            return buf.getInt(IndexLogDescriptor.HEADER_MAGIC_OFFSET, ORDER) == IndexLogDescriptor.MAGIC
                    && buf.getInt(IndexLogDescriptor.HEADER_CRC_OFFSET, ORDER) == crc32c
                    && (buf.getByte(IndexLogDescriptor.HEADER_FLAGS_OFFSET)
                            & IndexLogDescriptor.FLAG_SNAPSHOT) != 0;
        }
    }

    private long tornAt(Path file, long offset, long bytes, String reason) {
        torn(file, offset, bytes, reason);
        return -2;
    }

    private void torn(Path file, long offset, long bytes, String reason) {
        LogDamage d = new LogDamage(file, offset, bytes, true, reason);
        LOG.warn("series index log: cutting {} (the last write before a crash)", d);
        damage.add(d);
    }

    private long corrupt(Path file, long offset, long bytes, String reason) {
        LogDamage d = new LogDamage(file, offset, bytes, false, reason);
        LOG.error("series index log: {}; the series registered there are missing from the "
                + "index until rewritten by new writes or restored from a sibling replica", d);
        damage.add(d);
        return -1;
    }

    private static Path segment(Path dir, long sequence) {
        return dir.resolve(IndexLogDescriptor.segmentFileName(sequence));
    }

    /** Segment sequences, ascending; deletes leftovers of unfinished snapshots. */
    private static List<Long> listSegments(Path dir) throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(IndexLogDescriptor.SEGMENT_SUFFIX + ".tmp")) {
                    LOG.info("series index log: removing unfinished snapshot {}", f);
                    Files.delete(f);
                    continue;
                }
                long seq = IndexLogDescriptor.parseSegmentFileName(name);
                if (seq >= 0) {
                    out.add(seq);
                }
            }
        }
        Collections.sort(out);
        return out;
    }
}
