package io.cairn.storage.engine;

import io.cairn.storage.api.SeriesConsumer;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.index.SeriesIndex;
import io.cairn.storage.index.TsdbStatus;
import io.cairn.storage.merge.Deduplicator;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.model.Tenant;
import io.cairn.storage.part.CorruptPartException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

/**
 * Read side of a {@link ShardStore}: answers from a retained {@link StoreView}, so a query sees
 * one consistent set of parts and heads and nothing it reads is closed underneath it.
 *
 * <p>Thread-safe; called concurrently from query threads.
 */
public final class StoreReader {
    /**
     * The scan's one series buffer, kept per thread: a query scans ~32 shards, and growing a
     * fresh buffer to a day's series in each cost more than the rollup of small queries. Safe
     * because scan is not re-entered on a thread (consumers get the arrays for the call only).
     */
    private static final ThreadLocal<SampleBuffer> SCAN_SCRATCH = ThreadLocal.withInitial(() -> new SampleBuffer(1024));
    /** Larger scratch buffers (over 16 MiB) are dropped after the scan instead of kept. */
    private static final int MAX_KEPT_SCRATCH_SAMPLES = 1 << 20;

    private final SeriesIndex index;
    private final Supplier<StoreView> views;
    private final long dedupIntervalMs;
    private final Consumer<CorruptPartException> damaged;

    /**
     * @param damaged told of every part that fails its checksums while read; the read goes on
     *     without that part
     */
    StoreReader(SeriesIndex index, Supplier<StoreView> views, long dedupIntervalMs,
            Consumer<CorruptPartException> damaged) {
        this.index = index;
        this.views = views;
        this.dedupIntervalMs = dedupIntervalMs;
        this.damaged = damaged;
    }

    /**
     * Samples of every matching series in [minT, maxT], one per timestamp, newest source
     * winning, deduplicated per -dedup.minScrapeInterval. Series without samples in the range
     * are omitted.
     */
    public List<SeriesData> select(Tenant tenant, List<LabelMatcher> matchers, long minT,
            long maxT, int maxSeries) {
        List<SeriesData> out = new ArrayList<>();
        scan(tenant, matchers, minT, maxT, maxSeries, (labels, ts, vs, n) ->
                out.add(new SeriesData(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n), n)));
        return out;
    }

    /**
     * Feeds {@code consumer} the samples of every matching series, as {@link #select} would
     * return them, one series at a time in one scratch buffer: what the consumer keeps of a
     * series is its business, so a rollup never holds more than one series' samples.
     */
    public void scan(Tenant tenant, List<LabelMatcher> matchers, long minT, long maxT,
            int maxSeries, SeriesConsumer consumer) {
        StoreView v = views.get();
        // Whole blocks are decoded into one scratch buffer and only the samples in range are
        // kept, so a short range over long blocks does not keep (or grow) block-sized arrays
        // per series.
        SampleBuffer buf = SCAN_SCRATCH.get();
        try {
            long[] ids = index.select(tenant, matchers, minT, maxT, maxSeries);
            if (ids.length == 0) {
                return;
            }
            LongHashSet wanted = new LongHashSet(ids.length * 2);
            for (long id : ids) {
                wanted.add(id);
            }
            Long2ObjectHashMap<SampleBuffer> fromHeads = new Long2ObjectHashMap<>();
            for (HeadHandle h : v.heads) {
                h.head.collect(wanted, minT, maxT, fromHeads);
            }
            Set<PartHandle> skipped = new HashSet<>();
            for (long id : ids) {
                buf.clear();
                for (PartHandle p : v.parts) {
                    if (p.ref.maxTimeMs() >= minT && p.ref.minTimeMs() <= maxT
                            && !skipped.contains(p)) {
                        readPart(p, id, minT, maxT, buf, skipped);
                    }
                }
                SampleBuffer head = fromHeads.get(id);
                if (head != null) {
                    for (int i = 0; i < head.count(); i++) {
                        buf.append(head.timestamps()[i], head.values()[i]);
                    }
                }
                if (buf.isEmpty()) {
                    continue;
                }
                SampleSorting.sortDedupKeepLast(buf);
                if (dedupIntervalMs > 0) {
                    buf.truncate(Deduplicator.dedup(buf.timestamps(), buf.values(), buf.count(),
                            dedupIntervalMs));
                }
                consumer.accept(index.labels(id), buf.timestamps(), buf.values(), buf.count());
            }
        } finally {
            v.release();
            if (buf.capacity() > MAX_KEPT_SCRATCH_SAMPLES) {
                SCAN_SCRATCH.remove(); // one huge series must not pin its arrays to the thread
            }
        }
    }

    /**
     * Reads one series from one part; a part that fails its checksums is reported and left out
     * of the rest of this read (its samples read so far for this series are dropped too).
     */
    private void readPart(PartHandle p, long id, long minT, long maxT, SampleBuffer buf,
            Set<PartHandle> skipped) {
        int before = buf.count();
        try {
            p.reader.read(id, minT, maxT, buf);
        } catch (CorruptPartException e) {
            buf.truncate(before);
            skipped.add(p);
            damaged.accept(e);
        }
    }

    /** Label sets of matching series active in the range (for /api/v1/series), sorted. */
    public List<Labels> series(Tenant tenant, List<LabelMatcher> matchers, long minT, long maxT,
            int limit) {
        long[] ids = index.select(tenant, matchers, minT, maxT, Integer.MAX_VALUE);
        List<Labels> out = new ArrayList<>(Math.min(ids.length, limit));
        for (long id : ids) {
            if (out.size() >= limit) {
                break;
            }
            out.add(index.labels(id));
        }
        out.sort(null);
        return out;
    }

    public List<String> labelNames(Tenant tenant, List<LabelMatcher> matchers, long minT,
            long maxT, int limit) {
        return index.labelNames(tenant, matchers, minT, maxT, limit);
    }

    public List<String> labelValues(Tenant tenant, String name, List<LabelMatcher> matchers,
            long minT, long maxT, int limit) {
        return index.labelValues(tenant, name, matchers, minT, maxT, limit);
    }

    /**
     * Cardinality statistics of the tenant's series active in [minT, maxT] (index days), each
     * top list cut to {@code topN}.
     */
    public TsdbStatus status(Tenant tenant, long minT, long maxT, int topN) {
        return index.status(tenant, minT, maxT, topN);
    }
}
