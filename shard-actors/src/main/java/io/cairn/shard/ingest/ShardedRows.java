package io.cairn.shard.ingest;

import io.cairn.storage.hash.JumpHash;
import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.rows.RowBlockWriter;

/**
 * Rows of one ingestion request grouped by target shard, each group a row block ready to send.
 * The shard of a series is {@code jumpHash(seriesId, shards)}, so all samples of a series land
 * in one shard on every node. Not thread-safe: one per request.
 *
 * <p>Cost per sample of a known series: parsers hand over one cached {@link Labels} instance
 * per series, whose fingerprint and canonical bytes are computed once per instance, so a
 * series costs one tenant mix of its fingerprint, one jump hash and one copy of its canonical
 * bytes per request; consecutive samples of a series (remote write sends them together) skip
 * even that.
 */
public final class ShardedRows {
    private final Tenant tenant;
    private final long tenantPacked;
    private final RowBlockWriter[] writers;
    private Labels lastLabels;
    private int lastShard;
    private int lastSeriesIndex;
    private long rows;

    public ShardedRows(Tenant tenant, int shards) {
        this.tenant = tenant;
        this.tenantPacked = tenant.packed();
        this.writers = new RowBlockWriter[shards];
    }

    public void add(Labels labels, long timestampMs, double value) {
        if (labels != lastLabels) {
            long id = SeriesIds.ofFingerprint(tenantPacked, labels.fingerprint());
            lastShard = JumpHash.shard(id, writers.length);
            RowBlockWriter w = writers[lastShard];
            if (w == null) {
                w = new RowBlockWriter().reset(tenant);
                writers[lastShard] = w;
            }
            lastSeriesIndex = w.addSeries(labels, id);
            lastLabels = labels;
        }
        writers[lastShard].addRow(lastSeriesIndex, timestampMs, value);
        rows++;
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

    /** The row block for the shard, or null when no row goes there. */
    public byte[] blockFor(int shard) {
        RowBlockWriter w = writers[shard];
        return w == null || w.isEmpty() ? null : w.toBytes();
    }
}
