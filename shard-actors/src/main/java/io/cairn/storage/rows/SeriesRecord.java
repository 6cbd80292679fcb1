package io.cairn.storage.rows;

import io.cairn.storage.hash.JumpHash;
import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Layout of a resolved series as parsers hand it to {@code ShardedRows}: everything a row
 * block needs about a series in one contiguous run of bytes, so the ingest hot path reads one
 * place instead of chasing a {@link Labels} object, its strings and its cached encoding.
 * In memory only (parsers' caches, never persisted or sent), so it has no version byte.
 *
 * <pre>
 *   offset  field
 *   0       i64  fingerprint        Labels#fingerprint()
 *   8       i32  check              Labels#fingerprintCheck()
 *   12      i32  canonicalLength
 *   16      i64  hintTenant         Tenant#packed() the hint is for
 *   24      i64  hintSeriesId       SeriesIds.ofFingerprint(hintTenant, fingerprint)
 *   32      i32  hintShards         shard count the hint is for; 0 = no hint
 *   36      i32  hintShard          JumpHash.shard(hintSeriesId, hintShards)
 *   40      canonicalLength bytes: Labels#canonicalBytes()
 * </pre>
 *
 * <p>The hint saves the tenant mix and the jump hash per series and request for the tenant
 * and shard count the record was made for (one tenant and one shard count is the common
 * case); a reader with another tenant or shard count recomputes both from the fingerprint.
 * Little-endian, records start at any offset (cache arenas align them to 8 bytes). A record
 * is immutable once published: writers fill it before anyone else can see it.
 */
public final class SeriesRecord {
    public static final int FINGERPRINT_OFFSET = 0;
    public static final int CHECK_OFFSET = 8;
    public static final int CANONICAL_LENGTH_OFFSET = 12;
    public static final int HINT_TENANT_OFFSET = 16;
    public static final int HINT_SERIES_ID_OFFSET = 24;
    public static final int HINT_SHARDS_OFFSET = 32;
    public static final int HINT_SHARD_OFFSET = 36;
    public static final int HEADER_LENGTH = 40;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private SeriesRecord() {
    }

    /** Bytes of a record whose canonical labels take {@code canonicalLength} bytes. */
    public static int length(int canonicalLength) {
        return HEADER_LENGTH + canonicalLength;
    }

    /**
     * Writes the record of {@code labels} at {@code offset}, with the hint computed for
     * {@code tenantPacked} and {@code shards} ({@code shards <= 0}: no hint).
     *
     * @return the offset just past the record
     * @throws IndexOutOfBoundsException when {@code dst} is too small
     */
    public static int write(byte[] dst, int offset, Labels labels, long tenantPacked, int shards) {
        long fingerprint = labels.fingerprint();
        int length = labels.canonicalLength();
        LONGS.set(dst, offset + FINGERPRINT_OFFSET, fingerprint);
        INTS.set(dst, offset + CHECK_OFFSET, labels.fingerprintCheck());
        INTS.set(dst, offset + CANONICAL_LENGTH_OFFSET, length);
        if (shards > 0) {
            long id = SeriesIds.ofFingerprint(tenantPacked, fingerprint);
            LONGS.set(dst, offset + HINT_TENANT_OFFSET, tenantPacked);
            LONGS.set(dst, offset + HINT_SERIES_ID_OFFSET, id);
            INTS.set(dst, offset + HINT_SHARDS_OFFSET, shards);
            INTS.set(dst, offset + HINT_SHARD_OFFSET, JumpHash.shard(id, shards));
        } else {
            LONGS.set(dst, offset + HINT_TENANT_OFFSET, 0L);
            LONGS.set(dst, offset + HINT_SERIES_ID_OFFSET, 0L);
            INTS.set(dst, offset + HINT_SHARDS_OFFSET, 0);
            INTS.set(dst, offset + HINT_SHARD_OFFSET, 0);
        }
        labels.copyCanonicalBytes(dst, offset + HEADER_LENGTH);
        return offset + HEADER_LENGTH + length;
    }

    public static long fingerprint(byte[] b, int offset) {
        return (long) LONGS.get(b, offset + FINGERPRINT_OFFSET);
    }

    public static int check(byte[] b, int offset) {
        return (int) INTS.get(b, offset + CHECK_OFFSET);
    }

    public static int canonicalLength(byte[] b, int offset) {
        return (int) INTS.get(b, offset + CANONICAL_LENGTH_OFFSET);
    }

    /** Offset of the canonical label bytes. */
    public static int canonicalOffset(int offset) {
        return offset + HEADER_LENGTH;
    }

    /** Offset just past the record. */
    public static int end(byte[] b, int offset) {
        return offset + HEADER_LENGTH + canonicalLength(b, offset);
    }

    /** Whether the hint holds for this tenant and shard count. */
    public static boolean hintMatches(byte[] b, int offset, long tenantPacked, int shards) {
        return (int) INTS.get(b, offset + HINT_SHARDS_OFFSET) == shards
                && (long) LONGS.get(b, offset + HINT_TENANT_OFFSET) == tenantPacked;
    }

    public static long hintSeriesId(byte[] b, int offset) {
        return (long) LONGS.get(b, offset + HINT_SERIES_ID_OFFSET);
    }

    public static int hintShard(byte[] b, int offset) {
        return (int) INTS.get(b, offset + HINT_SHARD_OFFSET);
    }

    /** The label set (allocates; for slow paths and tests). */
    public static Labels labels(byte[] b, int offset) {
        return Labels.fromCanonicalBytes(b, canonicalOffset(offset), canonicalLength(b, offset));
    }
}
