package io.cairn.promql.eval;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.SelectorMode;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.storage.api.RollupSource;
import io.cairn.storage.api.RollupSpec;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.api.StepRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Evaluates selectors, range functions over selectors, and simple aggregations of those next
 * to the data when the source can ({@link RollupSource}): the shards return per-step values
 * or partial groups instead of raw samples, so a long range is neither copied into the query's
 * heap nor evaluated on the query's one thread (DESIGN.md §6).
 *
 * <p>Only {@link SelectorMode#DEFAULT} selectors qualify (the extended modes need samples
 * around the windows), and only arguments that are the same at every step travel with the
 * rollup. Every method answers null when the expression does not qualify, and the caller
 * evaluates it the ordinary way. One instance per evaluation; not thread-safe.
 */
final class RollupPushdown {
    private final EvalContext ctx;
    private final SelectorEvaluator selectors;

    RollupPushdown(EvalContext ctx, SelectorEvaluator selectors) {
        this.ctx = ctx;
        this.selectors = selectors;
    }

    /** An instant vector selector: the newest sample within the lookback per step. */
    StepVector instant(VectorSelector vs, EvalGrid grid) {
        if (!(ctx.source instanceof RollupSource) || vs.mode() != SelectorMode.DEFAULT) {
            return null;
        }
        List<StepRows> parts = rollup(vs, RollupSpec.INSTANT, new double[0], 0, grid, null);
        return new StepVector(rows(parts, grid.count(), false));
    }

    /**
     * {@code name(selector[range], args...)} for a range function over a matrix selector.
     *
     * @param args the scalar arguments per step in call order (null entries: none)
     */
    StepVector rangeFunction(String name, MatrixSelector ms, double[][] args, EvalGrid grid) {
        if (!(ctx.source instanceof RollupSource) || ms.selector().mode() != SelectorMode.DEFAULT) {
            return null;
        }
        double[] constant = constantArgs(args);
        if (constant == null) {
            return null;
        }
        List<StepRows> parts = rollup(ms.selector(), name, constant, millis(ms), grid, null);
        return new StepVector(rows(parts, grid.count(), !RangeFunctions.keepsName(name)));
    }

    /**
     * {@code op by|without (...) (inner)} where the operator combines per shard ({@code sum},
     * {@code min}, {@code max}, {@code count}, {@code group}) and {@code inner} is a selector,
     * or a range function without scalar arguments over a matrix selector. Calls
     * {@code counterCheck} with the range function's call and each metric name read, for the
     * annotations the function would give on raw series.
     */
    StepVector aggregate(AggregateExpr a, EvalGrid grid, CounterCheck counterCheck) {
        if (!(ctx.source instanceof RollupSource) || a.param() != null || !splittable(a)) {
            return null;
        }
        RollupSpec.Aggregation agg = new RollupSpec.Aggregation(
                a.op().name().toLowerCase(Locale.ROOT), a.grouping(), a.without());
        Expr inner = FunctionEvaluator.unwrap(a.expr());
        // Shards' partial groups are folded in as each shard finishes, on the thread that read
        // it, so that little is left to combine once the last shard is done.
        GroupPartials groups = new GroupPartials(agg, grid.count());
        // Sorted: shards finish in any order, annotations must not.
        Set<String> names = new TreeSet<>();
        Consumer<StepRows> fold = part -> {
            names.addAll(part.metricNames());
            groups.combine(part);
        };
        boolean dropName;
        if (inner instanceof VectorSelector vs && vs.mode() == SelectorMode.DEFAULT) {
            rollup(vs, RollupSpec.INSTANT, new double[0], 0, grid, agg, fold, true);
            dropName = false;
        } else if (inner instanceof Call c && c.args().size() == 1
                && RangeFunctions.kernel(c.function().name()) != null
                && FunctionEvaluator.unwrap(c.args().get(0)) instanceof MatrixSelector ms
                && ms.selector().mode() == SelectorMode.DEFAULT) {
            String name = c.function().name();
            rollup(ms.selector(), name, new double[0], millis(ms), grid, agg, fold, true);
            dropName = !RangeFunctions.keepsName(name);
            for (String metric : names) {
                counterCheck.check(c, metric);
            }
        } else {
            return null;
        }
        // Sorted by labels: the groups were first met in the order the shards finished, which
        // varies from run to run, and what follows (topk's ties, say) must not.
        List<StepSeries> out = groups.result(dropName);
        out.sort(Comparator.comparing(series -> series.labels));
        return new StepVector(out);
    }

