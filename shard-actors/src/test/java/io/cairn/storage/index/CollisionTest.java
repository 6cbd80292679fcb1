package io.cairn.storage.index;

import static io.cairn.storage.index.IndexFixtures.T0;
import static io.cairn.storage.index.IndexFixtures.T1;
import static io.cairn.storage.index.IndexFixtures.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hash collisions forced through the hasher hook: every series labelled collide=... gets 42. */
class CollisionTest {
    private static final long FORCED = 42L;
    private static final SeriesIndexOptions COLLIDING = SeriesIndexOptions.DEFAULTS.withHasher(
            (tenant, labels) -> labels.has("collide") ? FORCED
                    : SeriesIds.of(tenant, labels));

    @TempDir
    Path dir;

    private static Labels series(String v) {
        return Labels.of("__name__", "m", "collide", v);
    }

    @Test
    void collidingSeriesGetDistinctStableIds() throws Exception {
        long a;
        long b;
        long c;
        try (SeriesIndex idx = SeriesIndex.open(dir, COLLIDING)) {
            a = idx.resolve(T1, series("a"), T0);
            b = idx.resolve(T1, series("b"), T0);
            c = idx.resolve(T1, series("c"), T0);
            assertEquals(FORCED, a, "the first comer keeps the base id");
            assertEquals(SeriesIndex.probeId(FORCED, 1), b);
            assertEquals(SeriesIndex.probeId(FORCED, 2), c);
            assertEquals(b, idx.resolve(T1, series("b"), T0));
            assertEquals(c, idx.resolve(T1, series("c"), T0));
            assertEquals(series("b"), idx.labels(b));
            assertEquals(3, idx.select(T1, List.of(eq("__name__", "m")), T0, T0, 10).length);
        }
        try (SeriesIndex idx = SeriesIndex.open(dir, COLLIDING)) {
            assertEquals(a, idx.resolve(T1, series("a"), T0));
            assertEquals(b, idx.resolve(T1, series("b"), T0));
            assertEquals(c, idx.resolve(T1, series("c"), T0));
            assertEquals(3, idx.seriesCount());
        }
    }

    /** Deleting the holder of the base id must not make later chain members look new. */
    @Test
    void probeChainSurvivesDeletionOfItsHead() throws Exception {
        long b;
        try (SeriesIndex idx = SeriesIndex.open(dir, COLLIDING)) {
            idx.resolve(T1, series("a"), T0);
            b = idx.resolve(T1, series("b"), T0);
            assertEquals(1, idx.deleteSeries(T1, List.of(eq("collide", "a"))));
            assertNull(idx.labels(FORCED));
            assertEquals(b, idx.resolve(T1, series("b"), T0));
            assertEquals(1, idx.seriesCount());
        }
        try (SeriesIndex idx = SeriesIndex.open(dir, COLLIDING)) {
            assertEquals(b, idx.resolve(T1, series("b"), T0), "chain rebuilt from the log");
            assertEquals(1, idx.seriesCount());
            long a = idx.resolve(T1, series("a"), T0);
            assertEquals(FORCED, a, "the freed base id is reused");
            assertNotEquals(a, b);
            assertEquals(2, idx.seriesCount());
        }
    }
}
