package io.cairn.storage.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JumpHashTest {

    /** Vectors published with other implementations of the paper's algorithm. */
    @Test
    void publishedVectors() {
        assertEquals(520, JumpHash.shard(256, 1024));
        assertEquals(6, JumpHash.shard(10863919174838991L, 11));
        assertEquals(3, JumpHash.shard(2016238256797177309L, 11));
    }

    @Test
    void singleBucketAndBadInput() {
        Random rnd = new Random(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, JumpHash.shard(rnd.nextLong(), 1));
        }
        assertThrows(IllegalArgumentException.class, () -> JumpHash.shard(1, 0));
        assertThrows(IllegalArgumentException.class, () -> JumpHash.shard(1, -3));
    }

    /** Growing n -> n+1 buckets moves keys only into the new bucket, about 1/(n+1) of them. */
    @Test
    void monotoneAndMinimalMovement() {
        Random rnd = new Random(2);
        long[] keys = new long[20_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = rnd.nextLong();
        }
        for (int n = 1; n < 64; n++) {
            int moved = 0;
            for (long k : keys) {
                int before = JumpHash.shard(k, n);
                int after = JumpHash.shard(k, n + 1);
                assertTrue(after == before || after == n, "key moved between old buckets");
                if (after != before) {
                    moved++;
                }
            }
            double expected = keys.length / (double) (n + 1);
            assertTrue(Math.abs(moved - expected) < 5 * Math.sqrt(expected) + 5,
                    "moved " + moved + " of " + keys.length + " for n=" + n);
        }
    }

    /** Series ids of realistic label sets spread evenly over 32 shards (chi-square test). */
    @Test
    void distributionOverShardsIsUniform() {
        int shards = 32;
        int n = 64_000;
        int[] counts = new int[shards];
        for (int i = 0; i < n; i++) {
            long id = SeriesIds.of(new io.cairn.storage.model.Tenant(i % 3, 0),
                    io.cairn.storage.model.Labels.of("__name__", "node_cpu_seconds_total",
                            "instance", "host-" + (i / 8) + ":9100", "cpu", Integer.toString(i % 8)));
            int s = JumpHash.shard(id, shards);
            assertTrue(s >= 0 && s < shards);
            counts[s]++;
        }
        double expected = (double) n / shards;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 31 degrees of freedom: P(chi2 > 70) is below 1e-4.
        assertTrue(chi2 < 70, "chi-square " + chi2);
    }
}
