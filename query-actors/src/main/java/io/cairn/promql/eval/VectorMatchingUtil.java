package io.cairn.promql.eval;

import io.cairn.promql.ast.VectorMatching;
import io.cairn.storage.model.Labels;
import java.util.List;

/** Signatures and result label sets of vector matching, as Prometheus defines them. */
final class VectorMatchingUtil {
    private VectorMatchingUtil() {}

    /**
     * The match group of a series: with {@code on(...)} only those labels; otherwise all labels
     * but the listed ones and the metric name.
     */
    static Labels signature(Labels l, boolean on, List<String> names) {
        Labels.Builder b = new Labels.Builder();
        if (on) {
            for (String n : names) {
                String v = l.get(n);
                if (v != null) {
                    b.set(n, v);
                }
            }
            return b.build();
        }
        for (int i = 0; i < l.size(); i++) {
            String n = l.name(i);
            if (!n.equals(Labels.METRIC_NAME) && !names.contains(n)) {
                b.set(n, l.value(i));
            }
        }
        return b.build();
    }

    /**
     * The labels of an output sample built from the "many" side {@code many} and the "one" side
     * {@code one} (null when the one side was filled in): one-to-one matching keeps only the
     * {@code on} labels or drops the {@code ignoring} ones; {@code group_x(...)} labels are
     * copied from the one side.
     */
    static Labels resultLabels(Labels many, Labels one, VectorMatching m) {
        Labels.Builder b = many.toBuilder();
        if (m.cardinality() == VectorMatching.Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                Labels.Builder k = new Labels.Builder();
                for (String n : m.matchingLabels()) {
                    String v = many.get(n);
                    if (v != null) {
                        k.set(n, v);
                    }
                }
                b = k;
            } else {
                for (String n : m.matchingLabels()) {
                    b.delete(n);
                }
            }
        }
        for (String n : m.include()) {
            String v = one == null ? null : one.get(n);
            b.set(n, v);
        }
        return b.build();
    }
}
