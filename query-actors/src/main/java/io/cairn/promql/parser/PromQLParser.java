package io.cairn.promql.parser;

import io.cairn.promql.ast.Expr;

/**
 * Parses PromQL (Prometheus 3.x, experimental syntax enabled) into an {@link Expr} tree,
 * type-checked the way Prometheus's parser checks it. Stateless and thread-safe.
 */
public final class PromQLParser {
    private PromQLParser() {
    }

    /**
     * @throws ParseException naming position and problem when the query is not valid PromQL
     */
    public static Expr parse(String query) {
        throw new UnsupportedOperationException("parser not implemented yet");
    }
}
