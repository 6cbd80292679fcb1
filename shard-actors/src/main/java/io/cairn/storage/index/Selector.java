package io.cairn.storage.index;

import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.model.LabelMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntArrayList;

/**
 * Evaluates a selector (all matchers must hold, Prometheus semantics: an absent label has the
 * value "") against one tenant's inverted index, restricted by a {@link DayFilter}.
 *
 * <p>Plan: the candidates come from the most selective matcher that does not match "" (the
 * union of the postings of its matching values); an equality or literal alternation is always
 * preferred, since its postings are found without looking at other values, so a selective
 * equality never scans the tenant. Every other matcher is then checked per candidate on the
 * candidate's own label values (a short scan of its pair ids), memoising regex verdicts per
 * value. Without any such matcher the candidates are all the tenant's series. When the day
 * filter keeps far fewer series than the candidate postings hold (high churn, short range),
 * the day's series are walked instead.
 *
 * <p>Runs under the index read lock; one instance per query.
 */
final class Selector {
    private final IndexState state;
    private final TenantIndex tenant;

    Selector(IndexState state, TenantIndex tenant) {
        this.state = state;
        this.tenant = tenant;
    }

    /**
     * Ascending ordinals of the tenant's live series matching every matcher and the filter.
     *
     * @throws SeriesLimitExceededException when more than {@code limit} match
     */
    IntArrayList select(List<LabelMatcher> matchers, DayFilter days, int limit) {
        IntArrayList out = new IntArrayList();
        if (days.isNone()) {
            return out;
        }
        List<CompiledMatcher> checks = new ArrayList<>(matchers.size());
        for (LabelMatcher m : matchers) {
            CompiledMatcher c = new CompiledMatcher(m, state.strings);
            if (c.matchesEverything()) {
                continue;
            }
            boolean nameAbsent = c.nameId < 0 || tenant.values(c.nameId) == null;
            if (nameAbsent) {
                if (!c.matchesEmpty) {
                    return out; // needs a label no series of the tenant has
                }
                continue; // every series lacks the label, and "" is accepted
            }
            checks.add(c);
        }
        Candidates seed = chooseSeed(checks);
        if (seed.matcher != null) {
            checks.remove(seed.matcher);
        }
        if (!days.isAll() && seed.size > 4L * days.union().cardinality()) {
            walkDays(days.union(), seed, checks, limit, out);
            return out;
        }
        for (int i = 0; i < seed.size; i++) {
            int ord = seed.ordinals[i];
            if (days.test(ord) && passes(ord, checks)) {
                add(out, ord, limit);
            }
        }
        return out;
    }

    private void walkDays(BitSet active, Candidates seed, List<CompiledMatcher> checks,
            int limit, IntArrayList out) {
        if (seed.matcher != null) {
            checks.add(seed.matcher);
        }
        for (int ord = active.nextSetBit(0); ord >= 0; ord = active.nextSetBit(ord + 1)) {
            if (!state.series.isDead(ord) && state.series.tenant(ord) == tenant.slot
                    && passes(ord, checks)) {
                add(out, ord, limit);
            }
        }
    }

    private boolean passes(int ord, List<CompiledMatcher> checks) {
        for (int i = 0, n = checks.size(); i < n; i++) {
            CompiledMatcher c = checks.get(i);
            if (!c.test(state.valueOf(ord, c.nameId))) {
                return false;
            }
        }
        return true;
    }

    private static void add(IntArrayList out, int ord, int limit) {
        if (out.size() >= limit) {
            throw new SeriesLimitExceededException(limit);
        }
        out.addInt(ord);
    }

    /** Sorted candidate ordinals and the matcher they already satisfy (null: none). */
    private record Candidates(int[] ordinals, int size, CompiledMatcher matcher) {}

    private Candidates chooseSeed(List<CompiledMatcher> checks) {
        CompiledMatcher best = null;
        int[] bestPairs = null;
        long bestSize = Long.MAX_VALUE;
        for (CompiledMatcher c : checks) {
            int[] valueIds = c.directValueIds();
            if (valueIds == null) {
                continue;
            }
            int[] pairIds = pairsOf(c.nameId, valueIds);
            long size = 0;
            for (int p : pairIds) {
                size += state.pairs.size(p);
            }
            if (size < bestSize) {
                best = c;
                bestPairs = pairIds;
                bestSize = size;
            }
        }
        if (best == null) {
            // No cheap seed: list the values of the positive matcher with the fewest values.
            int fewest = Integer.MAX_VALUE;
            for (CompiledMatcher c : checks) {
                int n = tenant.values(c.nameId).size();
                if (!c.matchesEmpty && n < fewest) {
                    best = c;
                    fewest = n;
                }
            }
            if (best == null) {
                return new Candidates(tenant.allSeries(), tenant.seriesCount(), null);
            }
            bestPairs = matchingPairs(best);
        }
        return union(bestPairs, best);
    }

    private int[] pairsOf(int nameId, int[] valueIds) {
        int[] out = new int[valueIds.length];
        int n = 0;
        for (int v : valueIds) {
            int p = tenant.pair(nameId, v);
            if (p >= 0) {
                out[n++] = p;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Pair ids of the matcher's label whose value it accepts (walks all values of it). */
    int[] matchingPairs(CompiledMatcher c) {
        Int2IntHashMap values = tenant.values(c.nameId);
        if (values == null) {
            return new int[0];
        }
        IntArrayList out = new IntArrayList();
        values.forEachInt((valueId, pairId) -> {
            if (c.test(valueId)) {
                out.addInt(pairId);
            }
        });
        return out.toIntArray();
    }

    /**
     * The union of the pairs' postings. They share one label name, so they are disjoint and a
     * concatenation plus sort is exact; a single posting is used as is, without copying.
     */
    private Candidates union(int[] pairIds, CompiledMatcher matcher) {
        if (pairIds.length == 1) {
            int p = pairIds[0];
            return new Candidates(state.pairs.postings(p), state.pairs.size(p), matcher);
        }
        long total = 0;
        for (int p : pairIds) {
            total += state.pairs.size(p);
        }
        int[] all = new int[(int) total];
        int at = 0;
        for (int p : pairIds) {
            System.arraycopy(state.pairs.postings(p), 0, all, at, state.pairs.size(p));
            at += state.pairs.size(p);
        }
        Arrays.sort(all);
        return new Candidates(all, all.length, matcher);
    }
}
