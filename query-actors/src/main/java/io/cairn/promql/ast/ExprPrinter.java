package io.cairn.promql.ast;

import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import java.util.List;

/**
 * Prints expressions back to PromQL. The output parses to a tree equal to the input apart
 * from positions (parenthesised nodes are kept as {@link ParenExpr}, so no precedence-driven
 * parentheses are added for parsed trees). Stateless and thread-safe.
 */
public final class ExprPrinter {
    private ExprPrinter() {
    }

    public static String print(Expr e) {
        StringBuilder sb = new StringBuilder();
        append(sb, e);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Expr e) {
        if (e instanceof NumberLiteral n) {
            sb.append(formatNumber(n.value()));
        } else if (e instanceof StringLiteral s) {
            appendQuoted(sb, s.value());
        } else if (e instanceof VectorSelector v) {
            appendSelector(sb, v);
            appendModifiers(sb, v);
        } else if (e instanceof MatrixSelector m) {
            appendSelector(sb, m.selector());
            sb.append('[').append(formatDuration(m.range())).append(']');
            appendModifiers(sb, m.selector());
        } else if (e instanceof SubqueryExpr s) {
            append(sb, s.expr());
            sb.append('[').append(formatDuration(s.range())).append(':');
            if (s.step() != null) {
                sb.append(formatDuration(s.step()));
            }
            sb.append(']');
            appendAtAndOffset(sb, s.at(), s.offset());
        } else if (e instanceof ParenExpr p) {
            sb.append('(');
            append(sb, p.expr());
            sb.append(')');
        } else if (e instanceof UnaryExpr u) {
            sb.append(u.op().symbol());
            append(sb, u.expr());
        } else if (e instanceof BinaryExpr b) {
            appendBinary(sb, b);
        } else if (e instanceof AggregateExpr a) {
            appendAggregate(sb, a);
        } else if (e instanceof Call c) {
            sb.append(c.function().name()).append('(');
            appendArgs(sb, c.args());
            sb.append(')');
        } else {
            throw new IllegalStateException("BUG: unknown node " + e.getClass());
        }
    }

