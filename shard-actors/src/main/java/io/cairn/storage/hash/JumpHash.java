package io.cairn.storage.hash;

/**
 * Jump consistent hash (John Lamping and Eric Veach, "A Fast, Minimal Memory, Consistent Hash
 * Algorithm", 2014): maps a 64-bit key to one of {@code buckets} buckets so that growing the
 * bucket count from n to n+1 moves only about 1/(n+1) of the keys, all of them to the new
 * bucket. Cairn uses it for {@code shard = shard(seriesId, shards)}; the result is part of
 * the cluster-wide placement contract. Pure function: thread-safe, allocation-free, O(ln n).
 */
public final class JumpHash {
    /** The 64-bit linear congruential multiplier given in the paper. */
    private static final long LCG_MULTIPLIER = 2862933555777941757L;
    private static final double TWO_POW_31 = (double) (1L << 31);

    private JumpHash() {}

    /**
     * The bucket in {@code [0, buckets)} for {@code key}.
     *
     * @throws IllegalArgumentException when {@code buckets <= 0}
     */
    public static int shard(long key, int buckets) {
        if (buckets <= 0) {
            throw new IllegalArgumentException("buckets must be positive, got " + buckets);
        }
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * LCG_MULTIPLIER + 1;
            // The paper's double division: (b + 1) * 2^31 / ((key >>> 33) + 1).
            j = (long) ((b + 1) * (TWO_POW_31 / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }
}
