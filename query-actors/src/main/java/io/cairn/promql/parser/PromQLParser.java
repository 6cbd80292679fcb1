package io.cairn.promql.parser;

import io.cairn.promql.ast.Expr;

/**
 * Parses PromQL as Prometheus 3.x does with every experimental parser option on (experimental
 * functions, duration expressions, {@code anchored}/{@code smoothed}, {@code fill()}
 * modifiers), and applies Prometheus's static type checks, so every returned tree is
 * well-typed. Error messages follow Prometheus's wording. Stateless and thread-safe.
 */
public final class PromQLParser {
    private PromQLParser() {
    }

    /**
     * Parses one expression.
     *
     * @throws ParseException naming position and problem when the query is not valid PromQL,
     *     e.g. {@code 1:8: parse error: unclosed left parenthesis}
     */
    public static Expr parse(String query) {
        if (query == null) {
            throw new IllegalArgumentException("query is null");
        }
        return new ExprParser(new TokenStream(query)).parseQuery();
    }
}
