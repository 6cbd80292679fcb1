package io.cairn.promql.parser;

import io.cairn.promql.ast.PosRange;

/**
 * A query the PromQL parser rejects. {@link #getMessage()} reads like Prometheus's:
 * {@code 1:10: parse error: unexpected end of input}; {@link #detail()} is the text after
 * {@code parse error: }, and {@link #position()} the offending range of the query.
 */
public final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient PosRange position;
    private final String detail;

    public ParseException(String query, PosRange position, String detail) {
        super(PosRange.lineCol(query, position.start()) + ": parse error: " + detail);
        this.position = position;
        this.detail = detail;
    }

    /** The offending part of the query (char offsets). */
    public PosRange position() {
        return position;
    }

    /** The message without the position prefix, e.g. {@code unclosed left parenthesis}. */
    public String detail() {
        return detail;
    }
}
