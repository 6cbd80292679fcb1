package io.cairn.storage.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SeriesIdsTest {

    /** The definition, spelled out with the one-shot hash over explicit bytes. */
    private static long reference(Tenant t, Labels l) {
        byte[] canonical = l.canonicalBytes();
        long fingerprint = Hash64.hash(canonical, 0, canonical.length, 0L);
        byte[] lane = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint)
                .array();
        return Hash64.hash(lane, 0, 8, t.packed());
    }

    @Test
    void equalsHashOfTenantAndFingerprintOfCanonicalBytes() {
        Random rnd = new Random(9);
        for (int round = 0; round < 500; round++) {
            Labels.Builder b = new Labels.Builder();
            for (int i = rnd.nextInt(12); i > 0; i--) {
                b.set(randomString(rnd, 1 + rnd.nextInt(12)),
                        randomString(rnd, rnd.nextInt(70) + (rnd.nextInt(8) == 0 ? 200 : 0)));
            }
            Labels labels = b.build();
            Tenant tenant = new Tenant(rnd.nextInt(), rnd.nextInt());
            long want = reference(tenant, labels);
            assertEquals(want, SeriesIds.of(tenant, labels));
            assertEquals(want, SeriesIds.ofFingerprint(tenant.packed(), labels.fingerprint()));
            byte[] canonical = labels.canonicalBytes();
            assertEquals(want, SeriesIds.ofCanonical(tenant.packed(), canonical, 0,
                    canonical.length));
            assertEquals(want, SeriesIds.ofCanonical(tenant.packed(),
                    new UnsafeBuffer(canonical), 0, canonical.length));
        }
    }

    /** Pins the contract: changing the id function would orphan every stored part. */
    @Test
    void pinnedValue() {
        Labels l = Labels.of("__name__", "up", "job", "node", "instance", "a:9100");
        assertEquals("241316725661fcd7", Long.toHexString(l.fingerprint()));
        assertEquals("87a49ec8", Integer.toHexString(l.fingerprintCheck()));
        assertEquals("dd6c29b0ef0672bb", Long.toHexString(SeriesIds.of(Tenant.DEFAULT, l)));
        assertEquals("656439f6edf23d7c", Long.toHexString(SeriesIds.of(new Tenant(7, 3), l)));
    }

    @Test
    void tenantIsPartOfTheId() {
        Labels l = Labels.of("__name__", "up");
        assertNotEquals(SeriesIds.of(new Tenant(1, 0), l), SeriesIds.of(new Tenant(0, 1), l));
        assertNotEquals(SeriesIds.of(new Tenant(1, 0), l), SeriesIds.of(Tenant.DEFAULT, l));
    }

    @Test
    void noCollisionsAmongManySimilarSeries() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long id = SeriesIds.of(Tenant.DEFAULT, Labels.of("__name__", "m", "i",
                    Integer.toString(i)));
            assertEquals(true, seen.add(id), "collision at " + i);
        }
    }

    private static String randomString(Random rnd, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int kind = rnd.nextInt(10);
            if (rnd.nextInt(3) == 0) {
                kind = 0; // mostly-ASCII strings exercise the fast path and its fallback
            }
            if (kind < 6) {
                sb.append((char) ('a' + rnd.nextInt(26)));
            } else if (kind < 8) {
                sb.append((char) (0x80 + rnd.nextInt(0x780)));
            } else if (kind < 9) {
                if (rnd.nextInt(4) == 0) {
                    sb.append((char) (0xD800 + rnd.nextInt(0x800))); // a lone surrogate
                } else {
                    sb.appendCodePoint(0x10000 + rnd.nextInt(0x1000));
                }
            } else {
                sb.append((char) (0x800 + rnd.nextInt(0x7000)));
            }
        }
        return sb.toString();
    }
}