    private static void appendArgs(StringBuilder sb, List<Expr> args) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, args.get(i));
        }
    }

    private static void appendBinary(StringBuilder sb, BinaryExpr b) {
        appendOperand(sb, b.lhs(), b.op(), true);
        sb.append(' ').append(b.op().symbol());
        if (b.returnBool()) {
            sb.append(" bool");
        }
        VectorMatching m = b.matching();
        if (m != null) {
            boolean setOp = b.op().isSetOperator();
            if (m.on() || !m.matchingLabels().isEmpty()) {
                sb.append(m.on() ? " on" : " ignoring");
                appendLabelList(sb, m.matchingLabels());
            } else if (!setOp && (m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                    || m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY)) {
                sb.append(" ignoring()");
            }
            if (m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE) {
                sb.append(" group_left");
                appendLabelList(sb, m.include());
            } else if (m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY) {
                sb.append(" group_right");
                appendLabelList(sb, m.include());
            }
            appendFill(sb, m);
        }
        sb.append(' ');
        appendOperand(sb, b.rhs(), b.op(), false);
    }

    private static void appendFill(StringBuilder sb, VectorMatching m) {
        Double l = m.fillLeft();
        Double r = m.fillRight();
        if (l != null && r != null && Double.compare(l, r) == 0) {
            sb.append(" fill(").append(formatNumber(l)).append(')');
            return;
        }
        if (l != null) {
            sb.append(" fill_left(").append(formatNumber(l)).append(')');
        }
        if (r != null) {
            sb.append(" fill_right(").append(formatNumber(r)).append(')');
        }
    }

    /**
     * Operands of built trees may need parentheses to keep their grouping; parsed trees never
     * do because the parser keeps explicit ParenExpr nodes.
     */
    private static void appendOperand(StringBuilder sb, Expr operand, BinaryOp parent, boolean left) {
        boolean wrap = false;
        if (operand instanceof BinaryExpr child) {
            int cp = child.op().precedence();
            int pp = parent.precedence();
            wrap = cp < pp || (cp == pp && (left == parent.isRightAssociative()));
        } else if (operand instanceof UnaryExpr && parent == BinaryOp.POW && left) {
            wrap = true;
        }
        if (wrap) {
            sb.append('(');
            append(sb, operand);
            sb.append(')');
        } else {
            append(sb, operand);
        }
    }

    private static void appendAggregate(StringBuilder sb, AggregateExpr a) {
        sb.append(a.op().keyword());
        if (a.without() || !a.grouping().isEmpty()) {
            sb.append(a.without() ? " without" : " by");
            appendLabelList(sb, a.grouping());
            sb.append(' ');
        }
        sb.append('(');
        if (a.param() != null) {
            append(sb, a.param());
            sb.append(", ");
        }
        append(sb, a.expr());
        sb.append(')');
    }

    private static void appendLabelList(StringBuilder sb, List<String> labels) {
        sb.append(" (");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendLabelName(sb, labels.get(i));
        }
        sb.append(')');
    }

    private static void appendSelector(StringBuilder sb, VectorSelector v) {
        String name = v.metricName();
        boolean bareName = name != null && isMetricName(name);
        boolean nameMatcherSkipped = false;
        StringBuilder inner = new StringBuilder();
        if (name != null && !bareName) {
            appendQuoted(inner, name);
        }
        for (LabelMatcher m : v.matchers()) {
            if (name != null && !nameMatcherSkipped && m.type() == LabelMatcher.Type.EQ
                    && m.name().equals(Labels.METRIC_NAME) && m.value().equals(name)) {
                nameMatcherSkipped = true;
                continue;
            }
            if (inner.length() > 0) {
                inner.append(", ");
            }
            appendLabelName(inner, m.name());
            inner.append(m.type().symbol());
            appendQuoted(inner, m.value());
        }
        if (bareName) {
            sb.append(name);
        }
        if (!bareName || inner.length() > 0) {
            sb.append('{').append(inner).append('}');
        }
    }

    private static void appendModifiers(StringBuilder sb, VectorSelector v) {
        appendAtAndOffset(sb, v.at(), v.offset());
        if (v.mode() != SelectorMode.DEFAULT) {
            sb.append(' ').append(v.mode().keyword());
        }
    }

    private static void appendAtAndOffset(StringBuilder sb, AtModifier at, DurationExpr offset) {
        if (at != null) {
            sb.append(' ').append(at);
        }
        if (!offset.equals(DurationExpr.ZERO)) {
            sb.append(" offset ").append(formatOffset(offset));
        }
    }

    /** A duration as it may follow {@code offset}: sign plus atom, or parenthesised. */
    private static String formatOffset(DurationExpr d) {
        if (d instanceof DurationExpr.Binary) {
            return "(" + formatDuration(d) + ")";
        }
        return formatDuration(d);
    }

    /** A duration in PromQL syntax, e.g. {@code 1h30m}, {@code step() * 2}. */
    public static String formatDuration(DurationExpr d) {
        if (d instanceof DurationExpr.Literal l) {
            return formatDurationSeconds(l.value());
        } else if (d instanceof DurationExpr.Unary u) {
            String inner = formatDuration(u.operand());
            if (u.operand() instanceof DurationExpr.Binary) {
                inner = "(" + inner + ")";
            }
            return (u.negate() ? "-" : "+") + inner;
        } else if (d instanceof DurationExpr.Binary b) {
            // A literal factor, divisor or exponent reads better as a plain number: step() * 2.
            boolean plainRhs = b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB
                    && b.rhs() instanceof DurationExpr.Literal;
            String rhs = plainRhs ? formatNumber(((DurationExpr.Literal) b.rhs()).value()) : wrapDuration(b.rhs());
            return wrapDuration(b.lhs()) + " " + b.op().symbol() + " " + rhs;
        } else if (d instanceof DurationExpr.MinMax mm) {
            return (mm.max() ? "max_of(" : "min_of(") + formatDuration(mm.a()) + ", " + formatDuration(mm.b()) + ")";
        }
        return d.toString();
    }

    private static String wrapDuration(DurationExpr d) {
        String s = formatDuration(d);
        return d instanceof DurationExpr.Binary || d instanceof DurationExpr.Unary ? "(" + s + ")" : s;
    }

    /**
     * Seconds as a duration literal when they are a whole number of milliseconds (e.g.
     * {@code 1h30m}, {@code 1s500ms}), otherwise as a plain number of seconds.
     */
    static String formatDurationSeconds(double seconds) {
        double msD = seconds * 1000;
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || msD != Math.rint(msD)
                || Math.abs(msD) > 1e15) {
            return formatNumber(seconds);
        }
        long ms = (long) msD;
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        long[] unitMs = {365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600_000L, 60_000L, 1000L, 1L};
        String[] unit = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < unitMs.length; i++) {
            if (ms >= unitMs[i]) {
                sb.append(ms / unitMs[i]).append(unit[i]);
                ms %= unitMs[i];
            }
        }
        return sb.toString();
    }

    /** Epoch milliseconds as PromQL seconds for {@code @}, e.g. {@code 1.234}. */
    public static String formatSeconds(long ms) {
        if (ms % 1000 == 0) {
            return Long.toString(ms / 1000);
        }
        return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }

    /** A float the way PromQL's lexer reads it back exactly. */
    public static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
                return "-0";
            }
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * Words that cannot start an operand or that lex as numbers, so a metric of that name must
     * be written quoted inside braces.
     */
    private static final java.util.Set<String> RESERVED = java.util.Set.of(
            "bool", "on", "ignoring", "group_left", "group_right", "atan2", "inf", "nan");

    /** Whether a name can be written without quotes as a metric name. */
    public static boolean isMetricName(String s) {
        if (s.isEmpty() || RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether a name can be written without quotes as a label name. */
    public static boolean isLabelName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void appendLabelName(StringBuilder sb, String name) {
        if (isLabelName(name)) {
            sb.append(name);
        } else {
            appendQuoted(sb, name);
        }
    }

    /** A double-quoted PromQL string literal with Go-style escapes. */
    public static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c >= 0xDC80 && c <= 0xDCFF) {
                        // A raw byte that was not valid UTF-8, see GoStrings in the parser.
                        sb.append(String.format("\\x%02x", c - 0xDC00));
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
