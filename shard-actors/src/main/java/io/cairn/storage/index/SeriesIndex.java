package io.cairn.storage.index;

import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.hash.Hash64;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series index of one shard replica: series id &lt;-&gt; (tenant, labels), an inverted
 * index label=value -&gt; series per tenant, and a per-day index of the series active on each
 * UTC day. Persisted as an append-only log in {@code <replicaDir>/index/} (format:
 * docs/format/index.md) and rebuilt in memory when opened.
 *
 * <h2>Ownership and thread safety</h2>
 * The replica's store owns the index and is its only writer: {@link #resolve},
 * {@link #resolveKnown},
 * {@link #deleteSeries}, {@link #dropDaysBefore}, {@link #compact}, {@link #sync} and
 * {@link #close} must be called from that one thread (one at a time). Every other method may
 * be called from any thread concurrently with the writer. Readers take the read side of a
 * {@link ReentrantReadWriteLock} for the duration of one call; the writer takes the write side
 * only to mutate (microseconds per new series or new (series, day) pair; longer for bulk
 * deletes and retention). The writer reads its own state without locking, which is safe as it
 * is the only mutator, so the known-series path of {@link #resolve} takes no lock at all. A
 * long query can delay the registration of new series by its own duration, never the reverse
 * of an fsync: the log is written outside the lock.
 *
 * <h2>Durability</h2>
 * Mutations are appended to the log as they happen but only {@link #sync()} makes them
 * durable; the store calls it before it acknowledges writes or flushes a part. Samples are
 * made durable by the store's write-ahead log, and when the WAL is replayed after a crash the
 * store calls {@link #resolve} again for every replayed row: resolve is idempotent, so a lost
 * index record is simply re-created with the same id. A torn log tail is cut at open with a
 * WARN; corruption is reported in {@link #openReport()} and skipped, never fatal.
 *
 * <h2>Series ids and collisions</h2>
 * A series id is {@code SeriesIds.of(tenant, labels)}, identical on every replica. If that id
 * is already taken by another series (a 64-bit hash collision, about 1 in 3.7e7 for a million
 * series), an ERROR is logged and the new series takes the next free id of a deterministic
 * probe sequence. Caveat: which of the two colliding series keeps the base id depends on
 * arrival order, so two replicas that saw them in different orders name them differently and
 * copying parts between those replicas would swap their samples; the ERROR names both.
 *
 * <h2>Deletion and retention</h2>
 * {@link #deleteSeries} removes series from every index structure (persisted); they never
 * match again until a new write re-creates them, under the same id. Samples of a deleted
 * series that remain in parts become visible again if it is re-created, unless the store
 * removes or masks them. {@link #dropDaysBefore} forgets the days before a bound and every
 * series not active on any later day.
 *
 * <p>Memory of removed series (ordinal slots, interned strings) is reclaimed when the index is
 * reopened; the log is rewritten (compacted) at open and after deletes or retention once it
 * holds {@link SeriesIndexOptions#compactionRatio()} times more records than the live index
 * needs.
 */
public final class SeriesIndex implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesIndex.class);
    /** The index directory inside a replica directory. */
    public static final String DIR = "index";
    /** Probes of the collision sequence before giving up (a broken hash function). */
    private static final int MAX_PROBES = 64;

    private final Path dir;
    private final SeriesIndexOptions options;
    private final IndexState state;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Base ids whose series did not all fit at the base id: their probe chains matter. */
    private final LongHashSet collidedBases = new LongHashSet();
    private IndexOpenReport openReport;
    private IndexLogWriter log;
    /** Records in the log files, for compaction accounting. */
    private long logRecords;
    private volatile boolean closed;

    private SeriesIndex(Path dir, SeriesIndexOptions options) {
        this.dir = dir;
        this.options = options;
        this.state = new IndexState(options.expectedSeries());
    }

    public static SeriesIndex open(Path replicaDir) throws IOException {
        return open(replicaDir, SeriesIndexOptions.DEFAULTS);
    }

    /**
     * Opens (creating if needed) the index of a replica directory and rebuilds it in memory.
     *
     * @throws IOException on I/O failure or a segment of an unknown format version; damaged
     *     records are reported in {@link #openReport()} instead
     */
    public static SeriesIndex open(Path replicaDir, SeriesIndexOptions options) throws IOException {
        long started = System.nanoTime();
        Path dir = replicaDir.resolve(DIR);
        Files.createDirectories(dir);
        SeriesIndex opening = new SeriesIndex(dir, options);
        LogReplayer replayer = new LogReplayer(opening.state, opening.collidedBases,
                options.hasher());
        IndexLogReader.Result result = IndexLogReader.replay(dir, replayer);
        replayer.finish();
        opening.state.pairs.trimAll();
        for (Path obsolete : result.obsolete()) {
            Files.deleteIfExists(obsolete);
        }
        opening.logRecords = result.records();
        opening.log = result.appendSequence() >= 0
                ? IndexLogWriter.append(dir, result.appendSequence(), result.appendLength(),
                        options.segmentBytes())
                : IndexLogWriter.create(dir, result.lastSequence() + 1, options.segmentBytes());
        boolean compacted = opening.maybeCompact();
        opening.openReport = new IndexOpenReport(result.records(), result.damage(),
                replayer.orphans(), replayer.conflicts(), compacted,
                (System.nanoTime() - started) / 1_000_000);
        LOG.info("series index {} opened: {} series, {} records replayed in {} ms{}", dir,
                opening.state.series.liveCount(), result.records(),
                opening.openReport.openMillis(),
                result.damage().isEmpty() ? "" : ", damage: " + result.damage());
        return opening;
    }

    public IndexOpenReport openReport() {
        return openReport;
    }

    /**
     * The id of the series (tenant, labels), registering the series and its activity on the
     * UTC day of {@code timestampMs} when new. Idempotent. A known series on a known day costs
     * one hash, one map lookup and a label comparison, allocates nothing and takes no lock.
     * Owner thread only.
     *
     * @throws IllegalArgumentException when {@code labels} is empty
     */
    public long resolve(Tenant tenant, Labels labels, long timestampMs) {
        checkOpen();
        int day = DayFilter.dayOf(timestampMs);
        long base = options.hasher().hash(tenant, labels);
        long id = base;
        long free = 0;
        boolean haveFree = false;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            int ord = state.series.ordinalOf(id);
            if (ord == LongIntHashMap.MISSING) {
                if (!haveFree) {
                    free = id;
                    haveFree = true;
                }
                if (!collidedBases.contains(base)) {
                    break; // no probe chain starts here, so the series is new
                }
            } else if (state.sameSeries(ord, tenant, labels)) {
                markActive(ord, id, day);
                return id;
            }
            id = probeId(base, probe + 1);
        }
        if (!haveFree) {
            throw new IllegalStateException("BUG: " + MAX_PROBES + " series id probes from "
                    + Long.toHexString(base) + " are all taken; is the series hash broken?");
        }
        if (labels.size() == 0) {
            throw new IllegalArgumentException("a series needs at least one label");
        }
        if (free != base) {
            collidedBases.add(base);
            LOG.error("series id collision: {} for tenant {} hashes to {}, already taken by "
                    + "other labels; registered it as {}. Replicas that saw the colliding series "
                    + "in another order name them differently.", labels, tenant,
                    Long.toHexString(base), Long.toHexString(free));
        }
        create(free, tenant, labels, day);
        return free;
    }

    /**
     * The fast path for a writer that already has the series id (row blocks carry it): true
     * when {@code id} is the live id of a series of {@code tenant} whose
     * {@code Labels#fingerprintCheck()} is {@code check}; the series is then marked active on
     * the UTC day of {@code timestampMs} as {@link #resolve} would. False when the index cannot
     * vouch for the id without labels: an unknown id (a new series), another tenant's series,
     * a check mismatch (a 64-bit collision between different label sets) or an id whose base
     * needed collision probing; the caller then decodes the labels and calls {@link #resolve},
     * which registers, probes and logs collisions as usual. Never registers anything.
     *
     * <p>A known series on a known day costs one primitive map lookup and two int compares,
     * allocates nothing and takes no lock. Owner thread only.
     *
     * @param id the base id, {@code SeriesIds.of(tenant, labels)}
     */
    public boolean resolveKnown(Tenant tenant, long id, int check, long timestampMs) {
        checkOpen();
        if (!collidedBases.isEmpty() && collidedBases.contains(id)) {
            return false; // the id does not name one series by itself: compare labels
        }
        int ord = state.series.ordinalOf(id);
        if (ord == LongIntHashMap.MISSING || state.series.check(ord) != check
                || state.tenantPacked(ord) != tenant.packed()) {
            return false;
        }
        markActive(ord, id, DayFilter.dayOf(timestampMs));
        return true;
    }

    /** The probe sequence for collisions: deterministic, a function of the base id only. */
    static long probeId(long base, int probe) {
        return Hash64.hashLong(base + probe);
    }

    private void markActive(int ord, long id, int day) {
        if (state.series.lastDay(ord) == day || state.days.contains(day, ord)) {
            return;
        }
        lock.writeLock().lock();
        try {
            state.activate(ord, day);
        } finally {
            lock.writeLock().unlock();
        }
        log.seriesActiveOnDay(id, day);
        logRecords++;
    }

    private void create(long id, Tenant tenant, Labels labels, int day) {
        byte[] canonical = labels.canonicalBytes();
        lock.writeLock().lock();
        try {
            int ord = state.create(id, tenant, labels);
            state.activate(ord, day);
        } finally {
            lock.writeLock().unlock();
        }
        log.seriesCreated(id, tenant.packed(), canonical);
        log.seriesActiveOnDay(id, day);
        logRecords += 2;
    }

    /**
     * Ids, ascending (signed order), of the tenant's series that match every matcher and were
     * active on some UTC day overlapping {@code [minTimeMs, maxTimeMs]} (ranges longer than
     * {@link SeriesIndexOptions#maxDaysForDayIndex()} days consider every series). An empty
     * matcher list selects every series of the tenant. Any thread.
     *
     * @throws SeriesLimitExceededException when more than {@code maxSeries} series match
     * @throws IllegalArgumentException when {@code maxSeries <= 0}
     */
    public long[] select(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int maxSeries) {
        if (maxSeries <= 0) {
            throw new IllegalArgumentException("maxSeries must be positive, got " + maxSeries);
        }
        long[] ids;
        lock.readLock().lock();
        try {
            checkOpen();
            TenantIndex t = state.tenant(tenant);
            if (t == null) {
                return new long[0];
            }
            DayFilter days = DayFilter.of(state.days, minTimeMs, maxTimeMs,
                    options.maxDaysForDayIndex());
            IntArrayList ords = new Selector(state, t).select(matchers, days, maxSeries);
            ids = new long[ords.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = state.series.id(ords.getInt(i));
            }
        } finally {
            lock.readLock().unlock();
        }
        Arrays.sort(ids);
        return ids;
    }

    /** The labels of a live series, or null when the id is unknown. Any thread. */
    public Labels labels(long seriesId) {
        lock.readLock().lock();
        try {
            checkOpen();
            int ord = state.series.ordinalOf(seriesId);
            return ord == LongIntHashMap.MISSING ? null : state.labels(ord);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The tenant of a live series, or null when the id is unknown. Any thread. */
    public Tenant tenantOf(long seriesId) {
        lock.readLock().lock();
        try {
            checkOpen();
            int ord = state.series.ordinalOf(seriesId);
            return ord == LongIntHashMap.MISSING ? null
                    : state.tenantBySlot(state.series.tenant(ord)).tenant;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live series over all tenants. Any thread. */
    public int seriesCount() {
        lock.readLock().lock();
        try {
            return state.series.liveCount();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Tenants with at least one live series, ascending. Any thread. */
    public List<Tenant> tenants() {
        lock.readLock().lock();
        try {
            checkOpen();
            List<Tenant> out = new ArrayList<>();
            for (TenantIndex t : state.tenants()) {
                if (t.seriesCount() > 0) {
                    out.add(t.tenant);
                }
            }
            out.sort(null);
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Label names, sorted, of the tenant's series active in the range and matching every
     * matcher (none: all series). {@code limit <= 0} means no limit. Any thread.
     */
    public List<String> labelNames(Tenant tenant, List<LabelMatcher> matchers, long minTimeMs,
            long maxTimeMs, int limit) {
        lock.readLock().lock();
        try {
            LabelQueries q = queries(tenant, minTimeMs, maxTimeMs);
            return q == null ? List.of() : q.names(matchers, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Values, sorted, of label {@code name} among the tenant's series active in the range and
     * matching every matcher (none: all series). {@code limit <= 0} means no limit. Any thread.
     */
    public List<String> labelValues(Tenant tenant, String name, List<LabelMatcher> matchers,
            long minTimeMs, long maxTimeMs, int limit) {
        lock.readLock().lock();
        try {
            LabelQueries q = queries(tenant, minTimeMs, maxTimeMs);
            return q == null ? List.of() : q.values(name, matchers, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Cardinality statistics of the tenant's series active in the range (for one day, pass
     * that day's start and end), each list cut to {@code topN}. Any thread.
     */
    public TsdbStatus status(Tenant tenant, long minTimeMs, long maxTimeMs, int topN) {
        lock.readLock().lock();
        try {
            LabelQueries q = queries(tenant, minTimeMs, maxTimeMs);
            return q == null
                    ? new TsdbStatus(0, 0, List.of(), List.of(), List.of(), List.of(), List.of())
                    : q.status(topN);
        } finally {
            lock.readLock().unlock();
        }
    }

    private LabelQueries queries(Tenant tenant, long minTimeMs, long maxTimeMs) {
        checkOpen();
        TenantIndex t = state.tenant(tenant);
        if (t == null) {
            return null;
        }
        return new LabelQueries(state, t, DayFilter.of(state.days, minTimeMs, maxTimeMs,
                options.maxDaysForDayIndex()));
    }

    /**
     * Deletes every series of the tenant matching all matchers, whatever its days; returns how
     * many. Persisted like any mutation (durable after {@link #sync()}). Owner thread only.
     *
     * @throws IllegalArgumentException when {@code matchers} is empty (refusing to delete a
     *     whole tenant by accident)
     */
    public int deleteSeries(Tenant tenant, List<LabelMatcher> matchers) throws IOException {
        checkOpen();
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("deleteSeries needs at least one matcher");
        }
        long[] ids;
        lock.writeLock().lock();
        try {
            TenantIndex t = state.tenant(tenant);
            if (t == null) {
                return 0;
            }
            IntArrayList ords = new Selector(state, t).select(matchers, DayFilter.ALL,
                    Integer.MAX_VALUE);
            BitSet doomed = new BitSet();
            ids = new long[ords.size()];
            for (int i = 0; i < ids.length; i++) {
                int ord = ords.getInt(i);
                doomed.set(ord);
                ids[i] = state.series.id(ord);
            }
            state.removeSeries(doomed);
        } finally {
            lock.writeLock().unlock();
        }
        for (long id : ids) {
            log.seriesDeleted(id);
        }
        logRecords += ids.length;
        if (ids.length > 0) {
            LOG.info("series index {}: deleted {} series of tenant {} matching {}", dir,
                    ids.length, tenant, matchers);
        }
        maybeCompact();
        return ids.length;
    }

    /**
     * Retention: forgets every UTC day before {@code day} (days since the epoch) and every
     * series with no activity on a later day. Persisted. Owner thread only.
     */
    public void dropDaysBefore(int day) throws IOException {
        checkOpen();
        int before = state.series.liveCount();
        lock.writeLock().lock();
        try {
            state.dropDaysBefore(day);
        } finally {
            lock.writeLock().unlock();
        }
        log.daysDropped(day);
        logRecords++;
        LOG.info("series index {}: dropped days before {}, {} series expired", dir, day,
                before - state.series.liveCount());
        maybeCompact();
    }

    /** Writes and fsyncs every record appended so far. Owner thread only. */
    public void sync() throws IOException {
        checkOpen();
        log.sync();
    }

    /** Forces records handed to the OS by {@link #prepareSync()} to disk; any thread. */
    @FunctionalInterface
    public interface PendingSync {
        void force() throws IOException;
    }

    /**
     * Owner thread: hands every record so far to the OS without waiting for the disk, so that
     * the fsync itself can run on an IO thread while the owner goes on (the store does this
     * before a flush makes WAL records redundant).
     */
    public PendingSync prepareSync() throws IOException {
        checkOpen();
        java.nio.channels.FileChannel channel = log.writeStaged();
        return () -> {
            try {
                channel.force(false);
            } catch (java.nio.channels.ClosedChannelException e) {
                // The segment rolled (or the index closed) and was forced then.
            }
        };
    }

    /**
     * Rewrites the log as one snapshot segment holding only the live index, then deletes the
     * older segments. Crash-safe: the snapshot becomes visible by an atomic rename after it is
     * fsynced, and replay starts at the newest snapshot. Owner thread only; blocks the owner
     * (not readers) for the time it takes to write the snapshot.
     */
    public void compact() throws IOException {
        checkOpen();
        long started = System.nanoTime();
        long previous = logRecords;
        IndexLogWriter snapshot = IndexLogWriter.createSnapshot(dir, log.sequence() + 1,
                options.segmentBytes());
        try {
            new SnapshotWriter(state, snapshot).write();
            snapshot.publishSnapshot();
        } catch (IOException | RuntimeException e) {
            snapshot.close();
            Files.deleteIfExists(snapshot.file());
            throw e;
        }
        IndexLogWriter old = log;
        log = snapshot;
        logRecords = snapshot.appended();
        old.close();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                long seq = IndexLogDescriptor.parseSegmentFileName(f.getFileName().toString());
                if (seq >= 0 && seq < snapshot.sequence()) {
                    Files.delete(f);
                }
            }
        }
        LOG.info("series index {} compacted: {} records -> {} in {} ms", dir, previous,
                logRecords, (System.nanoTime() - started) / 1_000_000);
    }

    private boolean maybeCompact() throws IOException {
        long needed = 2L * state.series.liveCount() + 1;
        if (logRecords > options.compactionRatio() * needed + options.compactionMinRecords()) {
            compact();
            return true;
        }
        return false;
    }

    /** Approximate heap bytes held by the in-memory index (excluding interned strings). */
    public long approximateHeapBytes() {
        lock.readLock().lock();
        try {
            return state.heapBytes();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Syncs and closes the log. Owner thread only; later calls fail. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        log.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("series index " + dir + " is closed");
        }
    }
}
