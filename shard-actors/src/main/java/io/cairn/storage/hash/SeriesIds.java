package io.cairn.storage.hash;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import org.agrona.DirectBuffer;

/**
 * The series id: a 64-bit hash that names a series everywhere (every replica, every node),
 * so that parts, which store only series ids and samples, can be copied between replicas.
 *
 * <pre>
 *   fingerprint = XXH64(seed 0, labels.canonicalBytes())          (Labels#fingerprint)
 *   seriesId    = XXH64(seed tenant.packed(), LE64(fingerprint))
 * </pre>
 *
 * <p>Two steps so that the expensive one, hashing the label bytes, is done once per label set
 * instance ({@link Labels} caches its fingerprint) and is independent of the tenant; mixing in
 * the tenant costs a few nanoseconds per call. For a fixed tenant the second step is a
 * bijection of the fingerprint (XXH64 of one 8-byte lane is invertible), so two label sets of
 * one tenant share an id exactly when they share a fingerprint.
 *
 * <p>This definition is a persisted, cluster-wide contract; it must never change once data
 * exists. The shard of a series is {@code JumpHash.shard(seriesId, shards)}.
 *
 * <p>All methods are pure, thread-safe and allocation-free (apart from the one-time encoding a
 * {@link Labels} instance caches).
 */
public final class SeriesIds {
    private SeriesIds() {}

    public static long of(Tenant tenant, Labels labels) {
        return ofFingerprint(tenant.packed(), labels.fingerprint());
    }

    /** The id of the series of a tenant whose labels have the given {@link Labels#fingerprint()}. */
    public static long ofFingerprint(long tenantPacked, long fingerprint) {
        return Hash64.hashLong(fingerprint, tenantPacked);
    }

    /** The id from already canonical label bytes (see {@link Labels#canonicalBytes()}). */
    public static long ofCanonical(long tenantPacked, byte[] canonical, int offset, int length) {
        return ofFingerprint(tenantPacked, Hash64.hash(canonical, offset, length, 0L));
    }

    /** The id from canonical label bytes held in a buffer, e.g. a decoded row batch. */
    public static long ofCanonical(long tenantPacked, DirectBuffer canonical, int index,
            int length) {
        return ofFingerprint(tenantPacked, Hash64.hash(canonical, index, length, 0L));
    }
}
