package io.cairn.promql.parser;

import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.Exprs;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.storage.model.LabelMatcher;
import java.util.List;

/**
 * Checks on the finished tree that need context: a selector must contain at least one
 * matcher that does not match the empty string (so a typo cannot select every series),
 * except the label selector argument of {@code info()}, which Prometheus exempts.
 */
final class SelectorChecks {
    private SelectorChecks() {
    }

    static void check(TokenStream ts, Expr e) {
        if (e instanceof VectorSelector vs) {
            checkSelector(ts, vs);
            return;
        }
        List<Expr> children = Exprs.children(e);
        boolean infoCall = e instanceof Call c && c.function().name().equals("info");
        for (int i = 0; i < children.size(); i++) {
            if (infoCall && i == 1 && children.get(i) instanceof VectorSelector) {
                continue;
            }
            check(ts, children.get(i));
        }
    }

    private static void checkSelector(TokenStream ts, VectorSelector vs) {
        if (vs.metricName() != null) {
            return;
        }
        for (LabelMatcher m : vs.matchers()) {
            if (!m.matchesEmpty()) {
                return;
            }
        }
        throw ts.error(vs.pos(), "vector selector must contain at least one non-empty matcher");
    }
}
