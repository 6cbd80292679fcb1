package io.cairn.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.Exprs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every eval query of the Prometheus conformance corpus must parse (a parse error would make
 * the whole script invalid in Prometheus too), and must print back to PromQL that parses to
 * the same tree.
 */
class CorpusParseTest {

    @Test
    void everyCorpusQueryParsesAndRoundTrips() {
        Path dir = PromQLCorpus.directory();
        Assumptions.assumeTrue(dir != null, "PromQL conformance corpus not found");
        List<PromQLCorpus.EvalQuery> queries = PromQLCorpus.evalQueries(dir);
        // 2,214 evals at the snapshot in NOTICE.md; guard against silently reading nothing.
        assertTrue(queries.size() >= 2000, "expected the whole corpus, got " + queries.size());
        List<String> failures = new ArrayList<>();
        for (PromQLCorpus.EvalQuery q : queries) {
            try {
                Expr e = PromQLParser.parse(q.query());
                String printed = e.toString();
                Expr again = PromQLParser.parse(printed);
                if (!Exprs.withoutPositions(e).equals(Exprs.withoutPositions(again))) {
                    failures.add(q + "\n    printed as: " + printed + " (different tree)");
                }
            } catch (RuntimeException ex) {
                failures.add(q + "\n    " + ex);
            }
        }
        System.out.println("PromQL corpus: " + queries.size() + " eval queries, "
                + (queries.size() - failures.size()) + " parsed and round-tripped");
        assertEquals(List.of(), failures, failures.size() + " of " + queries.size() + " queries failed");
    }
}
