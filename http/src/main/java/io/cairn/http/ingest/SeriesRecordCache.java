package io.cairn.http.ingest;

import io.cairn.storage.rows.SeriesRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Maps the raw bytes that describe a series in a request (the encoded labels of a remote_write
 * {@code TimeSeries}) to its {@link SeriesRecord}: fingerprint, check, id and shard hint and
 * canonical label bytes, all in one run of bytes. A known series costs one probe of a
 * primitive hash table and one read of a contiguous entry (about two cache misses), with no
 * object to chase.
 *
 * <p><b>Layout.</b> Entries live in an arena of {@code byte[]} chunks used as a ring; an
 * entry, at an 8-byte aligned offset of a chunk, is
 * {@code i32 contextId, i32 keyLength, keyLength key bytes, SeriesRecord}. The table is a
 * {@code long[]}; a slot is 0 (empty) or
 * {@code tag (24 bits of the key's hash) | generation (12) | chunk (8) | offset / 8 (20)}.
 * The tag rejects almost every foreign slot without touching the arena.
 *
 * <p><b>Bounded by bytes.</b> At most {@code maxBytes} of arena (plus the table, 8 bytes per
 * slot, one slot per 128 arena bytes). When the arena is full the oldest chunk is dropped: its
 * slots are cleared and its series are decoded again on their next miss. Entries larger than a
 * quarter of a chunk are not cached. Per node_exporter-like series an entry takes about
 * 300-350 bytes, against about 1 KiB for a key array plus a {@code Labels} object graph.
 *
 * <p><b>Contexts.</b> The result depends on the request's {@link ExtraLabels}, so keys are
 * qualified by a small context id ({@link #contextId}); {@link ExtraLabels#NONE} is 0. At most
 * {@link #MAX_CONTEXTS} distinct contexts are cached; requests with others bypass the cache.
 * Use one cache per input format and {@link IngestLimits}.
 *
 * <p><b>Thread safety.</b> Lookups are lock-free; puts take a lock (they follow a decode,
 * which costs far more). A chunk's bytes are never changed after an entry in it is published
 * (a dropped chunk is replaced by a new array), slots are published with release semantics
 * after the entry is written, and a reader checks the chunk's generation, so a lookup returns
 * either a miss or an entry for exactly the bytes asked for. The returned array may belong to
 * a dropped chunk; its content stays valid as long as the caller holds it.
 */
public final class SeriesRecordCache {
    public static final int MAX_KEY_BYTES = 16 * 1024;
    public static final int MAX_CONTEXTS = 1024;
    /** Slots probed per lookup. */
    public static final int PROBES = 8;
    public static final int MAX_CHUNK_BYTES = 8 << 20;
    public static final int MAX_CHUNKS = 256;
    private static final int MIN_CHUNK_BYTES = 64 << 10;
    private static final int ENTRY_HEADER = 8;
    /** When the arena is full, one miss in this many may start a new chunk (power of two). */
    static final int ADMIT_WHEN_FULL = 8;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;

    private final long[] slots;
    private final int mask;
    private final int chunkBytes;
    private final AtomicReferenceArray<Chunk> chunks;
    private final ConcurrentHashMap<Object, Integer> contexts = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    // Writer state, guarded by `this`.
    private int writeChunk = -1;
    private int writeOffset;
    private int nextGeneration = 1;
    private long entries;
    private long droppedChunks;
    private long puts;
    /** Whether every chunk of the ring has been used: new entries then evict old ones. */
    private boolean full;

    private record Chunk(int generation, byte[] bytes) {}

    /** Where {@link #find} found a record: valid until the next find with the same instance. */
    public static final class Hit {
        public byte[] bytes;
        public int offset;
    }

    /** @param maxBytes arena size, at least 128 KiB (rounded to whole chunks) */
    public SeriesRecordCache(long maxBytes) {
        if (maxBytes < 2L * MIN_CHUNK_BYTES || maxBytes > (long) MAX_CHUNKS * MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("series cache size out of range: " + maxBytes
                    + " bytes (128 KiB to 2 GiB)");
        }
        long chunk = Math.max(MIN_CHUNK_BYTES, Math.min(MAX_CHUNK_BYTES, maxBytes / 16));
        this.chunkBytes = (int) chunk;
        int chunkCount = (int) Math.max(2, Math.min(MAX_CHUNKS, maxBytes / chunk));
        this.chunks = new AtomicReferenceArray<>(chunkCount);
        long wantSlots = Math.max(1024, (long) chunkCount * chunkBytes / 128);
        int size = Integer.highestOneBit((int) Math.min(1 << 30, wantSlots - 1)) << 1;
        this.slots = new long[size];
        this.mask = size - 1;
    }

    /** The hash {@link #find} and {@link #put} expect for {@code key[off, off + len)}. */
    public static long hash(byte[] key, int off, int len) {
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
        return h ^ (h >>> 29);
    }

    private static long mix(long v) {
        v *= M1;
        return v ^ (v >>> 31);
    }

    /** The id of a request context, or -1 when it cannot be cached (too many contexts). */
    public int contextId(Object context) {
        if (context == ExtraLabels.NONE) {
            return 0;
        }
        Integer id = contexts.get(context);
        if (id != null) {
            return id;
        }
        synchronized (contexts) {
            id = contexts.get(context);
            if (id == null) {
                if (contexts.size() >= MAX_CONTEXTS) {
                    return -1;
                }
                id = contexts.size() + 1;
                contexts.put(context, id);
            }
            return id;
        }
    }

    /**
     * Looks the key up; on a hit fills {@code hit} with the array and offset of its
     * {@link SeriesRecord} and returns true. Counts nothing (see {@link #recordLookups}).
     */
    public boolean find(int context, byte[] key, int off, int len, long hash, Hit hit) {
        int slot = (int) hash & mask;
        long tag = hash >>> 40;
        for (int p = 0; p < PROBES; p++) {
            // No early exit at an empty slot: dropping a chunk empties slots in the middle of
            // neighbourhoods, and the whole neighbourhood is one or two cache lines anyway.
            long s = (long) SLOTS.getAcquire(slots, (slot + p) & mask);
            if (s == 0 || (s >>> 40) != tag) {
                continue;
            }
            Chunk c = chunks.get(chunkOf(s));
            if (c == null || c.generation != generationOf(s)) {
                continue;
            }
            byte[] b = c.bytes;
            int at = offsetOf(s);
            int keyLength = (int) INTS.get(b, at + 4);
            if (keyLength == len && (int) INTS.get(b, at) == context
                    && Arrays.equals(b, at + ENTRY_HEADER, at + ENTRY_HEADER + len,
                            key, off, off + len)) {
                hit.bytes = b;
                hit.offset = at + ENTRY_HEADER + len;
                return true;
            }
        }
        return false;
    }

    /**
     * Remembers the {@link SeriesRecord} at {@code record[recordOffset]} for the key (both are
     * copied). Keys beyond {@link #MAX_KEY_BYTES}, entries beyond a quarter of a chunk and
     * negative contexts are not cached.
     */
    public void put(int context, byte[] key, int off, int len, long hash, byte[] record,
            int recordOffset) {
        int recordLength = SeriesRecord.end(record, recordOffset) - recordOffset;
        int entryLength = ENTRY_HEADER + len + recordLength;
        if (context < 0 || len > MAX_KEY_BYTES || entryLength > chunkBytes / 4) {
            return;
        }
        synchronized (this) {
            int aligned = (entryLength + 7) & ~7;
            if (full && (puts++ & (ADMIT_WHEN_FULL - 1)) != 0) {
                // More active series than room: admitting every miss would drop chunks as
                // fast as they fill, and with series arriving in the same order every scrape
                // round (FIFO's worst case) nothing would ever be found. Admitting one miss
                // in ADMIT_WHEN_FULL keeps most of the cache stable, so about
                // capacity / working set of the lookups still hit, while it follows a changing
                // working set at an eighth of the speed.
                return;
            }
            if (writeChunk < 0 || writeOffset + aligned > chunkBytes) {
                startChunk();
            }
            Chunk c = chunks.get(writeChunk);
            byte[] b = c.bytes;
            int at = writeOffset;
            INTS.set(b, at, context);
            INTS.set(b, at + 4, len);
            System.arraycopy(key, off, b, at + ENTRY_HEADER, len);
            System.arraycopy(record, recordOffset, b, at + ENTRY_HEADER + len, recordLength);
            writeOffset = at + aligned;
            entries++;
            long value = (hash >>> 40) << 40 | (long) c.generation << 28
                    | (long) writeChunk << 20 | (at >>> 3);
            int slot = freeSlot(hash);
            if ((long) SLOTS.getAcquire(slots, slot) != 0) {
                entries--; // a victim's entry becomes unreachable
            }
            SLOTS.setRelease(slots, slot, value);
        }
    }

    /** A slot of the key's neighbourhood to overwrite: empty if any, else a victim. */
    private int freeSlot(long hash) {
        int slot = (int) hash & mask;
        for (int p = 0; p < PROBES; p++) {
            int i = (slot + p) & mask;
            if ((long) SLOTS.getAcquire(slots, i) == 0) {
                return i;
            }
        }
        // Neighbourhood full: evict a victim chosen by other hash bits, so that hot keys sharing
        // a neighbourhood do not always evict the same slot.
        return (slot + (int) ((hash >>> 32) & (PROBES - 1))) & mask;
    }

    /** Moves writing to the next chunk of the ring, dropping the chunk that was there. */
    private void startChunk() {
        int next = (writeChunk + 1) % chunks.length();
        if (next == chunks.length() - 1) {
            full = true; // from the next chunk on, starting one drops one
        }
        Chunk old = chunks.get(next);
        if (old != null) {
            dropSlotsOf(next, old.generation);
            droppedChunks++;
        }
        int generation = nextGeneration;
        nextGeneration = nextGeneration == 0xFFF ? 1 : nextGeneration + 1;
        chunks.set(next, new Chunk(generation, new byte[chunkBytes]));
        writeChunk = next;
        writeOffset = 0;
    }

    /** Clears the slots pointing into a chunk about to be dropped. */
    private void dropSlotsOf(int chunk, int generation) {
        for (int i = 0; i < slots.length; i++) {
            long s = (long) SLOTS.getAcquire(slots, i);
            if (s != 0 && chunkOf(s) == chunk && generationOf(s) == generation) {
                SLOTS.setRelease(slots, i, 0L);
                entries--;
            }
        }
    }

    private static int chunkOf(long slot) {
        return (int) (slot >>> 20) & 0xFF;
    }

    private static int generationOf(long slot) {
        return (int) (slot >>> 28) & 0xFFF;
    }

    private static int offsetOf(long slot) {
        return ((int) slot & 0xFFFFF) << 3;
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

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Bytes of arena plus table this cache may hold at most. */
    public long capacityBytes() {
        return (long) chunks.length() * chunkBytes + 8L * slots.length;
    }

    /** Entries reachable now (approximate while puts run). */
    public synchronized long entries() {
        return entries;
    }

    /** Chunks dropped to make room since the cache was made. */
    public synchronized long droppedChunks() {
        return droppedChunks;
    }
}
