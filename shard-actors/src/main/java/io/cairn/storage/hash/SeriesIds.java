package io.cairn.storage.hash;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import org.agrona.DirectBuffer;

/**
 * The series id: a 64-bit hash that names a series everywhere (every replica, every node),
 * so that parts, which store only series ids and samples, can be copied between replicas.
 *
 * <pre>
 *   seriesId = XXH64(seed 0, LE64(tenant.packed()) || labels.canonicalBytes())
 * </pre>
 *
 * <p>This definition is a persisted, cluster-wide contract; it must never change. The shard of
 * a series is {@code JumpHash.shard(seriesId, shards)}.
 *
 * <p>All methods are thread-safe. {@link #of(Tenant, Labels)} uses a per-thread scratch
 * {@link Hash64Stream} and allocates nothing once that exists; owners of a hot loop may pass
 * their own stream to {@link #of(Tenant, Labels, Hash64Stream)} to skip the thread-local lookup.
 */
public final class SeriesIds {
    private static final ThreadLocal<Hash64Stream> SCRATCH =
            ThreadLocal.withInitial(Hash64Stream::new);

    private SeriesIds() {}

    public static long of(Tenant tenant, Labels labels) {
        return of(tenant, labels, SCRATCH.get());
    }

    /**
     * Same as {@link #of(Tenant, Labels)}, hashing with the caller's stream, which is reset.
     * Streams the canonical encoding (varint UTF-8 length, UTF-8 bytes, for each name and
     * value) without building it.
     */
    public static long of(Tenant tenant, Labels labels, Hash64Stream scratch) {
        scratch.reset(0L).putLongLE(tenant.packed());
        for (int i = 0, n = labels.size(); i < n; i++) {
            putString(scratch, labels.name(i));
            putString(scratch, labels.value(i));
        }
        return scratch.digest();
    }

    /** The id from already canonical label bytes (see {@link Labels#canonicalBytes()}). */
    public static long ofCanonical(long tenantPacked, byte[] canonical, int offset, int length) {
        return SCRATCH.get().reset(0L).putLongLE(tenantPacked)
                .putBytes(canonical, offset, length).digest();
    }

    /** The id from canonical label bytes held in a buffer, e.g. a decoded row batch. */
    public static long ofCanonical(long tenantPacked, DirectBuffer canonical, int index,
            int length) {
        return SCRATCH.get().reset(0L).putLongLE(tenantPacked)
                .putBytes(canonical, index, length).digest();
    }

    private static void putString(Hash64Stream h, String s) {
        h.putVarint(Hash64Stream.utf8Length(s));
        h.putUtf8(s);
    }
}
