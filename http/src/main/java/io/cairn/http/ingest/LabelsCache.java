package io.cairn.http.ingest;

import io.cairn.storage.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Maps the raw bytes that describe a series in a request (the encoded labels of a remote_write
 * {@code TimeSeries}, the {@code name{...}} part of a text-format line) to the validated
 * {@link Labels} they produced, so a series seen before costs one hash and one byte comparison
 * instead of UTF-8 decoding, validation and sorting.
 *
 * <p>Keys are qualified by a context object compared with {@link Object#equals}: the
 * {@link ExtraLabels} of the request, which change the result. Use one cache per input format
 * and per {@link IngestLimits}, since those change the result too. Only valid series are cached.
 *
 * <p>Bounded: a fixed table of {@code capacity} slots, each probe looks at {@link #PROBES}
 * neighbouring slots, and a put into a full neighbourhood replaces one of them. Nothing is ever
 * resized or rehashed, so memory stays at about {@code capacity} entries (keys longer than
 * {@link #MAX_KEY_BYTES} are not cached).
 *
 * <p>Thread-safe and lock-free: entries are immutable and published through an
 * {@link AtomicReferenceArray}; a racing put may overwrite another, which only costs a later miss.
 * A lookup never returns labels for different bytes, because the whole key is compared.
 *
 * <p>Hit and miss counts are reported by the callers per request ({@link #recordLookups}), not
 * counted per lookup: a shared counter bumped for every series of every request by every
 * ingest thread was a quarter of the ingest profile (its cache line bounced between cores).
 */
public final class LabelsCache {
    public static final int PROBES = 4;
    public static final int MAX_KEY_BYTES = 16 * 1024;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;

    private final AtomicReferenceArray<Entry> table;
    private final int mask;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Entry(int hash, byte[] key, Object context, Labels labels) {}

    /** @param capacity slots, rounded up to a power of two, at least 16 */
    public LabelsCache(int capacity) {
        if (capacity <= 0 || capacity > (1 << 28)) {
            throw new IllegalArgumentException("labels cache capacity out of range: " + capacity);
        }
        int size = Math.max(16, Integer.highestOneBit(capacity - 1) << 1);
        this.table = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    public int capacity() {
        return mask + 1;
    }

    /** The hash {@link #get} and {@link #put} expect for {@code key[off, off + len)}. */
    public static int hash(byte[] key, int off, int len) {
        long h = M1 ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ mix((long) LONGS.get(key, i))) * M2;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (key[i] & 0xFFL) << shift;
        }
        h = (h ^ mix(tail)) * M2;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long v) {
        v *= M1;
        return v ^ (v >>> 31);
    }

    /**
     * The cached labels for the key in this context, or null. Counts nothing: callers add their
     * hits and misses with {@link #recordLookups} once per request.
     */
    public Labels get(Object context, byte[] key, int off, int len, int hash) {
        int slot = hash & mask;
        for (int p = 0; p < PROBES; p++) {
            Entry e = table.get((slot + p) & mask);
            if (e != null && e.hash == hash && e.key.length == len
                    && java.util.Arrays.equals(e.key, 0, len, key, off, off + len)
                    && e.context.equals(context)) {
                return e.labels;
            }
        }
        return null;
    }

    /** Adds a caller's lookups (typically one request's) to {@link #hits()}/{@link #misses()}. */
    public void recordLookups(long hitCount, long missCount) {
        if (hitCount != 0) {
            hits.add(hitCount);
        }
        if (missCount != 0) {
            misses.add(missCount);
        }
    }

    /** Remembers the labels of the key (the bytes are copied). */
    public void put(Object context, byte[] key, int off, int len, int hash, Labels labels) {
        if (len > MAX_KEY_BYTES) {
            return;
        }
        Entry entry = new Entry(
                hash, java.util.Arrays.copyOfRange(key, off, off + len), context, labels);
        int slot = hash & mask;
        for (int p = 0; p < PROBES; p++) {
            int i = (slot + p) & mask;
            if (table.get(i) == null) {
                table.lazySet(i, entry);
                return;
            }
        }
        // Neighbourhood full: evict a victim chosen by other hash bits, so that hot keys sharing
        // a neighbourhood do not always evict the same slot.
        table.lazySet((slot + ((hash >>> 28) & (PROBES - 1))) & mask, entry);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
