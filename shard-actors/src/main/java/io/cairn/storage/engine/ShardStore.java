package io.cairn.storage.engine;

import io.cairn.shard.manifest.PartRef;
import io.cairn.shard.manifest.ReplicaManifest;
import io.cairn.storage.head.HeadBuffer;
import io.cairn.storage.head.SortedRows;
import io.cairn.storage.index.SeriesIndex;
import io.cairn.storage.merge.MergeOptions;
import io.cairn.storage.merge.MergePolicy;
import io.cairn.storage.merge.PartMerger;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.part.CorruptPartException;
import io.cairn.storage.part.PartInfo;
import io.cairn.storage.part.PartReader;
import io.cairn.storage.part.PartWriter;
import io.cairn.storage.rows.RowBlockCompactor;
import io.cairn.storage.rows.RowBlockReader;
import io.cairn.storage.wal.GroupCommitter;
import io.cairn.storage.wal.LabelEpochs;
import io.cairn.storage.wal.ReplayResult;
import io.cairn.storage.wal.ReplicaWal;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage engine of one shard replica: WAL, off-heap head, series index and immutable
 * parts in one self-contained directory.
 *
 * <pre>
 *   &lt;dir&gt;/wal/      row blocks as received, until they are in parts (ReplicaWal)
 *   &lt;dir&gt;/index/    series and per-day index log (SeriesIndex)
 *   &lt;dir&gt;/parts/    immutable part files, one UTC day each (PartWriter)
 *   &lt;dir&gt;/corrupt/  parts that failed their checksums, moved aside, never served
 * </pre>
 *
 * <p>Which parts exist is decided by the replica's manifest, kept by the owning actor with
 * Pekko Persistence: this class writes part files and reports them, the owner records them in
 * the manifest, then commits them here. A part file that is not in the manifest at open is a
 * leftover of a crash between writing and recording and is deleted; its rows are still in the
 * WAL, which is only truncated after the manifest holds the parts.
 *
 * <p>Threading: one owner thread (the replica actor) calls the write and lifecycle methods;
 * methods marked "IO" run on an IO thread while the owner continues; read methods are safe
 * from any thread concurrently with all of these.
 */
