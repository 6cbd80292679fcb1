package io.cairn.promql.eval;

import io.cairn.promql.ast.Call;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * sort, sort_desc, sort_by_label and sort_by_label_desc. Only instant-query output keeps the
 * order (range results are always sorted by labels). NaN sorts last for both value sorts;
 * label sorts compare values in natural order and fall back to the whole label set.
 */
final class Sorting {
    private Sorting() {}

    static StepVector sort(Call c, StepVector in, int n) {
        String name = c.function().name();
        List<StepSeries> out = new ArrayList<>(in.series());
        if (n != 1) {
            return new StepVector(out);
        }
        Comparator<StepSeries> cmp;
        switch (name) {
            case "sort" -> cmp = (a, b) -> byValue(a.values[0], b.values[0], false);
            case "sort_desc" -> cmp = (a, b) -> byValue(a.values[0], b.values[0], true);
            default -> {
                String[] labels = new String[c.args().size() - 1];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = FunctionEvaluator.stringArg(c, i + 1);
                }
                boolean desc = name.equals("sort_by_label_desc");
                cmp = (a, b) -> {
                    int r = byLabels(a, b, labels);
                    return desc ? -r : r;
                };
            }
        }
        out.sort(cmp);
        return new StepVector(out);
    }

    private static int byValue(double a, double b, boolean desc) {
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) {
            return an == bn ? 0 : an ? 1 : -1;
        }
        return desc ? Double.compare(b, a) : Double.compare(a, b);
    }

    private static int byLabels(StepSeries a, StepSeries b, String[] labels) {
        for (String l : labels) {
            String va = a.labels.get(l);
            String vb = b.labels.get(l);
            va = va == null ? "" : va;
            vb = vb == null ? "" : vb;
            if (va.equals(vb)) {
                continue;
            }
            return NaturalOrder.compare(va, vb);
        }
        return a.labels.compareTo(b.labels);
    }
}
