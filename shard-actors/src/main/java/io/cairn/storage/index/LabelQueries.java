package io.cairn.storage.index;

import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;

/**
 * Label name / value listings and cardinality statistics for one tenant, over the series
 * active in a range. Without matchers they are answered from the inverted index alone (a
 * value qualifies when any of its series passes the day filter); with matchers from the
 * selected series' own labels. Runs under the index read lock; one instance per call.
 */
final class LabelQueries {
    private final IndexState state;
    private final TenantIndex tenant;
    private final DayFilter days;

    LabelQueries(IndexState state, TenantIndex tenant, DayFilter days) {
        this.state = state;
        this.tenant = tenant;
        this.days = days;
    }

    List<String> names(List<LabelMatcher> matchers, int limit) {
        IntHashSet nameIds = new IntHashSet();
        if (matchers.isEmpty()) {
            tenant.forEachName((nameId, values) -> {
                if (anyValueActive(values)) {
                    nameIds.add(nameId);
                }
            });
        } else {
            IntArrayList ords = new Selector(state, tenant).select(matchers, days, Integer.MAX_VALUE);
            for (int i = 0; i < ords.size(); i++) {
                int ord = ords.getInt(i);
                for (int j = 0, n = state.series.pairCount(ord); j < n; j++) {
                    nameIds.add(state.pairs.name(state.series.pair(ord, j)));
                }
            }
        }
        return sortedStrings(nameIds, limit);
    }

    List<String> values(String name, List<LabelMatcher> matchers, int limit) {
        int nameId = state.strings.find(name);
        Int2IntHashMap values = nameId < 0 ? null : tenant.values(nameId);
        if (values == null) {
            return List.of();
        }
        IntHashSet valueIds = new IntHashSet();
        if (matchers.isEmpty()) {
            values.forEachInt((valueId, pair) -> {
                if (pairActive(pair)) {
                    valueIds.add(valueId);
                }
            });
        } else {
            IntArrayList ords = new Selector(state, tenant).select(matchers, days, Integer.MAX_VALUE);
            for (int i = 0; i < ords.size(); i++) {
                int v = state.valueOf(ords.getInt(i), nameId);
                if (v >= 0) {
                    valueIds.add(v);
                }
            }
        }
        return sortedStrings(valueIds, limit);
    }

    TsdbStatus status(int topN) {
        TopN byMetric = new TopN(topN);
        TopN valuesByName = new TopN(topN);
        TopN memoryByName = new TopN(topN);
        TopN byPair = new TopN(topN);
        TopN seriesByName = new TopN(topN);
        long[] pairsTotal = {0};
        int metricNameId = state.strings.find(Labels.METRIC_NAME);
        tenant.forEachName((nameId, values) -> {
            String name = state.strings.get(nameId);
            long[] perName = new long[3]; // distinct values, series, bytes
            values.forEachInt((valueId, pair) -> {
                long series = activeCount(pair);
                if (series == 0) {
                    return;
                }
                String value = state.strings.get(valueId);
                perName[0]++;
                perName[1] += series;
                perName[2] += (long) value.length() * series;
                byPair.offer(name + "=" + value, series);
                if (nameId == metricNameId) {
                    byMetric.offer(value, series);
                }
            });
            pairsTotal[0] += perName[0];
            valuesByName.offer(name, perName[0]);
            seriesByName.offer(name, perName[1]);
            memoryByName.offer(name, perName[2]);
        });
        long total = 0;
        int[] all = tenant.allSeries();
        for (int i = 0, n = tenant.seriesCount(); i < n; i++) {
            if (days.test(all[i])) {
                total++;
            }
        }
        return new TsdbStatus(total, pairsTotal[0], byMetric.sorted(), valuesByName.sorted(),
                memoryByName.sorted(), byPair.sorted(), seriesByName.sorted());
    }

    private boolean anyValueActive(Int2IntHashMap values) {
        if (days.isAll()) {
            return true;
        }
        boolean[] found = {false};
        values.forEachInt((valueId, pair) -> {
            if (!found[0] && pairActive(pair)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private boolean pairActive(int pair) {
        if (days.isAll()) {
            return state.pairs.size(pair) > 0;
        }
        int[] ords = state.pairs.postings(pair);
        for (int i = 0, n = state.pairs.size(pair); i < n; i++) {
            if (days.test(ords[i])) {
                return true;
            }
        }
        return false;
    }

    private long activeCount(int pair) {
        if (days.isAll()) {
            return state.pairs.size(pair);
        }
        int[] ords = state.pairs.postings(pair);
        long n = 0;
        for (int i = 0, size = state.pairs.size(pair); i < size; i++) {
            if (days.test(ords[i])) {
                n++;
            }
        }
        return n;
    }

    private List<String> sortedStrings(IntHashSet ids, int limit) {
        List<String> out = new ArrayList<>(ids.size());
        ids.forEachInt(id -> out.add(state.strings.get(id)));
        Collections.sort(out);
        return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
