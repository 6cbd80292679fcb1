package io.cairn.promql.eval;

import io.cairn.promql.ast.AtModifier;
import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.DurationExpr;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.Exprs;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.PosRange;
import io.cairn.promql.ast.SelectorMode;
import io.cairn.promql.ast.SubqueryExpr;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The experimental {@code info(v, {selector})}: adds data labels of info series (default
 * {@code target_info}) that share the identifying labels {@code instance} and {@code job} with
 * a series of v, step by step.
 *
 * <p>Rules, as in Prometheus: name matchers of the selector pick the info metrics (only negative
 * ones are narrowed to {@code .+_info}; none means {@code target_info}); series of v that are
 * info metrics themselves pass through unchanged; with data-label matchers only those labels are
 * added, and a series without any matching info series is dropped at that step if some data
 * matcher rejects the empty value; labels already on the series are kept; the newest of two info
 * series with the same identity wins; two info metrics disagreeing on a label is an error. The
 * info series are read at the same reference time as the first selector of v (its and its
 * enclosing subqueries' {@code @} and offsets).
 */
final class Info {
    private static final List<String> IDENTIFYING = List.of("instance", "job");

    private Info() {}

    static EvalValue eval(Evaluator ev, Call c, EvalGrid grid) {
        int n = grid.count();
        StepVector base = (StepVector) ev.eval(c.args().get(0), grid);
        List<LabelMatcher> nameMatchers = new ArrayList<>();
        Map<String, List<LabelMatcher>> dataMatchers = new LinkedHashMap<>();
        if (c.args().size() > 1) {
            VectorSelector sel = (VectorSelector) FunctionEvaluator.unwrap(c.args().get(1));
            for (LabelMatcher m : sel.matchers()) {
                if (m.name().equals(Labels.METRIC_NAME)) {
                    nameMatchers.add(m);
                } else {
                    dataMatchers.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                }
            }
        }
        List<LabelMatcher> effective = effectiveNameMatchers(nameMatchers);
        List<StepSeries> in = base.series();
        boolean[] ignore = new boolean[in.size()];
        Map<String, Set<String>> idValues = new LinkedHashMap<>();
        for (int k = 0; k < in.size(); k++) {
            String name = in.get(k).labels.metricName();
            ignore[k] = matchesAll(effective, name == null ? "" : name);
            if (ignore[k]) {
                continue;
            }
            for (String id : IDENTIFYING) {
                String v = in.get(k).labels.get(id);
                if (v != null) {
                    idValues.computeIfAbsent(id, x -> new TreeSet<>()).add(v);
                }
            }
        }
        List<StepSeries> infos = idValues.isEmpty() ? List.of()
                : fetchInfoSeries(ev, c.args().get(0), effective, dataMatchers, idValues, grid);
        Labels[] infoSig = new Labels[infos.size()];
        List<String> infoNames = new ArrayList<>();
        for (int k = 0; k < infos.size(); k++) {
            String name = infos.get(k).labels.metricName();
            infoSig[k] = signature(name, infos.get(k).labels);
            if (!infoNames.contains(name)) {
                infoNames.add(name);
            }
        }
        boolean dropUnmatched = false;
        for (List<LabelMatcher> ms : dataMatchers.values()) {
            for (LabelMatcher m : ms) {
                dropUnmatched |= !m.matchesEmpty();
            }
        }
        SeriesCollector out = new SeriesCollector(n);
        Map<Labels, Integer> bySig = new HashMap<>();
        for (int i = 0; i < n; i++) {
            bySig.clear();
            for (int k = 0; k < infos.size(); k++) {
                StepSeries is = infos.get(k);
                if (!is.present[i]) {
                    continue;
                }
                Integer prev = bySig.get(infoSig[k]);
                if (prev == null || infos.get(prev).values[i] < is.values[i]) {
                    bySig.put(infoSig[k], k);
                } else if (infos.get(prev).values[i] == is.values[i]) {
                    throw new QueryExecutionException("found duplicate series for info metric: existing "
                            + LabelUtil.goString(infos.get(prev).labels) + " @ " + (long) (is.values[i] * 1000)
                            + ", new " + LabelUtil.goString(is.labels) + " @ " + (long) (is.values[i] * 1000));
                }
            }
            for (int k = 0; k < in.size(); k++) {
                StepSeries bs = in.get(k);
                if (!bs.present[i]) {
                    continue;
                }
                Labels labels = bs.labels;
                if (!ignore[k]) {
                    labels = enrich(bs.labels, infoNames, bySig, infos, dataMatchers, dropUnmatched);
                    if (labels == null) {
                        continue;
                    }
                }
                StepSeries o = out.series(labels, bs.dropName);
                SeriesCollector.set(o, n == 1 ? 0 : i, bs.values[i]);
            }
        }
        return out.result();
    }

    /** The enriched labels, or null when the sample is dropped for lack of a matching info series. */
    private static Labels enrich(Labels base, List<String> infoNames, Map<Labels, Integer> bySig,
            List<StepSeries> infos, Map<String, List<LabelMatcher>> dataMatchers, boolean dropUnmatched) {
        Map<String, String> added = new LinkedHashMap<>();
        boolean seen = false;
        for (String name : infoNames) {
            Integer k = bySig.get(signature(name, base));
            if (k == null) {
                continue;
            }
            seen = true;
            Labels il = infos.get(k).labels;
            for (int j = 0; j < il.size(); j++) {
                String ln = il.name(j);
                if (ln.equals(Labels.METRIC_NAME) || (!dataMatchers.isEmpty() && !dataMatchers.containsKey(ln))) {
                    continue;
                }
                String prev = added.get(ln);
                if (prev != null && !prev.equals(il.value(j))) {
                    throw new QueryExecutionException("conflicting label: " + ln);
                }
                if (!base.has(ln)) {
                    added.put(ln, il.value(j));
                }
            }
        }
        if (!seen && dropUnmatched) {
            return null;
        }
        if (added.isEmpty()) {
            return base;
        }
        Labels.Builder b = base.toBuilder();
        added.forEach(b::set);
        return b.build();
    }

    private static List<StepSeries> fetchInfoSeries(Evaluator ev, Expr arg, List<LabelMatcher> effective,
            Map<String, List<LabelMatcher>> dataMatchers, Map<String, Set<String>> idValues, EvalGrid grid) {
        List<LabelMatcher> matchers = new ArrayList<>(effective);
        for (List<LabelMatcher> ms : dataMatchers.values()) {
            matchers.addAll(ms);
        }
        for (Map.Entry<String, Set<String>> e : idValues.entrySet()) {
            StringBuilder re = new StringBuilder();
            for (String v : e.getValue()) {
                if (re.length() > 0) {
                    re.append('|');
                }
                re.append(com.google.re2j.Pattern.quote(v));
            }
            matchers.add(LabelMatcher.of(LabelMatcher.Type.RE, e.getKey(), re.toString()));
        }
        // Read the info series at the reference time of the argument's first selector.
        Long fixed = null;
        long offset = 0;
        for (Expr node : pathToFirstSelector(arg)) {
            AtModifier at = null;
            long off = 0;
            if (node instanceof SubqueryExpr s) {
                at = s.at();
                off = ev.selectors.millis(s.offset());
            } else if (node instanceof VectorSelector vs) {
                at = vs.at();
                off = ev.selectors.millis(vs.offset());
            } else {
                continue;
            }
            if (at != null) {
                fixed = at.resolve(ev.ctx.queryStartMs, ev.ctx.queryEndMs);
                offset = off;
            } else {
                offset += off;
            }
        }
        VectorSelector sel = new VectorSelector(null, matchers, DurationExpr.ofMillis(offset),
                fixed == null ? null : AtModifier.at(fixed), SelectorMode.DEFAULT, PosRange.NONE);
        return ev.selectors.instantWithTimestamps(sel, grid).series();
    }

    /** The nodes from {@code e} down to its first (pre-order) vector selector, inclusive. */
    private static List<Expr> pathToFirstSelector(Expr e) {
        List<Expr> path = new ArrayList<>();
        return find(e, path) ? path : List.of();
    }

    private static boolean find(Expr e, List<Expr> path) {
        path.add(e);
        if (e instanceof VectorSelector) {
            return true;
        }
        if (e instanceof MatrixSelector m) {
            path.add(m.selector());
            return true;
        }
        for (Expr child : Exprs.children(e)) {
            if (find(child, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private static List<LabelMatcher> effectiveNameMatchers(List<LabelMatcher> given) {
        for (LabelMatcher m : given) {
            if (m.type() == LabelMatcher.Type.EQ || m.type() == LabelMatcher.Type.RE) {
                return given;
            }
        }
        if (!given.isEmpty()) {
            List<LabelMatcher> out = new ArrayList<>();
            out.add(LabelMatcher.of(LabelMatcher.Type.RE, Labels.METRIC_NAME, ".+_info"));
            out.addAll(given);
            return out;
        }
        return List.of(LabelMatcher.eq(Labels.METRIC_NAME, "target_info"));
    }

    private static boolean matchesAll(List<LabelMatcher> ms, String value) {
        for (LabelMatcher m : ms) {
            if (!m.matches(value)) {
                return false;
            }
        }
        return true;
    }

    /** Info metric name plus whichever identifying labels the series has. */
    private static Labels signature(String infoName, Labels l) {
        Labels.Builder b = new Labels.Builder().set(Labels.METRIC_NAME, infoName);
        for (String id : IDENTIFYING) {
            b.set(id, l.get(id));
        }
        return b.build();
    }
}
