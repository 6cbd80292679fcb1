package io.cairn.it.querybench;

import java.util.List;
import java.util.Locale;

/** Renders benchmark outcomes as a Markdown table (the format of docs/benchmarks.md). */
final class BenchReport {
    static final double GOAL_RATIO = 0.7;

    private BenchReport() {}

    static String table(List<QueryOutcome> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append("| query | window | series Cairn / VM | Cairn p50 ms | Cairn p90 ms | VM p50 ms | VM p90 ms "
                + "| Cairn/VM p50 | goal <= 0.7 | max rel. diff |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|:---:|---:|\n");
        for (QueryOutcome o : outcomes) {
            double ratio = o.ratio();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %.1f | %.1f | %.1f | %.1f | %.2f | %s | %s |%n",
                    o.query().name(), o.window().name(), count(o.cairnSeries()), count(o.vmSeries()),
                    o.cairn().medianMs(), o.cairn().p90Ms(), o.vm().medianMs(), o.vm().p90Ms(), ratio,
                    ratio <= GOAL_RATIO ? "yes" : "no", diff(o.maxRelDiff())));
        }
        return out.toString();
    }

    static String queries(List<BenchQuery> queries) {
        StringBuilder out = new StringBuilder();
        for (BenchQuery q : queries) {
            out.append("- `").append(q.name()).append("`: `").append(q.promql()).append("`\n");
        }
        return out.toString();
    }

    static String notes(List<QueryOutcome> outcomes) {
        StringBuilder out = new StringBuilder();
        for (QueryOutcome o : outcomes) {
            if (!o.note().isEmpty()) {
                out.append("- ").append(o.query().name()).append(" ").append(o.window().name()).append(": ")
                        .append(o.note()).append('\n');
            }
        }
        return out.toString();
    }

    private static String count(int n) {
        return n < 0 ? "error" : Integer.toString(n);
    }

    private static String diff(double d) {
        if (d == 0) {
            return "0";
        }
        return Double.isInfinite(d) ? "inf" : String.format(Locale.ROOT, "%.1e", d);
    }
}