public final class ShardStore implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(ShardStore.class);

    private final Path dir;
    private final Path partsDir;
    private final StoreOptions options;
    private final LongSupplier clock;
    private final SeriesIndex index;
    private final ReplicaWal wal;
    private final StoreReader reader;
    private final List<PartHandle> parts = new ArrayList<>();
    private final List<HeadHandle> frozen = new ArrayList<>();
    private final List<CorruptPart> corruptParts = new ArrayList<>();
    private final java.util.concurrent.ConcurrentHashMap<String, String> damagedWhileRead =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> reportedDamage = new HashSet<>();
    private final RowBlockReader rows = new RowBlockReader();
    private final UnsafeBuffer rowBuffer = new UnsafeBuffer(new byte[0]);
    /**
     * applyRows scratch, per series of the block: resolved id, the day it was resolved for, and
     * whether its labels had to be decoded (the index could not vouch for its id).
     */
    private long[] resolvedIds = new long[256];
    private int[] resolvedDays = new int[256];
    private boolean[] resolvedByLabels = new boolean[256];
    private boolean[] unresolved = new boolean[256];
    /** Which labels go into WAL records, and how far the WAL may be truncated. */
    private final LabelEpochs labelEpochs = new LabelEpochs(LabelEpochs.DEFAULT_EPOCH_BYTES);
    private final RowBlockCompactor compactor = new RowBlockCompactor();
    private final RowBlockCompactor.LabelsChoice walLabels = s -> rows.hasLabels(s)
            && labelEpochs.keepLabels(rows.seriesId(s), rows.seriesCheck(s), resolvedByLabels[s]);
    /** Rows of id-only series that a replay could not resolve (see replayWal). */
    private long rowsWithoutSeries;
    private final MergePolicy mergePolicy = MergePolicy.defaults();
    /**
     * Readers of parts written on the IO thread and not yet committed or aborted: opening a part
     * maps and validates it, which is IO that must not run on the owner's (actor's) thread.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, PartReader> written =
            new java.util.concurrent.ConcurrentHashMap<>();
    private HeadHandle active;
    private CompletionStage<Long> lastAppend;
    private volatile StoreView view;
    private long partSequence;
    /** Next sequence for a part copied from a sibling (owner thread); see PartNames. */
    private long importSequence;
    /** The WAL position the last committed flush made redundant. Owner thread. */
    private long walCheckpoint;
    private boolean closed;

    /** A part listed in the manifest whose file is damaged; the owner should drop it. */
    public record CorruptPart(String fileName, String reason) {}

    private ShardStore(Path dir, StoreOptions options, LongSupplier clock, SeriesIndex index,
            ReplicaWal wal) {
        this.dir = dir;
        this.partsDir = dir.resolve("parts");
        this.options = options;
        this.clock = clock;
        this.index = index;
        this.wal = wal;
        this.reader = new StoreReader(index, this::acquireView, options.dedupIntervalMs(),
                this::partDamagedWhileRead);
        this.active = new HeadHandle(new HeadBuffer());
    }

    /**
     * Opens the replica directory in the state the manifest describes and replays the WAL
     * after the manifest's checkpoint into the head. Blocking IO: call it off the actor thread
     * or accept the start-up cost.
     */
    public static ShardStore open(Path dir, StoreOptions options, GroupCommitter committer,
            ReplicaManifest manifest, LongSupplier clock) throws IOException {
        Files.createDirectories(dir.resolve("parts"));
        SeriesIndex index = SeriesIndex.open(dir.resolve("index"));
        ReplicaWal wal = null;
        try {
            wal = ReplicaWal.open(dir.resolve("wal"), committer);
            ShardStore store = new ShardStore(dir, options, clock, index, wal);
            store.openParts(manifest);
            store.replayWal(manifest.walCheckpoint());
            store.publishView();
            return store;
        } catch (IOException | RuntimeException e) {
            index.close();
            if (wal != null) {
                wal.close();
            }
            throw e;
        }
    }

    private void openParts(ReplicaManifest manifest) throws IOException {
        Set<String> listed = new HashSet<>();
        for (PartRef ref : manifest.partsByFileName().values()) {
            listed.add(ref.fileName());
            Path file = partsDir.resolve(ref.fileName());
            try {
                parts.add(new PartHandle(ref, PartReader.open(file), file));
                StorageStats.LIVE_PARTS.increment();
            } catch (CorruptPartException | IOException e) {
                log.error("part {} is damaged and will not be served: {}", file, e.getMessage());
                corruptParts.add(new CorruptPart(ref.fileName(), e.getMessage()));
                moveAside(file);
            }
            long seq = PartNames.sequenceOf(ref.fileName());
            partSequence = Math.max(partSequence, seq + 1);
            if (seq < PartNames.FIRST_OWN_SEQUENCE) {
                importSequence = Math.max(importSequence, seq + 1);
            }
        }
        partSequence = Math.max(partSequence, PartNames.FIRST_OWN_SEQUENCE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(partsDir)) {
            for (Path f : files) {
                if (!listed.contains(f.getFileName().toString())) {
                    log.info("deleting {}: not in the manifest (left by a crash mid-flush "
                            + "or mid-merge; its rows are in the WAL or in the merge inputs)", f);
                    Files.delete(f);
                }
            }
        }
    }

    private void moveAside(Path file) {
        try {
            Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
            if (Files.exists(file)) {
                Files.move(file, corrupt.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            log.warn("cannot move damaged part {} aside: {}", file, e.toString());
        }
    }

    /**
     * Reads every retained WAL record: those at or below the checkpoint (their rows are in
     * parts) only register the series they label, those after it are applied. Records in the
     * replica WAL form name most series by id alone; their labels are in an earlier retained
     * record of the same epoch (see LabelEpochs), so the index is rebuilt from the WAL even if
     * it lost series.
     */
    private void replayWal(long checkpoint) throws IOException {
        long[] counts = new long[2];
        ReplayResult r = wal.replay(0, (position, buffer, offset, length) -> {
            rows.wrap(buffer, offset, length);
            if (position <= checkpoint) {
                applyRows(false);
            } else {
                counts[0]++;
                counts[1] += applyRows(true);
            }
        });
        lastAppend = CompletableFuture.completedFuture(Math.max(r.lastPosition(), checkpoint));
        walCheckpoint = checkpoint;
        wal.rollIfCoveredBy(checkpoint);
        if (counts[0] > 0) {
            log.info("{}: replayed {} WAL records ({} rows) after position {}", dir, counts[0],
                    counts[1], checkpoint);
        }
        if (rowsWithoutSeries > 0) {
            log.error("{}: {} replayed WAL rows name series by id that neither the index nor "
                    + "the WAL could resolve; they are lost (repair from a sibling replica)",
                    dir, rowsWithoutSeries);
        }
        if (r.corruptSegments() > 0) {
            log.error("{}: {} WAL segments were damaged; rows after the damage in them are lost "
                    + "(see the WAL log lines above)", dir, r.corruptSegments());
        }
    }

    /** Parts the manifest lists but that failed validation at open: drop them from it. */
    public List<CorruptPart> corruptParts() {
        return List.copyOf(corruptParts);
    }

    /** Any thread: a read found a damaged part. Reported once; the owner drops it later. */
    private void partDamagedWhileRead(CorruptPartException e) {
        String name = e.file().getFileName().toString();
        if (damagedWhileRead.putIfAbsent(name, e.getMessage()) == null) {
            log.error("{}: {}; the part is no longer served", dir, e.getMessage());
            StorageStats.CORRUPT_PARTS.increment();
        }
    }

    /**
     * Owner thread: parts found damaged by reads since the last call. The owner records them as
     * dropped in the manifest and then calls {@link #commitDrop}, which moves them aside.
     */
    public List<CorruptPart> takeDamagedParts() {
        List<CorruptPart> out = new ArrayList<>();
        for (var it = damagedWhileRead.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (reportedDamage.add(e.getKey())) {
                out.add(new CorruptPart(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    // ---- write path (owner thread) ----

    /**
     * Applies a row block (see RowBlockWriter) to the index and head, visible to queries at
     * once, and appends it to the WAL.
     *
     * @return completes with the WAL position once durable per the node's -fsync mode
     * @throws IllegalArgumentException when the block is malformed (nothing applied)
     */
    public CompletionStage<Long> append(byte[] rowBlock) {
        checkOpen();
        rowBuffer.wrap(rowBlock);
        rows.wrap(rowBuffer, 0, rowBlock.length);
        applyRows(true);
        byte[] record = rowBlock;
        if (rows.hasSeriesIds()) {
            // The replica WAL form: labels only where a replay could not find them otherwise.
            labelEpochs.maybeStartEpoch(walCheckpoint, lastAppend);
            record = compactor.compact(rows, walLabels);
            labelEpochs.appended(record.length);
        }
        CompletionStage<Long> durable = wal.append(record);
        lastAppend = durable;
        return durable;
    }

    /**
     * @param toHead false: only register the labelled series of the block in the index (a
     *     replayed record whose rows are already in parts)
     * @return rows accepted into the head. A series is resolved once per UTC day of the block
     *     (the index records per-day activity), not per row: by its id when the block carries
     *     ids and the index knows it, so that known series never have their labels decoded;
     *     otherwise by its labels. Rows of a series that has neither (an id-only series of a
     *     replayed WAL record that nothing resolves) are counted in rowsWithoutSeries and
     *     skipped. Allocation-free for known series once the scratch arrays have grown.
     */
    private int applyRows(boolean toHead) {
        long oldest = clock.getAsLong() - options.retentionMs();
        int seriesCount = rows.seriesCount();
        if (resolvedIds.length < seriesCount) {
            int n = Math.max(seriesCount, 2 * resolvedIds.length);
            resolvedIds = new long[n];
            resolvedDays = new int[n];
            resolvedByLabels = new boolean[n];
            unresolved = new boolean[n];
        }
        boolean[] none = unresolved;
        long[] ids = resolvedIds;
        int[] days = resolvedDays;
        boolean[] byLabels = resolvedByLabels;
        java.util.Arrays.fill(days, 0, seriesCount, Integer.MIN_VALUE);
        java.util.Arrays.fill(byLabels, 0, seriesCount, false);
        java.util.Arrays.fill(unresolved, 0, seriesCount, false);
        boolean keyed = rows.hasSeriesIds();
        io.cairn.storage.model.Tenant tenant = rows.tenant();
        HeadBuffer head = active.head;
        int accepted = 0;
        int tooOld = 0;
        RowBlockReader.RowCursor cursor = rows.rows();
        while (cursor.next()) {
            long ts = cursor.timestamp();
            if (ts < oldest) {
                tooOld++;
                continue;
            }
            int s = cursor.seriesIndex();
            int day = Days.of(ts);
            if (days[s] != day) {
                if (keyed && index.resolveKnown(tenant, rows.seriesId(s), rows.seriesCheck(s), ts)) {
                    ids[s] = rows.seriesId(s);
                } else if (rows.hasLabels(s)) {
                    ids[s] = index.resolve(tenant, rows.labels(s), ts);
                    byLabels[s] = true;
                } else {
                    none[s] = true;
                }
                days[s] = day;
            }
            if (!toHead) {
                continue;
            }
            if (none[s]) {
                rowsWithoutSeries++;
                continue;
            }
            head.append(ids[s], ts, cursor.value());
            accepted++;
        }
        StorageStats.ROWS_ACCEPTED.add(accepted);
        StorageStats.ROWS_OUTSIDE_RETENTION.add(tooOld);
        return accepted;
    }

    public boolean headFull() {
        return active.head.rowCount() >= options.headFlushRows();
    }

    public int headRows() {
        return active.head.rowCount();
    }

    /**
     * Freezes the active head (still served to queries) and starts a new one.
     *
     * @return null when the head is empty
     */
    public FlushTicket freezeHead() throws IOException {
        checkOpen();
        if (active.head.rowCount() == 0) {
            // Idle: the segment rolled after the last flush (if any) can go now.
            labelEpochs.checkpointed(walCheckpoint, lastAppend);
            wal.truncateBefore(labelEpochs.truncationFloor(walCheckpoint));
            return null;
        }
        HeadHandle h = active;
        frozen.add(h);
        active = new HeadHandle(new HeadBuffer());
        publishView();
        // The checkpoint may only be recorded once everything up to it is on disk, whatever
        // -fsync says (with "never", an append completes before its fsync).
        h.walPositionAtFreeze = lastAppend.thenCombine(wal.sync(), (pos, ignored) -> pos);
        return new FlushTicket(h, h.walPositionAtFreeze, index.prepareSync());
    }

    /** IO: writes the frozen head as one part per UTC day it covers; fsynced, not yet served. */
    public List<PartRef> writeParts(FlushTicket ticket) throws IOException {
        SortedRows sorted = ticket.head.head.sortedCopy();
        // Series of these rows must be durable in the index before the WAL may forget them.
        ticket.indexSync.force();
        List<PartRef> out = new ArrayList<>();
        int n = sorted.count();
        int[] days = distinctDays(sorted.timestamps(), n);
        for (int day : days) {
            out.add(openWritten(writeDay(sorted, day)));
        }
        return out;
    }

    private static int[] distinctDays(long[] ts, int n) {
        org.agrona.collections.IntHashSet set = new org.agrona.collections.IntHashSet();
        for (int i = 0; i < n; i++) {
            set.add(Days.of(ts[i]));
        }
        int[] days = new int[set.size()];
        int k = 0;
        org.agrona.collections.IntHashSet.IntIterator it = set.iterator();
        while (it.hasNext()) {
            days[k++] = it.nextValue();
        }
        java.util.Arrays.sort(days);
        return days;
    }

    private PartRef writeDay(SortedRows sorted, int day) throws IOException {
        String name = nextPartName(day);
        long dayStart = Days.start(day);
        long dayEnd = Days.end(day);
        long[] ids = sorted.seriesIds();
        long[] ts = sorted.timestamps();
        double[] vs = sorted.values();
        int n = sorted.count();
        PartWriter w = PartWriter.create(partsDir.resolve(name));
        try {
            int i = 0;
            while (i < n) {
                int j = i;
                while (j < n && ids[j] == ids[i]) {
                    j++;
                }
                int from = i;
                while (from < j && ts[from] < dayStart) {
                    from++;
                }
                int to = from;
                while (to < j && ts[to] <= dayEnd) {
                    to++;
                }
                if (to > from) {
                    w.addSeries(ids[i], ts, vs, from, to - from);
                }
                i = j;
            }
            return toRef(w.finish(), day);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    private synchronized String nextPartName(int day) {
        return PartNames.of(day, partSequence++, 0);
    }

    private static String mergedPartName(MergeTicket ticket) {
        long newest = -1;
        int generation = 0;
        for (PartHandle p : ticket.inputs) {
            newest = Math.max(newest, PartNames.sequenceOf(p.ref.fileName()));
            generation = Math.max(generation, PartNames.generationOf(p.ref.fileName()));
        }
        return PartNames.of(ticket.day, newest, generation + 1);
    }

    /** IO thread: maps and validates a part just written, for its commit to take. */
    private PartRef openWritten(PartRef ref) throws IOException {
        written.put(ref.fileName(), PartReader.open(partsDir.resolve(ref.fileName())));
        return ref;
    }

    private PartReader takeWritten(PartRef ref) throws IOException {
        PartReader r = written.remove(ref.fileName());
        if (r == null) {
            throw new IllegalStateException("BUG: committing part " + ref.fileName()
                    + " that this store did not write");
        }
        return r;
    }

    private static PartRef toRef(PartInfo info, int day) {
        return new PartRef(info.fileName(), day, info.minTimeMs(), info.maxTimeMs(),
                info.rowCount(), info.sizeBytes());
    }

    /**
     * Serves the written parts instead of the frozen head and forgets the WAL up to the head's
     * position. Call only after the manifest has recorded the parts and the checkpoint.
     */
    public void commitFlush(FlushTicket ticket, List<PartRef> written, long walCheckpoint)
            throws IOException {
        checkOpen();
        for (PartRef ref : written) {
            parts.add(new PartHandle(ref, takeWritten(ref), partsDir.resolve(ref.fileName())));
        }
        if (!frozen.remove(ticket.head)) {
            throw new IllegalStateException("BUG: committing a flush of an unknown head");
        }
        StorageStats.LIVE_PARTS.add(written.size());
        StorageStats.FLUSHES.increment();
        publishView();
        ticket.head.release();
        ticket.release();
        this.walCheckpoint = walCheckpoint;
        labelEpochs.checkpointed(walCheckpoint, lastAppend);
        // Not past the oldest label epoch still needed by records after the checkpoint.
        wal.truncateBefore(labelEpochs.truncationFloor(walCheckpoint));
        // When the checkpoint covers the whole active segment, seal it so that the next
        // truncation (next flush, or the next idle freezeHead) deletes it instead of keeping
        // up to a segment of redundant log until it fills.
        wal.rollIfCoveredBy(walCheckpoint);
    }

    /** The flush failed: delete what was written; the head stays frozen and served. */
    public void abortFlush(FlushTicket ticket, List<PartRef> written) {
        ticket.release();
        deleteParts(written);
    }

    private void deleteParts(List<PartRef> refs) {
        for (PartRef ref : refs) {
            PartReader r = written.remove(ref.fileName());
            if (r != null) {
                r.close();
            }
            try {
                Files.deleteIfExists(partsDir.resolve(ref.fileName()));
            } catch (IOException e) {
                log.warn("cannot delete {} after a failed flush: {}", ref.fileName(), e.toString());
            }
        }
    }

    /** The oldest frozen head whose flush failed earlier and must be retried, or null. */
    public FlushTicket pendingFlush() throws IOException {
        if (frozen.isEmpty()) {
            return null;
        }
        HeadHandle oldest = frozen.get(0);
        return new FlushTicket(oldest, oldest.walPositionAtFreeze, index.prepareSync());
    }

    // ---- merges and retention (owner thread, IO where marked) ----

    /** @return parts of one day worth merging now, or null */
    public MergeTicket planMerge() {
        checkOpen();
        for (var e : partsByDay().entrySet()) {
            List<PartHandle> candidates = e.getValue();
            List<PartInfo> infos = candidates.stream().map(p -> p.reader.info()).toList();
            List<PartInfo> chosen = mergePolicy.pick(infos);
            if (chosen.size() >= 2) {
                List<PartHandle> inputs = new ArrayList<>();
                for (PartHandle p : candidates) {
                    if (chosen.contains(p.reader.info())) {
                        inputs.add(p);
                    }
                }
                return new MergeTicket(e.getKey(), inputs);
            }
        }
        return null;
    }

    /**
     * All parts of the oldest day that has more than one, for an operator's forced merge
     * (final compaction before a backup or a measurement); null when every day has one part.
     */
    public MergeTicket planFullMerge() {
        checkOpen();
        for (var e : partsByDay().entrySet()) {
            if (e.getValue().size() >= 2) {
                return new MergeTicket(e.getKey(), e.getValue());
            }
        }
        return null;
    }

    /** Served parts by UTC day, oldest day first, each day's parts oldest first. */
    private java.util.SortedMap<Integer, List<PartHandle>> partsByDay() {
        java.util.SortedMap<Integer, List<PartHandle>> byDay = new java.util.TreeMap<>();
        for (PartHandle p : parts) {
            byDay.computeIfAbsent(p.ref.day(), d -> new ArrayList<>()).add(p);
        }
        return byDay;
    }

    /** IO: merges the ticket's parts into one new part file (fsynced, not yet served). */
    public PartRef writeMerge(MergeTicket ticket) throws IOException {
        String name = mergedPartName(ticket);
        List<PartReader> inputs = ticket.inputs.stream().map(p -> p.reader).toList();
        MergeOptions opts = new MergeOptions(options.dedupIntervalMs(),
                clock.getAsLong() - options.retentionMs(), null);
        try {
            return openWritten(toRef(PartMerger.merge(inputs, partsDir.resolve(name), opts),
                    ticket.day));
        } catch (CorruptPartException e) {
            partDamagedWhileRead(e);
            throw e;
        }
    }

    /** Serves the merged part instead of its inputs; after the manifest recorded the merge. */
    public void commitMerge(MergeTicket ticket, PartRef output) throws IOException {
        checkOpen();
        PartHandle merged = new PartHandle(output, takeWritten(output),
                partsDir.resolve(output.fileName()));
        int at = parts.indexOf(ticket.inputs.get(0));
        parts.removeAll(ticket.inputs);
        parts.add(Math.max(0, Math.min(at, parts.size())), merged);
        StorageStats.LIVE_PARTS.add(1 - ticket.inputs.size());
        StorageStats.MERGES.increment();
        publishView();
        ticket.releaseInputs();
        for (PartHandle p : ticket.inputs) {
            p.retire();
            p.release();
        }
    }

    public void abortMerge(MergeTicket ticket, PartRef written) {
        ticket.releaseInputs();
        if (written != null) {
            deleteParts(List.of(written));
        }
    }

    /** Parts whose whole day lies before the retention horizon. */
    public List<PartRef> expiredParts() {
        long horizon = clock.getAsLong() - options.retentionMs();
        List<PartRef> out = new ArrayList<>();
        for (PartHandle p : parts) {
            if (Days.end(p.ref.day()) < horizon) {
                out.add(p.ref);
            }
        }
        return out;
    }

    /** Stops serving the parts (files deleted when no query uses them); after the manifest. */
    public void commitDrop(List<String> fileNames) throws IOException {
        checkOpen();
        List<PartHandle> dropped = new ArrayList<>();
        for (PartHandle p : parts) {
            if (fileNames.contains(p.ref.fileName())) {
                dropped.add(p);
            }
        }
        parts.removeAll(dropped);
        StorageStats.LIVE_PARTS.add(-dropped.size());
        publishView();
        for (PartHandle p : dropped) {
            if (damagedWhileRead.containsKey(p.ref.fileName())) {
                p.release();
                moveAside(p.file);
            } else {
                p.retire();
                p.release();
            }
        }
        long horizon = clock.getAsLong() - options.retentionMs();
        index.dropDaysBefore(Days.of(horizon));
    }

    // ---- copying parts between replicas (peer bootstrap) ----

    /**
     * Owner thread: the parts served now, retained until the snapshot is closed, for copying
     * them to another replica. Parts merged away or dropped meanwhile keep their files until
     * then.
     */
    public PartsSnapshot retainParts() {
        checkOpen();
        return new PartsSnapshot(parts, index);
    }

    /** Owner thread: the parts served now, in read order. */
    public List<PartRef> partRefs() {
        List<PartRef> out = new ArrayList<>(parts.size());
        for (PartHandle p : parts) {
            out.add(p.ref);
        }
        return out;
    }

    /** The file of a part of this store (it may be gone if the part was merged away). */
    public Path partFile(String fileName) {
        PartRef.checkFileName(fileName);
        return partsDir.resolve(fileName);
    }

    /**
     * Owner thread: registers a series of a part copied from a sibling as active on the part's
     * day, so that the part's samples are found once it is served.
     *
     * @return the id the series has here; equal to the sibling's unless a hash collision was
     *     resolved in a different order (see SeriesIndex)
     */
    public long registerImportedSeries(Tenant tenant, Labels labels, int day) {
        checkOpen();
        return index.resolve(tenant, labels, Days.start(day));
    }

    /**
     * Owner thread: starts adopting a copy of a sibling's part: picks its name here (from the
     * import range of sequences, so it sorts before this replica's own parts of the day) and
     * hands the index records of its series to the OS, to be forced by {@link #writeImport}.
     */
    public ImportTicket prepareImport(PartRef sourceRef) throws IOException {
        checkOpen();
        Set<String> taken = new HashSet<>();
        for (PartHandle p : parts) {
            taken.add(p.ref.fileName());
        }
        String name;
        do {
            if (importSequence >= PartNames.FIRST_OWN_SEQUENCE) {
                throw new IllegalStateException("BUG: " + dir + " ran out of import sequences");
            }
            name = PartNames.of(sourceRef.day(), importSequence++,
                    PartNames.generationOf(sourceRef.fileName()));
        } while (taken.contains(name) || Files.exists(partsDir.resolve(name)));
        PartRef ref = new PartRef(name, sourceRef.day(), sourceRef.minTimeMs(),
                sourceRef.maxTimeMs(), sourceRef.rowCount(), sourceRef.sizeBytes());
        return new ImportTicket(sourceRef, ref, index.prepareSync(), partsDir.resolve(name));
    }

    /**
     * IO: makes the ticket's series durable in the index, forces the verified copy to disk and
     * moves it into parts/ under the ticket's name (not yet served; a crash before the manifest
     * records it deletes it at the next open).
     *
     * @param verifiedCopy a complete copy of the sibling's part, checked by the caller, on the
     *     same file system as this store
     * @return the part as the manifest must record it
     */
    public static PartRef writeImport(ImportTicket ticket, Path verifiedCopy) throws IOException {
        ticket.indexSync.force();
        try (FileChannel ch = FileChannel.open(verifiedCopy, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size != ticket.ref.sizeBytes()) {
                throw new IOException("copy " + verifiedCopy + " of " + ticket.sourceRef.fileName()
                        + " has " + size + " bytes, the part " + ticket.ref.sizeBytes());
            }
            ch.force(true);
        }
        Files.move(verifiedCopy, ticket.target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(ticket.target.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        }
        return ticket.ref;
    }

    /**
     * Owner thread: serves the imported part, after the manifest recorded it. It is placed
     * before this replica's own parts of its day, which hold newer data.
     */
    public void commitImport(ImportTicket ticket) throws IOException {
        checkOpen();
        Path file = partsDir.resolve(ticket.ref.fileName());
        PartHandle handle = new PartHandle(ticket.ref, PartReader.open(file), file);
        int at = parts.size();
        for (int i = 0; i < parts.size(); i++) {
            PartRef p = parts.get(i).ref;
            if (p.day() == ticket.ref.day() && p.fileName().compareTo(ticket.ref.fileName()) > 0) {
                at = i;
                break;
            }
        }
        parts.add(at, handle);
        StorageStats.LIVE_PARTS.increment();
        publishView();
    }

    /** Owner thread: the import failed before the manifest recorded it; deletes its file. */
    public void abortImport(ImportTicket ticket) {
        deleteParts(List.of(ticket.ref));
    }

    // ---- read path (any thread) ----

    public StoreReader reader() {
        return reader;
    }

    private void publishView() {
        List<HeadHandle> heads = new ArrayList<>(frozen);
        heads.add(active);
        StoreView old = view;
        view = new StoreView(parts, heads);
        if (old != null) {
            old.release();
        }
    }

    /** A retained view; the caller must release it. */
    private StoreView acquireView() {
        for (;;) {
            StoreView v = view;
            if (v == null) {
                throw new IllegalStateException("store " + dir + " is closed");
            }
            if (v.tryRetain()) {
                return v;
            }
        }
    }

    public int partCount() {
        return parts.size();
    }

    public SeriesIndex index() {
        return index;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("BUG: use of closed store " + dir);
        }
    }

    /**
     * Closes the WAL (flushing it) and the index; parts and heads are released once running
     * queries finish. Unflushed head rows are safe in the WAL and replayed at the next open.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StoreView v = view;
        view = null;
        if (v != null) {
            v.release();
        }
        StorageStats.LIVE_PARTS.add(-parts.size());
        for (PartHandle p : parts) {
            p.release();
        }
        for (HeadHandle h : frozen) {
            h.release();
        }
        active.release();
        // Written but never committed (a failed flush or merge): the files are not in the
        // manifest and go at the next open.
        written.values().forEach(PartReader::close);
        written.clear();
        try {
            wal.close();
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing store " + dir, e);
        }
    }
}
