package io.cairn.storage.wal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.agrona.collections.Long2LongHashMap;

/**
 * Decides which series' labels a replica writes into its WAL records (row blocks in their
 * replica WAL form, {@code docs/format/rowblock.md} version 3), and how far the WAL may be
 * truncated so that a replay finds every label set it needs in the WAL itself.
 *
 * <p><b>Rule.</b> The WAL is divided into epochs. Within an epoch, a series' labels are written
 * with its first record of the epoch (and whenever the index could not vouch for the series by
 * id when the record was applied: new, collided or deleted series); later records carry only
 * its id and check. The WAL is never truncated past the start of the oldest epoch that still
 * has records after the checkpoint. A replay reads every retained record from the oldest one:
 * records at or below the checkpoint only register their labelled series in the index, records
 * after it are applied. So every id-only series of a replayed record has its labels in a
 * retained record of the same epoch, whatever the index lost: replay needs nothing but the WAL
 * (and, like before, the parts for the rows at or below the checkpoint).
 *
 * <p><b>Epochs.</b> A new epoch starts (the set of labelled series is cleared) when the current
 * one holds {@code epochBytes} of records and the checkpoint has passed its start, or at once
 * when the checkpoint covers every record appended (an idle replica: nothing after the
 * checkpoint needs older labels). The start of an epoch is the position of the last record
 * appended before it, known when that append completes; until then truncation keeps the
 * previous epoch. So the WAL keeps at most about two epochs plus a segment.
 *
 * <p>Owner thread only (the replica's store); not thread-safe.
 */
public final class LabelEpochs {
    /** Default bytes of records per epoch. */
    public static final long DEFAULT_EPOCH_BYTES = 32L << 20;
    private static final long MISSING = Long.MIN_VALUE;

    private final long epochBytes;
    /** Series labelled in the current epoch: id -> check. */
    private final Long2LongHashMap labelled = new Long2LongHashMap(MISSING);
    private long bytes;
    private long previousStart;
    /** Start of the current epoch once known; see currentStart(). */
    private long start;
    private CompletionStage<Long> pendingStart;

    /**
     * The first epoch starts at position 0: every record retained when the replica opens
     * counts as part of it.
     *
     * @param epochBytes record bytes after which a new epoch may start
     */
    public LabelEpochs(long epochBytes) {
        if (epochBytes <= 0) {
            throw new IllegalArgumentException("epochBytes must be positive: " + epochBytes);
        }
        this.epochBytes = epochBytes;
    }

    /**
     * Whether a record must carry the labels of series {@code (id, check)}; remembers that it
     * does from now on.
     *
     * @param resolvedByLabels the index could not vouch for the series by id when the record
     *     was applied (its labels were decoded): always labelled
     */
    public boolean keepLabels(long id, int check, boolean resolvedByLabels) {
        if (!resolvedByLabels && labelled.get(id) == check) {
            return false;
        }
        labelled.put(id, check);
        return true;
    }

    /** Counts an appended record of {@code length} bytes in the current epoch. */
    public void appended(int length) {
        bytes += length;
    }

    /**
     * Starts a new epoch when due. Call before encoding a record.
     *
     * @param checkpoint the WAL position the last committed flush made redundant
     * @param lastAppend completes with the position of the last record appended so far
     */
    public void maybeStartEpoch(long checkpoint, CompletionStage<Long> lastAppend) {
        long last = positionIfKnown(lastAppend);
        if (last != MISSING && last <= checkpoint) {
            restart(checkpoint, checkpoint);
            return;
        }
        long current = currentStart();
        if (bytes >= epochBytes && current != MISSING && checkpoint >= current) {
            previousStart = current;
            start = MISSING;
            pendingStart = lastAppend;
            clearSet();
        }
    }

    /**
     * Tells that the checkpoint moved (a flush committed, or none is pending): when it covers
     * every record appended, the next record starts a new epoch from there.
     */
    public void checkpointed(long checkpoint, CompletionStage<Long> lastAppend) {
        long last = positionIfKnown(lastAppend);
        if (last != MISSING && last <= checkpoint) {
            restart(checkpoint, checkpoint);
        }
    }

    private void restart(long previous, long current) {
        previousStart = previous;
        start = current;
        pendingStart = null;
        clearSet();
    }

    private void clearSet() {
        if (!labelled.isEmpty()) {
            labelled.clear();
        }
        bytes = 0;
    }

    /** The position below which the WAL may be truncated: the checkpoint or an epoch start. */
    public long truncationFloor(long checkpoint) {
        long current = currentStart();
        long floor = current != MISSING && checkpoint >= current ? current : previousStart;
        return Math.min(checkpoint, floor);
    }

    /** Series labelled in the current epoch (for tests and metrics). */
    public int labelledSeries() {
        return labelled.size();
    }

    private long currentStart() {
        if (start == MISSING && pendingStart != null) {
            long known = positionIfKnown(pendingStart);
            if (known != MISSING) {
                start = known;
                pendingStart = null;
            }
        }
        return start;
    }

    private static long positionIfKnown(CompletionStage<Long> stage) {
        if (stage == null) {
            return MISSING;
        }
        CompletableFuture<Long> f = stage.toCompletableFuture();
        if (!f.isDone() || f.isCompletedExceptionally()) {
            return MISSING;
        }
        Long value = f.getNow(null);
        return value == null ? MISSING : value;
    }
}