    /** Told of each metric name a pushed-down range function read. */
    interface CounterCheck {
        void check(Call rangeFunction, String metricName);
    }

    private static boolean splittable(AggregateExpr a) {
        return switch (a.op()) {
            case SUM, MIN, MAX, COUNT, GROUP -> true;
            default -> false;
        };
    }

    private List<StepRows> rollup(VectorSelector vs, String function, double[] args,
            long rangeMs, EvalGrid grid, RollupSpec.Aggregation agg) {
        List<StepRows> parts = new ArrayList<>();
        // All at once, in shard order: the rows' order is the result's series order.
        rollup(vs, function, args, rangeMs, grid, agg, parts::add, false);
        return parts;
    }

    /**
     * Rolls {@code vs} up on the shards, handing each shard's part to {@code eachPart} (one call
     * at a time), then applies the series and sample limits. With {@code asShardsFinish} the
     * parts come in the order the shards finish, possibly on reading threads; otherwise in
     * shard order on this thread once all are read.
     */
    private void rollup(VectorSelector vs, String function, double[] args, long rangeMs,
            EvalGrid grid, RollupSpec.Aggregation agg, Consumer<StepRows> eachPart,
            boolean asShardsFinish) {
        int n = grid.count();
        if (n == 0) {
            return;
        }
        long offset = selectors.millis(vs.offset());
        long[] ref = selectors.referenceTimes(vs.at(), offset, grid);
        long lookback = ctx.options.lookbackDeltaMs();
        RollupSpec spec = new RollupSpec(function, args, ref[0], vs.at() != null ? 0 : grid.step(),
                grid.start(), grid.step(), n, rangeMs, lookback, agg);
        long minT = ref[0] - (function.equals(RollupSpec.INSTANT) ? lookback : rangeMs) + 1;
        ctx.deadline.check();
        int maxSeries = ctx.options.maxSeries();
        // Totals of the parts: written by the (serialised) part calls, read after the call.
        long[] seriesAndSamples = new long[2];
        Consumer<StepRows> counted = part -> {
            seriesAndSamples[0] += part.series();
            seriesAndSamples[1] += part.samples();
            eachPart.accept(part);
        };
        RollupSource source = (RollupSource) ctx.source;
        if (asShardsFinish) {
            source.rollupInto(ctx.tenant, vs.matchers(), minT, ref[n - 1], maxSeries, spec,
                    counted);
        } else {
            source.rollup(ctx.tenant, vs.matchers(), minT, ref[n - 1], maxSeries, spec)
                    .forEach(counted);
        }
        if (seriesAndSamples[0] > maxSeries) {
            throw new SeriesLimitExceededException(maxSeries);
        }
        ctx.addSamples(seriesAndSamples[1]);
    }

    private static List<StepSeries> rows(List<StepRows> parts, int steps, boolean dropName) {
        int total = 0;
        for (StepRows p : parts) {
            total += p.rows();
        }
        List<StepSeries> out = new ArrayList<>(total);
        for (StepRows p : parts) {
            double[] v = p.values();
            for (int row = 0; row < p.rows(); row++) {
                StepSeries s = new StepSeries(p.labels().get(row),
                        Arrays.copyOfRange(v, row * steps, row * steps + steps),
                        new boolean[steps]);
                for (int i = 0; i < steps; i++) {
                    s.present[i] = p.present(row, i);
                }
                s.dropName = dropName;
                out.add(s);
            }
        }
        return out;
    }

    /** The arguments as one value each, or null when some argument changes over the steps. */
    private static double[] constantArgs(double[][] args) {
        double[] out = new double[args.length];
        int count = 0;
        for (double[] a : args) {
            if (a == null || a.length == 0) {
                continue;
            }
            for (double x : a) {
                if (Double.doubleToLongBits(x) != Double.doubleToLongBits(a[0])) {
                    return null;
                }
            }
            out[count++] = a[0];
        }
        return Arrays.copyOf(out, count);
    }

    private long millis(MatrixSelector ms) {
        return selectors.millis(ms.range());
    }
}
