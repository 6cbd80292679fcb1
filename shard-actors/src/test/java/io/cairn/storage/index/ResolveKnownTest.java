package io.cairn.storage.index;

import static io.cairn.storage.index.IndexFixtures.DAY;
import static io.cairn.storage.index.IndexFixtures.T0;
import static io.cairn.storage.index.IndexFixtures.T1;
import static io.cairn.storage.index.IndexFixtures.T2;
import static io.cairn.storage.index.IndexFixtures.eq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The by-id fast path of {@link SeriesIndex#resolveKnown}: when it may vouch, when not. */
class ResolveKnownTest {
    private static final Labels UP = Labels.of("__name__", "up", "job", "a");
    private static final Labels DOWN = Labels.of("__name__", "up", "job", "b");

    @TempDir
    Path dir;

    @Test
    void vouchesOnlyForALiveSeriesOfTheTenantWithTheSameCheck() throws Exception {
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            long id = SeriesIds.of(T1, UP);
            int check = UP.fingerprintCheck();
            assertFalse(idx.resolveKnown(T1, id, check, T0), "unknown before registration");
            assertEquals(id, idx.resolve(T1, UP, T0));
            record Case(String what, boolean want, io.cairn.storage.model.Tenant tenant, long id,
                    int check) {}
            List<Case> cases = List.of(
                    new Case("the series itself", true, T1, id, check),
                    new Case("other tenant, same id", false, T2, id, check),
                    new Case("same id, other labels' check", false, T1, id, check + 1),
                    new Case("an id never registered", false, T1, id + 1, check));
            for (Case c : cases) {
                assertEquals(c.want(), idx.resolveKnown(c.tenant(), c.id(), c.check(), T0),
                        c.what());
            }
            assertEquals(1, idx.seriesCount(), "resolveKnown never registers");
        }
    }

    @Test
    void marksTheSeriesActiveOnANewDayDurably() throws Exception {
        long id = SeriesIds.of(T1, UP);
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            idx.resolve(T1, UP, T0);
            assertTrue(idx.resolveKnown(T1, id, UP.fingerprintCheck(), T0 + 3 * DAY));
            assertArrayEquals(new long[] {id},
                    idx.select(T1, List.of(eq("job", "a")), T0 + 3 * DAY, T0 + 3 * DAY, 10));
            assertArrayEquals(new long[0],
                    idx.select(T1, List.of(eq("job", "a")), T0 + DAY, T0 + DAY, 10));
            idx.sync();
        }
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            assertArrayEquals(new long[] {id},
                    idx.select(T1, List.of(eq("job", "a")), T0 + 3 * DAY, T0 + 3 * DAY, 10));
            assertTrue(idx.resolveKnown(T1, id, UP.fingerprintCheck(), T0),
                    "the check survives a reopen (recomputed from the logged labels)");
        }
    }

    /**
     * Two label sets with one id: the newcomer is not taken for the known series (its check
     * differs), so its labels are resolved and the collision is registered where it first
     * appears; from then on the base id vouches for neither and both resolve by labels.
     */
    @Test
    void aCollidingIdIsNeverTakenForTheKnownSeries() throws Exception {
        SeriesIndexOptions colliding = SeriesIndexOptions.DEFAULTS.withHasher(
                (tenant, labels) -> labels.metricName().equals("up") ? 42L
                        : SeriesIds.of(tenant, labels));
        try (SeriesIndex idx = SeriesIndex.open(dir, colliding)) {
            assertEquals(42L, idx.resolve(T1, UP, T0));
            assertTrue(idx.resolveKnown(T1, 42L, UP.fingerprintCheck(), T0));
            // A writer names DOWN by the same id: refused, so the caller resolves its labels.
            assertFalse(idx.resolveKnown(T1, 42L, DOWN.fingerprintCheck(), T0));
            long down = idx.resolve(T1, DOWN, T0);
            assertNotEquals(42L, down);
            // The base id now starts a probe chain: it vouches for nobody any more.
            assertFalse(idx.resolveKnown(T1, 42L, UP.fingerprintCheck(), T0));
            assertFalse(idx.resolveKnown(T1, 42L, DOWN.fingerprintCheck(), T0));
            assertEquals(42L, idx.resolve(T1, UP, T0));
            assertEquals(down, idx.resolve(T1, DOWN, T0));
            assertEquals(UP, idx.labels(42L));
            assertEquals(DOWN, idx.labels(down));
        }
        try (SeriesIndex idx = SeriesIndex.open(dir, colliding)) {
            assertFalse(idx.resolveKnown(T1, 42L, UP.fingerprintCheck(), T0),
                    "collided bases are re-derived at open");
        }
    }

    @Test
    void theKnownPathAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            int n = 1000;
            long[] ids = new long[n];
            int[] checks = new int[n];
            for (int i = 0; i < n; i++) {
                Labels l = IndexFixtures.nodeSeries(i % 50, i, i);
                ids[i] = idx.resolve(T1, l, T0);
                checks[i] = l.fingerprintCheck();
            }
            int known = 0;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int round = 0; round < 100; round++) {
                for (int i = 0; i < n; i++) {
                    if (idx.resolveKnown(T1, ids[i], checks[i], T0)) {
                        known++;
                    }
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(100 * n, known);
            assertTrue(allocated < 1024, "resolveKnown allocated " + allocated + " bytes");
        }
    }
}
