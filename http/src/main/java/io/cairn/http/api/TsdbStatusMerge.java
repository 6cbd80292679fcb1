package io.cairn.http.api;

import io.cairn.storage.index.TsdbStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;

/**
 * Merges the cardinality statistics of several shards into one (see {@link TsdbStatusApi} for
 * what is exact and what is a bound): series counts and byte estimates add up, distinct value
 * counts take the maximum. Lists come out sorted like the index sorts them, by value
 * descending then name, cut to top N. Stateless.
 */
final class TsdbStatusMerge {
    private static final Comparator<TsdbStatus.Entry> ORDER =
            Comparator.comparingLong(TsdbStatus.Entry::value).reversed()
                    .thenComparing(TsdbStatus.Entry::name);

    private TsdbStatusMerge() {}

    static TsdbStatus merge(List<TsdbStatus> parts, int topN) {
        long series = 0;
        long pairs = 0;
        for (TsdbStatus p : parts) {
            series += p.totalSeries();
            pairs += p.totalLabelValuePairs();
        }
        return new TsdbStatus(series, pairs,
                merge(parts, TsdbStatus::seriesCountByMetricName, Long::sum, topN),
                merge(parts, TsdbStatus::labelValueCountByLabelName, Math::max, topN),
                merge(parts, TsdbStatus::memoryInBytesByLabelName, Long::sum, topN),
                merge(parts, TsdbStatus::seriesCountByLabelValuePair, Long::sum, topN),
                merge(parts, TsdbStatus::seriesCountByLabelName, Long::sum, topN));
    }

    private static List<TsdbStatus.Entry> merge(List<TsdbStatus> parts,
            Function<TsdbStatus, List<TsdbStatus.Entry>> field, LongBinaryOperator combine,
            int topN) {
        Map<String, Long> byName = new HashMap<>();
        for (TsdbStatus p : parts) {
            for (TsdbStatus.Entry e : field.apply(p)) {
                byName.merge(e.name(), e.value(), (a, b) -> combine.applyAsLong(a, b));
            }
        }
        List<TsdbStatus.Entry> out = new ArrayList<>(byName.size());
        byName.forEach((name, value) -> out.add(new TsdbStatus.Entry(name, value)));
        out.sort(ORDER);
        return out.size() > topN ? List.copyOf(out.subList(0, topN)) : List.copyOf(out);
    }
}
