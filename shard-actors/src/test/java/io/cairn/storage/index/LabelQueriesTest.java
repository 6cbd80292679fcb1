package io.cairn.storage.index;

import static io.cairn.storage.index.IndexFixtures.DAY;
import static io.cairn.storage.index.IndexFixtures.T0;
import static io.cairn.storage.index.IndexFixtures.T1;
import static io.cairn.storage.index.IndexFixtures.T2;
import static io.cairn.storage.index.IndexFixtures.eq;
import static io.cairn.storage.index.IndexFixtures.re;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** labelNames, labelValues, status, tenants, and the per-day restriction they share. */
class LabelQueriesTest {
    @TempDir
    Path dir;
    private SeriesIndex index;

    @BeforeEach
    void setUp() throws Exception {
        index = SeriesIndex.open(dir);
        // Day 0: up{job=api} x2, up{job=db}; day 1: http{job=api,code=200|500}; up{job=api,a:1}.
        index.resolve(T1, Labels.of("__name__", "up", "job", "api", "instance", "a:1"), T0);
        index.resolve(T1, Labels.of("__name__", "up", "job", "api", "instance", "b:1"), T0);
        index.resolve(T1, Labels.of("__name__", "up", "job", "db", "instance", "c:1",
                "zone", "z1"), T0);
        index.resolve(T1, Labels.of("__name__", "http", "job", "api", "code", "200"), T0 + DAY);
        index.resolve(T1, Labels.of("__name__", "http", "job", "api", "code", "500"), T0 + DAY);
        index.resolve(T1, Labels.of("__name__", "up", "job", "api", "instance", "a:1"), T0 + DAY);
        index.resolve(T2, Labels.of("__name__", "other", "secret", "x"), T0);
    }

    @AfterEach
    void tearDown() throws Exception {
        index.close();
    }

    @Test
    void labelNames() {
        assertEquals(List.of("__name__", "code", "instance", "job", "zone"),
                index.labelNames(T1, List.of(), T0, T0 + 2 * DAY, 0));
        assertEquals(List.of("__name__", "instance", "job", "zone"),
                index.labelNames(T1, List.of(), T0, T0 + 10, 0), "day 0 only");
        assertEquals(List.of("__name__", "code", "instance", "job"),
                index.labelNames(T1, List.of(), T0 + DAY, T0 + DAY + 10, 0), "day 1 only");
        assertEquals(List.of("__name__", "code", "job"),
                index.labelNames(T1, List.of(eq("__name__", "http")), 0, Long.MAX_VALUE, 0));
        assertEquals(List.of("__name__", "code"),
                index.labelNames(T1, List.of(), T0, T0 + 2 * DAY, 2), "limit");
        assertEquals(List.of("__name__", "secret"),
                index.labelNames(T2, List.of(), 0, Long.MAX_VALUE, 0), "tenants are separate");
        assertEquals(List.of(), index.labelNames(new Tenant(5, 5), List.of(), 0, Long.MAX_VALUE, 0));
    }

    @Test
    void labelValues() {
        assertEquals(List.of("api", "db"), index.labelValues(T1, "job", List.of(), T0, T0 + DAY, 0));
        assertEquals(List.of("api"), index.labelValues(T1, "job", List.of(), T0 + DAY, T0 + DAY, 0));
        assertEquals(List.of("a:1", "b:1", "c:1"),
                index.labelValues(T1, "instance", List.of(eq("__name__", "up")), T0, T0, 0));
        assertEquals(List.of("a:1"),
                index.labelValues(T1, "instance", List.of(eq("__name__", "up")), T0 + DAY,
                        T0 + DAY, 0));
        assertEquals(List.of("a:1", "b:1"),
                index.labelValues(T1, "instance", List.of(eq("job", "api")), T0, T0 + DAY, 0));
        assertEquals(List.of("a:1", "b:1"),
                index.labelValues(T1, "instance", List.of(), T0, T0 + DAY, 2), "limit");
        assertEquals(List.of("200", "500"),
                index.labelValues(T1, "code", List.of(re("job", ".+")), 0, Long.MAX_VALUE, 0));
        assertEquals(List.of(), index.labelValues(T1, "nope", List.of(), 0, Long.MAX_VALUE, 0));
        assertEquals(List.of("http", "up"),
                index.labelValues(T1, "__name__", List.of(), 0, Long.MAX_VALUE, 0));
    }

    @Test
    void perDayRestrictionOfSelect() {
        assertEquals(3, index.select(T1, List.of(eq("__name__", "up")), T0, T0 + 1, 10).length);
        assertEquals(1, index.select(T1, List.of(eq("__name__", "up")), T0 + DAY, T0 + DAY, 10)
                .length);
        assertEquals(3, index.select(T1, List.of(eq("__name__", "up")), T0, T0 + DAY, 10).length);
        assertEquals(0, index.select(T1, List.of(eq("__name__", "http")), T0, T0 + DAY - 1, 10)
                .length);
        assertEquals(0, index.select(T1, List.of(eq("__name__", "up")), T0 - 30 * DAY,
                T0 - DAY, 10).length);
        // Longer than 40 days: the per-day index is skipped, every live series qualifies.
        assertEquals(3, index.select(T1, List.of(eq("__name__", "up")), T0 - 100 * DAY,
                T0 - 50 * DAY, 10).length);
    }

    @Test
    void status() {
        TsdbStatus s = index.status(T1, 0, Long.MAX_VALUE, 10);
        assertEquals(5, s.totalSeries());
        assertEquals(List.of(new TsdbStatus.Entry("up", 3), new TsdbStatus.Entry("http", 2)),
                s.seriesCountByMetricName());
        assertEquals(new TsdbStatus.Entry("job=api", 4), s.seriesCountByLabelValuePair().get(0));
        assertEquals(List.of(new TsdbStatus.Entry("instance", 3),
                new TsdbStatus.Entry("__name__", 2), new TsdbStatus.Entry("code", 2),
                new TsdbStatus.Entry("job", 2), new TsdbStatus.Entry("zone", 1)),
                s.labelValueCountByLabelName());
        assertEquals(new TsdbStatus.Entry("__name__", 5), s.seriesCountByLabelName().get(0));
        assertEquals(List.of(new TsdbStatus.Entry("__name__", 2 * 3 + 4 * 2),
                new TsdbStatus.Entry("job", 3 * 4 + 2 * 1)), s.memoryInBytesByLabelName().subList(0, 2));
        assertEquals(2 + 3 + 2 + 2 + 1, s.totalLabelValuePairs());

        TsdbStatus day1 = index.status(T1, T0 + DAY, T0 + 2 * DAY - 1, 1);
        assertEquals(3, day1.totalSeries());
        assertEquals(List.of(new TsdbStatus.Entry("http", 2)), day1.seriesCountByMetricName());
        assertEquals(0, index.status(new Tenant(9, 9), 0, Long.MAX_VALUE, 10).totalSeries());
    }

    @Test
    void tenants() throws Exception {
        assertEquals(List.of(T1, T2), index.tenants());
        index.deleteSeries(T2, List.of(eq("secret", "x")));
        assertEquals(List.of(T1), index.tenants());
        assertEquals(6, index.seriesCount() + 1);
    }
}
