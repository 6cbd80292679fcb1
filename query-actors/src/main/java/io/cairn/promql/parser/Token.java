package io.cairn.promql.parser;

/**
 * One lexical token. {@code text} is the source text, except for {@link Kind#STRING} where it
 * is the unescaped value ({@code raw} keeps the source form for error messages).
 * {@code start} is inclusive and {@code end} exclusive (char offsets into the query).
 */
record Token(Kind kind, String text, String raw, int start, int end) {

    enum Kind {
        IDENTIFIER, NUMBER, DURATION, STRING,
        LEFT_PAREN("("), RIGHT_PAREN(")"), LEFT_BRACE("{"), RIGHT_BRACE("}"),
        LEFT_BRACKET("["), RIGHT_BRACKET("]"), COMMA(","), COLON(":"),
        EQL("="), AT("@"),
        EQLC("=="), NEQ("!="), EQL_REGEX("=~"), NEQ_REGEX("!~"),
        LSS("<"), LTE("<="), GTR(">"), GTE(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^"), TRIM_UPPER("</"), TRIM_LOWER(">/"),
        EOF;

        final String symbol;

        Kind() {
            this(null);
        }

        Kind(String symbol) {
            this.symbol = symbol;
        }

        boolean isOperator() {
            return ordinal() >= AT.ordinal() && ordinal() <= TRIM_LOWER.ordinal();
        }
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** Whether this is an identifier spelling the keyword, compared case-insensitively. */
    boolean isWord(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }
}
