package io.cairn.query;

import io.cairn.shard.replica.ReadResult;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.index.TsdbStatus;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Merges the answers of several replicas of one shard into one answer, as if one replica had
 * held every row any of them holds (DESIGN.md §6: "merged per series with replica dedup"):
 *
 * <ul>
 *   <li>samples: per series (by labels), the union of timestamps, one sample per timestamp;
 *       where replicas disagree on a timestamp's value, the earlier answer in the list (the
 *       preferred replica) wins;
 *   <li>label sets and strings: the sorted union;
 *   <li>cardinality: the answer counting the most series (per-replica top lists cannot be
 *       united exactly; the fuller replica is the better estimate);
 *   <li>rollups: the answer computed from the most samples (per-step results of different
 *       sample sets cannot be united; the fuller replica is the better answer).
 * </ul>
 *
 * <p>Stateless. Answers are not modified; merged series get new arrays.
 */
public final class ReplicaMerge {
    private ReplicaMerge() {}

    /**
     * @param answers successful answers of one request, preferred replica first, all of the
     *     same type
     */
    public static ReadResult merge(List<ReadResult> answers) {
        if (answers.isEmpty()) {
            throw new IllegalStateException("BUG: nothing to merge");
        }
        if (answers.size() == 1) {
            return answers.get(0);
        }
        ReadResult first = answers.get(0);
        for (ReadResult r : answers) {
            if (r.getClass() != first.getClass()) {
                throw new IllegalStateException("BUG: replicas answered one request with "
                        + first.getClass().getSimpleName() + " and "
                        + r.getClass().getSimpleName());
            }
        }
        if (first instanceof ReadResult.Samples) {
            return samples(answers);
        }
        if (first instanceof ReadResult.LabelSets) {
            TreeSet<Labels> union = new TreeSet<>();
            answers.forEach(r -> union.addAll(((ReadResult.LabelSets) r).labels()));
            return new ReadResult.LabelSets(new ArrayList<>(union));
        }
        if (first instanceof ReadResult.Strings) {
            TreeSet<String> union = new TreeSet<>();
            answers.forEach(r -> union.addAll(((ReadResult.Strings) r).values()));
            return new ReadResult.Strings(new ArrayList<>(union));
        }
        if (first instanceof ReadResult.Rolled) {
            ReadResult best = first;
            for (ReadResult r : answers) {
                if (((ReadResult.Rolled) r).rows().samples()
                        > ((ReadResult.Rolled) best).rows().samples()) {
                    best = r;
                }
            }
            return best;
        }
        if (first instanceof ReadResult.Cardinality) {
            TsdbStatus best = ((ReadResult.Cardinality) first).status();
            for (ReadResult r : answers) {
                TsdbStatus s = ((ReadResult.Cardinality) r).status();
                if (s.totalSeries() > best.totalSeries()) {
                    best = s;
                }
            }
            return new ReadResult.Cardinality(best);
        }
        throw new IllegalStateException("BUG: cannot merge " + first.getClass().getName());
    }

    private static ReadResult samples(List<ReadResult> answers) {
        Map<Labels, SeriesData> byLabels = new LinkedHashMap<>();
        for (ReadResult r : answers) {
            for (SeriesData s : ((ReadResult.Samples) r).series()) {
                byLabels.merge(s.labels(), s, ReplicaMerge::series);
            }
        }
        return new ReadResult.Samples(new ArrayList<>(byLabels.values()));
    }

    /**
     * The union of two sample runs of one series, both ascending by timestamp; on equal
     * timestamps {@code a}'s sample is kept.
     */
    static SeriesData series(SeriesData a, SeriesData b) {
        int na = a.count();
        int nb = b.count();
        long[] at = a.timestamps();
        long[] bt = b.timestamps();
        double[] av = a.values();
        double[] bv = b.values();
        long[] ts = new long[na + nb];
        double[] vs = new double[na + nb];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < na || j < nb) {
            if (j >= nb || (i < na && at[i] <= bt[j])) {
                if (j < nb && at[i] == bt[j]) {
                    j++; // the same sample (or a disagreeing copy) from the other replica
                }
                ts[n] = at[i];
                vs[n++] = av[i++];
            } else {
                ts[n] = bt[j];
                vs[n++] = bv[j++];
            }
        }
        return new SeriesData(a.labels(), ts, vs, n);
    }
}
