package io.cairn.storage.index;

import static io.cairn.storage.index.IndexFixtures.DAY;
import static io.cairn.storage.index.IndexFixtures.T0;
import static io.cairn.storage.index.IndexFixtures.T1;
import static io.cairn.storage.index.IndexFixtures.T2;
import static io.cairn.storage.index.IndexFixtures.eq;
import static io.cairn.storage.index.IndexFixtures.neq;
import static io.cairn.storage.index.IndexFixtures.re;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * High churn: thousands of series lived on day 0 only, a few on day 1. A day-1 query walks the
 * day's series (312, including another tenant's) instead of the postings (3012), which is
 * chosen when the postings are more than 4x larger; answers must equal the oracle's.
 */
class ChurnTest {
    @TempDir
    Path dir;

    @Test
    void shortQueriesOnHighChurnDataSeeOnlyThatDay() throws Exception {
        Map<Long, Labels> day1 = new HashMap<>();
        try (SeriesIndex idx = SeriesIndex.open(dir)) {
            for (int i = 0; i < 3000; i++) {
                idx.resolve(T1, Labels.of("__name__", "pod_cpu", "pod", "p" + i, "ns",
                        "n" + (i % 3)), T0);
                if (i % 10 == 0) { // another tenant's series share the day bitset
                    idx.resolve(T2, Labels.of("__name__", "pod_cpu", "pod", "q" + i), T0 + DAY);
                }
            }
            for (int i = 0; i < 12; i++) {
                Labels l = Labels.of("__name__", "pod_cpu", "pod", "new" + i, "ns", "n" + (i % 3));
                day1.put(idx.resolve(T1, l, T0 + DAY + i), l);
            }
            List<List<LabelMatcher>> selectors = List.of(
                    List.of(eq("__name__", "pod_cpu")),
                    List.of(eq("__name__", "pod_cpu"), eq("ns", "n1")),
                    List.of(re("pod", "new.*")),
                    List.of(neq("ns", "n2")),
                    List.of(re("ns", "n0|n2"), neq("pod", "new0")));
            for (List<LabelMatcher> s : selectors) {
                assertEquals(IndexFixtures.oracle(day1, s),
                        IndexFixtures.boxed(idx.select(T1, s, T0 + DAY, T0 + DAY + 1000, 100)),
                        "selector " + s);
            }
            assertEquals(3012, idx.select(T1, List.of(eq("__name__", "pod_cpu")), T0,
                    T0 + DAY, 10_000).length);
            assertEquals(List.of("new0", "new1"), idx.labelValues(T1, "pod", List.of(),
                    T0 + DAY, T0 + 2 * DAY - 1, 2));
        }
    }
}
