package io.cairn.shard.ingest;

import io.cairn.storage.hash.JumpHash;
import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;
import io.cairn.storage.rows.SeriesRecord;
import java.util.Objects;

/**
 * Rows of one ingestion request grouped by target shard, each group a row block ready to send.
 * The shard of a series is {@code jumpHash(seriesId, shards)}, so all samples of a series land
 * in one shard on every node. Not thread-safe: one request at a time.
 *
 * <p>Reusable: {@link #reset(Tenant)} starts the next request and keeps every shard's grown
 * {@link RowBlockWriter}, so a pooled instance ({@link ShardedRowsPool}) allocates nothing per
 * request but the blocks it hands out. (A fresh set of writers per request cost a fifth of the
 * ingest profile: map clearing and buffer growth.)
 *
 * <p>Cost per series of a request: {@link #addSeriesRows} takes a {@link SeriesRecord} whose
 * hint already holds the series id and shard for this tenant and shard count, so a known series
 * costs one copy of its canonical bytes; {@link #add(Labels, long, double)} (the line formats)
 * mixes the tenant into the cached fingerprint and jump-hashes per series run.
 */
public final class ShardedRows {
    private Tenant tenant;
    private long tenantPacked;
    private final RowBlockWriter[] writers;
    /** Whether writers[i] was reset for this request. */
    private final boolean[] active;
    private Labels lastLabels;
    private int lastShard;
    private int lastSeriesIndex;
    private long rows;

    public ShardedRows(Tenant tenant, int shards) {
        if (shards <= 0) {
            throw new IllegalArgumentException("shards must be positive: " + shards);
        }
        this.writers = new RowBlockWriter[shards];
        this.active = new boolean[shards];
        reset(tenant);
    }

    /** Forgets every row and starts a request of {@code tenant}; keeps the grown writers. */
    public ShardedRows reset(Tenant tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.tenantPacked = tenant.packed();
        java.util.Arrays.fill(active, false);
        lastLabels = null;
        rows = 0;
        return this;
    }

    private RowBlockWriter writer(int shard) {
        RowBlockWriter w = writers[shard];
        if (w == null) {
            w = new RowBlockWriter();
            writers[shard] = w;
        }
        if (!active[shard]) {
            w.reset(tenant);
            active[shard] = true;
        }
        return w;
    }

    public void add(Labels labels, long timestampMs, double value) {
        if (labels != lastLabels) {
            long id = SeriesIds.ofFingerprint(tenantPacked, labels.fingerprint());
            lastShard = JumpHash.shard(id, writers.length);
            lastSeriesIndex = writer(lastShard).addSeries(labels, id);
            lastLabels = labels;
        }
        writers[lastShard].addRow(lastSeriesIndex, timestampMs, value);
        rows++;
    }

    /**
     * Adds rows {@code [from, to)} of the columns, all of the series described by the
     * {@link SeriesRecord} at {@code record[offset]} (read during the call only).
     */
    public void addSeriesRows(byte[] record, int offset, long[] timestampsMs, double[] values,
            int from, int to) {
        if (from >= to) {
            return;
        }
        long id;
        int shard;
        if (SeriesRecord.hintMatches(record, offset, tenantPacked, writers.length)) {
            id = SeriesRecord.hintSeriesId(record, offset);
            shard = SeriesRecord.hintShard(record, offset);
        } else {
            id = SeriesIds.ofFingerprint(tenantPacked, SeriesRecord.fingerprint(record, offset));
            shard = JumpHash.shard(id, writers.length);
        }
        RowBlockWriter w = writer(shard);
        int index = w.addSeries(id, SeriesRecord.check(record, offset), record,
                SeriesRecord.canonicalOffset(offset), SeriesRecord.canonicalLength(record, offset));
        for (int i = from; i < to; i++) {
            w.addRow(index, timestampsMs[i], values[i]);
        }
        rows += to - from;
        lastLabels = null;
    }

    public Tenant tenant() {
        return tenant;
    }

    public long rowCount() {
        return rows;
    }

    public int shards() {
        return writers.length;
    }

    /** The row block for the shard, or null when no row goes there. A new array per call. */
    public byte[] blockFor(int shard) {
        RowBlockWriter w = writers[shard];
        return !active[shard] || w.isEmpty() ? null : w.toBytes();
    }
}
