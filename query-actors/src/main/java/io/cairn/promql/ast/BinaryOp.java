package io.cairn.promql.ast;

/**
 * Binary operators with Prometheus precedence, lowest to highest: {@code or}; {@code and},
 * {@code unless}; comparisons; {@code + -}; {@code * / % atan2}; {@code ^} (right-associative).
 */
public enum BinaryOp {
    OR("or", 1),
    AND("and", 2),
    UNLESS("unless", 2),
    EQL("==", 3),
    NEQ("!=", 3),
    LTE("<=", 3),
    LSS("<", 3),
    GTE(">=", 3),
    GTR(">", 3),
    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5),
    ATAN2("atan2", 5),
    /** Native histograms: drop observations above the right-hand threshold. */
    TRIM_UPPER("</", 5),
    /** Native histograms: drop observations below the right-hand threshold. */
    TRIM_LOWER(">/", 5),
    POW("^", 6);

    /** Precedence of unary minus/plus: above multiplication, below {@code ^}. */
    public static final int UNARY_PRECEDENCE = 5;

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    /** The operator as written in PromQL. */
    public String symbol() {
        return symbol;
    }

    /** Higher binds tighter; 1 ({@code or}) to 6 ({@code ^}). */
    public int precedence() {
        return precedence;
    }

    public boolean isRightAssociative() {
        return this == POW;
    }

    /** {@code == != <= < >= >}: filters, or 0/1 with {@code bool}. */
    public boolean isComparison() {
        return precedence == 3;
    }

    /** {@code and or unless}: always many-to-many, only between instant vectors. */
    public boolean isSetOperator() {
        return this == AND || this == OR || this == UNLESS;
    }

    /** The operator for a symbol or keyword (keywords case-insensitive), or null. */
    public static BinaryOp fromSymbol(String s) {
        for (BinaryOp op : values()) {
            if (op.symbol.equalsIgnoreCase(s)) {
                return op;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
