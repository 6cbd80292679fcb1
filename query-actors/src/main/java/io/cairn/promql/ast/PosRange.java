package io.cairn.promql.ast;

import java.nio.charset.StandardCharsets;

/**
 * Where a node sits in the query text: {@code start} inclusive, {@code end} exclusive, both
 * UTF-16 char offsets into the string given to the parser. Nodes built by code rather than
 * parsed use {@link #NONE}.
 *
 * <p>Positions take part in record equality; compare trees with
 * {@link Exprs#withoutPositions(Expr)} when only the structure matters.
 */
public record PosRange(int start, int end) {
    public static final PosRange NONE = new PosRange(0, 0);

    public PosRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad position range " + start + ".." + end);
        }
    }

    /** The smallest range covering both. */
    public PosRange union(PosRange other) {
        return new PosRange(Math.min(start, other.start), Math.max(end, other.end));
    }

    /**
     * The start as Prometheus reports it in annotations and errors: {@code line:column}, both
     * 1-based, the column counted in UTF-8 bytes from the start of the line.
     */
    public String startLineCol(String query) {
        return lineCol(query, start);
    }

    /** {@code line:column} (1-based, column in UTF-8 bytes) of a char offset in a query. */
    public static String lineCol(String query, int offset) {
        int off = Math.min(Math.max(offset, 0), query.length());
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < off; i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int col = query.substring(lineStart, off).getBytes(StandardCharsets.UTF_8).length + 1;
        return line + ":" + col;
    }
}
