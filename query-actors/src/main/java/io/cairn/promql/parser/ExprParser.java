package io.cairn.promql.parser;

import io.cairn.promql.ast.AggregateOp;
import io.cairn.promql.ast.AtModifier;
import io.cairn.promql.ast.BinaryOp;
import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.DurationExpr;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.Functions;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.NumberLiteral;
import io.cairn.promql.ast.ParenExpr;
import io.cairn.promql.ast.PosRange;
import io.cairn.promql.ast.SelectorMode;
import io.cairn.promql.ast.StringLiteral;
import io.cairn.promql.ast.SubqueryExpr;
import io.cairn.promql.ast.UnaryExpr;
import io.cairn.promql.ast.VectorMatching;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.promql.parser.Token.Kind;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for PromQL expressions with precedence climbing for binary
 * operators. Postfix modifiers ({@code [range]}, {@code [range:step]}, {@code offset},
 * {@code @}, {@code anchored}, {@code smoothed}) bind tighter than any operator; unary signs
 * bind more loosely than {@code ^} only. Single use, not thread-safe.
 */
final class ExprParser {
    /** Words that can never start an operand (Prometheus lexes them as non-metric keywords). */
    private static final Set<String> NOT_AN_OPERAND = Set.of(
            "bool", "on", "ignoring", "group_left", "group_right", "atan2");

    private final TokenStream ts;
    private final DurationParser durations;
    private final TypeChecks checks;

    ExprParser(TokenStream ts) {
        this.ts = ts;
        this.durations = new DurationParser(ts);
        this.checks = new TypeChecks(ts);
    }

    /** The whole query: one expression followed by the end of input. */
    Expr parseQuery() {
        if (ts.peek().is(Kind.EOF)) {
            throw ts.error(PosRange.NONE, "no expression found in input");
        }
        Expr e = parseExpr(1);
        if (!ts.peek().is(Kind.EOF)) {
            throw ts.unexpected("", "");
        }
        SelectorChecks.check(ts, e);
        return e;
    }

    private Expr parseExpr(int minPrec) {
        Expr lhs = parseUnary();
        while (true) {
            Token t = ts.peek();
            BinaryOp op = binaryOp(t);
            if (op == null || op.precedence() < minPrec) {
                return lhs;
            }
            ts.next();
            TypeChecks.BinModifiers mods = parseBinModifiers();
            Expr rhs = parseExpr(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = checks.binary(op, t, lhs, rhs, mods);
        }
    }

    private static BinaryOp binaryOp(Token t) {
        return switch (t.kind()) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            case EQLC -> BinaryOp.EQL;
            case NEQ -> BinaryOp.NEQ;
            case LSS -> BinaryOp.LSS;
            case LTE -> BinaryOp.LTE;
            case GTR -> BinaryOp.GTR;
            case GTE -> BinaryOp.GTE;
            case TRIM_UPPER -> BinaryOp.TRIM_UPPER;
            case TRIM_LOWER -> BinaryOp.TRIM_LOWER;
            case IDENTIFIER -> {
                String w = t.text().toLowerCase(Locale.ROOT);
                yield switch (w) {
                    case "and" -> BinaryOp.AND;
                    case "or" -> BinaryOp.OR;
                    case "unless" -> BinaryOp.UNLESS;
                    case "atan2" -> BinaryOp.ATAN2;
                    default -> null;
                };
            }
            default -> null;
        };
    }

    private TypeChecks.BinModifiers parseBinModifiers() {
        boolean returnBool = false;
        if (ts.peek().isWord("bool")) {
            ts.next();
            returnBool = true;
        }
        boolean hasOnOrIgnoring = false;
        boolean on = false;
        List<String> matching = List.of();
        if (ts.peek().isWord("on") || ts.peek().isWord("ignoring")) {
            on = ts.next().isWord("on");
            hasOnOrIgnoring = true;
            matching = parseGroupingLabels();
        }
        VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (hasOnOrIgnoring && (ts.peek().isWord("group_left") || ts.peek().isWord("group_right"))) {
            card = ts.next().isWord("group_left")
                    ? VectorMatching.Cardinality.MANY_TO_ONE
                    : VectorMatching.Cardinality.ONE_TO_MANY;
            if (ts.peek().is(Kind.LEFT_PAREN)) {
                include = parseGroupingLabels();
            }
        }
        Double fillLeft = null;
        Double fillRight = null;
        boolean fillSeen = false;
        while (isFillModifier(ts.peek()) && ts.peek(1).is(Kind.LEFT_PAREN)) {
            Token kw = ts.next();
            ts.next();
            double v = parseSignedNumber("fill modifier", "number");
            ts.expect(Kind.RIGHT_PAREN, "fill modifier", "\")\"");
            String w = kw.text().toLowerCase(Locale.ROOT);
            boolean left = !w.equals("fill_right");
            boolean right = !w.equals("fill_left");
            if ((left && fillLeft != null) || (right && fillRight != null) || (fillSeen && w.equals("fill"))) {
                throw ts.error(kw, "fill modifier may not be set multiple times");
            }
            fillSeen = true;
            if (left) {
                fillLeft = v;
            }
            if (right) {
                fillRight = v;
            }
        }
        return new TypeChecks.BinModifiers(returnBool, hasOnOrIgnoring, on, matching, card, include, fillLeft,
                fillRight);
    }

    private static boolean isFillModifier(Token t) {
        return t.isWord("fill") || t.isWord("fill_left") || t.isWord("fill_right");
    }

    private double parseSignedNumber(String context, String expected) {
        Token t = ts.peek();
        double sign = 1;
        if (t.is(Kind.ADD) || t.is(Kind.SUB)) {
            sign = t.is(Kind.SUB) ? -1 : 1;
            ts.next();
            t = ts.peek();
        }
        if (t.is(Kind.NUMBER) || t.isWord("inf") || t.isWord("nan")) {
            ts.next();
            return sign * Literals.number(t.text());
        }
        if (t.is(Kind.DURATION)) {
            ts.next();
            return sign * durationSeconds(t);
        }
        throw ts.unexpected(context, expected);
    }

    private double durationSeconds(Token t) {
        try {
            return Literals.durationSeconds(t.text());
        } catch (IllegalArgumentException e) {
            throw ts.error(t, e.getMessage());
        }
    }

    private Expr parseUnary() {
        Token t = ts.peek();
        if (t.is(Kind.ADD) || t.is(Kind.SUB)) {
            ts.next();
            Expr operand = parseExpr(BinaryOp.POW.precedence());
            boolean minus = t.is(Kind.SUB);
            if (operand instanceof NumberLiteral n) {
                // Prometheus folds signs into number literals: -1 is a literal, not a negation.
                return new NumberLiteral(minus ? -n.value() : n.value(), new PosRange(t.start(), n.pos().end()));
            }
            return checks.unary(minus ? UnaryExpr.Op.MINUS : UnaryExpr.Op.PLUS, t, operand);
        }
        return parsePostfix(parsePrimary());
    }

    private Expr parsePrimary() {
        Token t = ts.peek();
        switch (t.kind()) {
            case NUMBER:
                ts.next();
                return new NumberLiteral(Literals.number(t.text()), range(t));
            case DURATION:
                ts.next();
                return new NumberLiteral(durationSeconds(t), range(t));
            case STRING:
                ts.next();
                return new StringLiteral(t.text(), range(t));
            case LEFT_PAREN: {
                ts.next();
                Expr inner = parseExpr(1);
                Token close = ts.expect(Kind.RIGHT_PAREN, "", "");
                return new ParenExpr(inner, new PosRange(t.start(), close.end()));
            }
            case LEFT_BRACE:
                return parseSelector(null);
            case IDENTIFIER:
                return parseIdentifierStart(t);
            default:
                throw ts.unexpected("", "");
        }
    }

    private Expr parseIdentifierStart(Token t) {
        String word = t.text().toLowerCase(Locale.ROOT);
        if (word.equals("inf") || word.equals("nan")) {
            ts.next();
            return new NumberLiteral(Literals.number(word), range(t));
        }
        AggregateOp agg = AggregateOp.fromKeyword(word);
        Token after = ts.peek(1);
        if (agg != null && (after.is(Kind.LEFT_PAREN) || after.isWord("by") || after.isWord("without"))) {
            return parseAggregate(agg);
        }
        if (NOT_AN_OPERAND.contains(word)) {
            throw ts.unexpected("", "");
        }
        if (agg == null && after.is(Kind.LEFT_PAREN)) {
            return parseCall();
        }
        ts.next();
        return parseSelector(t);
    }

    private Expr parseAggregate(AggregateOp op) {
        Token opTok = ts.next();
        List<String> grouping = null;
        boolean without = false;
        if (ts.peek().isWord("by") || ts.peek().isWord("without")) {
            without = ts.next().isWord("without");
            grouping = parseGroupingLabels();
        }
        if (!ts.peek().is(Kind.LEFT_PAREN)) {
            throw ts.unexpected("aggregation", "");
        }
        List<Expr> args = parseCallArgs();
        int end = ts.lastEnd();
        if (grouping == null && (ts.peek().isWord("by") || ts.peek().isWord("without"))) {
            without = ts.next().isWord("without");
            grouping = parseGroupingLabels();
            end = ts.lastEnd();
        }
        return checks.aggregate(op, opTok, args, grouping == null ? List.of() : grouping, without, end);
    }

    private Call parseCall() {
        Token name = ts.next();
        List<Expr> args = parseCallArgs();
        return checks.call(name, Functions.get(name.text()), args, ts.lastEnd());
    }

    /** {@code ( [expr {, expr}] )}; a trailing comma is an error, as in Prometheus. */
    private List<Expr> parseCallArgs() {
        ts.expect(Kind.LEFT_PAREN, "", "\"(\"");
        List<Expr> args = new ArrayList<>();
        if (ts.peek().is(Kind.RIGHT_PAREN)) {
            ts.next();
            return args;
        }
        while (true) {
            args.add(parseExpr(1));
            Token t = ts.peek();
            if (t.is(Kind.COMMA)) {
                ts.next();
                if (ts.peek().is(Kind.RIGHT_PAREN)) {
                    throw ts.error(t, "trailing commas not allowed in function call args");
                }
            } else if (t.is(Kind.RIGHT_PAREN)) {
                ts.next();
                return args;
            } else {
                throw ts.unexpected("", "");
            }
        }
    }

    /** {@code ( label, ... )} after by/without/on/ignoring/group_x; a trailing comma is allowed. */
    private List<String> parseGroupingLabels() {
        if (!ts.peek().is(Kind.LEFT_PAREN)) {
            throw ts.unexpected("grouping opts", "\"(\"");
        }
        ts.next();
        List<String> labels = new ArrayList<>();
        if (ts.peek().is(Kind.RIGHT_PAREN)) {
            ts.next();
            return List.copyOf(labels);
        }
        while (true) {
            Token t = ts.peek();
            if (t.is(Kind.IDENTIFIER) && !t.isWord("inf") && !t.isWord("nan")) {
                labels.add(t.text());
            } else if (t.is(Kind.STRING)) {
                if (t.text().isEmpty() || !GoStrings.isValidUtf8(t.text())) {
                    throw ts.error(t, "invalid label name for grouping: " + GoStrings.quote(t.text()));
                }
                labels.add(t.text());
            } else {
                throw ts.unexpected("grouping opts", "label");
            }
            ts.next();
            Token sep = ts.peek();
            if (sep.is(Kind.COMMA)) {
                ts.next();
                if (ts.peek().is(Kind.RIGHT_PAREN)) {
                    ts.next();
                    return List.copyOf(labels);
                }
            } else if (sep.is(Kind.RIGHT_PAREN)) {
                ts.next();
                return List.copyOf(labels);
            } else {
                throw ts.unexpected("grouping opts", "\",\" or \")\"");
            }
        }
    }

    /** A selector after an optional metric-name token: {@code name}, {@code name{...}} or {@code {...}}. */
    private VectorSelector parseSelector(Token nameTok) {
        String name = nameTok == null ? null : nameTok.text();
        int start = nameTok == null ? ts.peek().start() : nameTok.start();
        int end = nameTok == null ? start : nameTok.end();
        List<LabelMatcher> matchers = new ArrayList<>();
        String quotedName = null;
        Token quotedNameTok = null;
        if (ts.peek().is(Kind.LEFT_BRACE)) {
            ts.next();
            while (!ts.peek().is(Kind.RIGHT_BRACE)) {
                Token t = ts.peek();
                if (t.is(Kind.STRING) && !isMatchOp(ts.peek(1))) {
                    ts.next();
                    if (quotedName != null || name != null) {
                        String first = name != null ? name : quotedName;
                        throw ts.error(t, "metric name must not be set twice: " + GoStrings.quote(first)
                                + " or " + GoStrings.quote(t.text()));
                    }
                    quotedName = t.text();
                    quotedNameTok = t;
                } else {
                    matchers.add(parseMatcher());
                }
                Token sep = ts.peek();
                if (sep.is(Kind.COMMA)) {
                    ts.next();
                } else if (!sep.is(Kind.RIGHT_BRACE)) {
                    throw ts.unexpected("label matching", "\",\" or \"}\"");
                }
            }
            end = ts.next().end();
        }
        String metricName = name != null ? name : quotedName;
        List<LabelMatcher> all = new ArrayList<>(matchers.size() + 1);
        if (metricName != null) {
            for (LabelMatcher m : matchers) {
                if (m.name().equals(Labels.METRIC_NAME)) {
                    throw ts.error(new PosRange(start, end), "metric name must not be set twice: "
                            + GoStrings.quote(metricName) + " or " + GoStrings.quote(m.value()));
                }
            }
            all.add(newMatcher(LabelMatcher.Type.EQ, Labels.METRIC_NAME, metricName,
                    nameTok != null ? nameTok : quotedNameTok));
        }
        all.addAll(matchers);
        return new VectorSelector(metricName, all, DurationExpr.ZERO, null, SelectorMode.DEFAULT,
                new PosRange(start, end));
    }

    private static boolean isMatchOp(Token t) {
        return t.is(Kind.EQL) || t.is(Kind.NEQ) || t.is(Kind.EQL_REGEX) || t.is(Kind.NEQ_REGEX);
    }

    private LabelMatcher parseMatcher() {
        Token label = ts.peek();
        if (!label.is(Kind.IDENTIFIER) && !label.is(Kind.STRING)) {
            throw ts.unexpected("label matching", "identifier or \"}\"");
        }
        ts.next();
        Token op = ts.peek();
        if (!isMatchOp(op)) {
            throw ts.unexpected("label matching", "label matching operator");
        }
        ts.next();
        Token value = ts.peek();
        if (!value.is(Kind.STRING)) {
            throw ts.unexpected("label matching", "string");
        }
        ts.next();
        LabelMatcher.Type type = switch (op.kind()) {
            case EQL -> LabelMatcher.Type.EQ;
            case NEQ -> LabelMatcher.Type.NEQ;
            case EQL_REGEX -> LabelMatcher.Type.RE;
            default -> LabelMatcher.Type.NRE;
        };
        return newMatcher(type, label.text(), value.text(), label);
    }

    private LabelMatcher newMatcher(LabelMatcher.Type type, String name, String value, Token where) {
        try {
            return LabelMatcher.of(type, name, value);
        } catch (IllegalArgumentException e) {
            throw ts.error(where, e.getMessage());
        }
    }

    private Expr parsePostfix(Expr e) {
        while (true) {
            Token t = ts.peek();
            if (t.is(Kind.LEFT_BRACKET)) {
                e = parseRangeOrSubquery(e);
            } else if (t.isWord("offset")) {
                ts.next();
                e = withOffset(e, durations.parseOffset());
            } else if (t.is(Kind.AT)) {
                ts.next();
                e = withAt(e, parseAtModifier());
            } else if (t.isWord("anchored") || t.isWord("smoothed")) {
                ts.next();
                e = withMode(e, t.isWord("anchored") ? SelectorMode.ANCHORED : SelectorMode.SMOOTHED, t);
            } else {
                return e;
            }
        }
    }

    private Expr parseRangeOrSubquery(Expr e) {
        Token open = ts.next();
        if (ts.peek().is(Kind.RIGHT_BRACKET) || ts.peek().is(Kind.COLON) || ts.peek().is(Kind.EOF)) {
            throw ts.unexpected("subquery or range selector", "number, duration, step(), or range()");
        }
        DurationExpr range = positive(durations.parseExpr("subquery or range selector"), open);
        Token t = ts.peek();
        if (t.is(Kind.RIGHT_BRACKET)) {
            ts.next();
            PosRange brackets = new PosRange(open.start(), t.end());
            if (!(e instanceof VectorSelector vs)) {
                throw ts.error(brackets, "ranges only allowed for vector selectors");
            }
            if (!vs.offset().equals(DurationExpr.ZERO)) {
                throw ts.error(brackets, "no offset modifiers allowed before range");
            }
            if (vs.at() != null) {
                throw ts.error(brackets, "no @ modifiers allowed before range");
            }
            return new MatrixSelector(vs, range, new PosRange(vs.pos().start(), t.end()));
        }
        if (!t.is(Kind.COLON)) {
            throw ts.unexpected("subquery or range", "\":\" or \"]\"");
        }
        ts.next();
        DurationExpr step = null;
        if (!ts.peek().is(Kind.RIGHT_BRACKET)) {
            Token stepStart = ts.peek();
            if (stepStart.is(Kind.EOF)) {
                throw ts.unexpected("subquery selector", "number, duration, step(), range(), or \"]\"");
            }
            step = positive(durations.parseExpr("subquery selector"), stepStart);
        }
        Token close = ts.expect(Kind.RIGHT_BRACKET, "subquery selector", "\"]\"");
        return checks.subquery(new SubqueryExpr(e, range, step, DurationExpr.ZERO, null,
                new PosRange(e.pos().start(), close.end())));
    }

    /** Ranges and steps written as plain literals must be positive (computed ones are checked at evaluation). */
    private DurationExpr positive(DurationExpr d, Token where) {
        if (d instanceof DurationExpr.Literal l && !(l.value() > 0)) {
            throw ts.error(new PosRange(where.start(), ts.lastEnd()), "duration must be greater than 0");
        }
        return d;
    }

    private AtModifier parseAtModifier() {
        Token t = ts.peek();
        if ((t.isWord("start") || t.isWord("end")) && ts.peek(1).is(Kind.LEFT_PAREN)) {
            ts.next();
            ts.next();
            ts.expect(Kind.RIGHT_PAREN, "@", "\")\"");
            return t.isWord("start") ? AtModifier.START : AtModifier.END;
        }
        double seconds = parseSignedNumber("@", "timestamp");
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)
                || seconds >= Long.MAX_VALUE / 1000.0 || seconds <= Long.MIN_VALUE / 1000.0) {
            throw ts.error(new PosRange(t.start(), ts.lastEnd()),
                    "timestamp out of bounds for @ modifier: " + goFloatF(seconds));
        }
        return AtModifier.at(Math.round(seconds * 1000));
    }

    /** Go's {@code %f}. */
    private static String goFloatF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return new java.math.BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private Expr withOffset(Expr e, DurationExpr offset) {
        int end = ts.lastEnd();
        if (e instanceof VectorSelector vs) {
            checkOffsetUnset(vs.offset(), e);
            return vs.withOffset(offset).withPos(extend(vs.pos(), end));
        } else if (e instanceof MatrixSelector m) {
            checkOffsetUnset(m.selector().offset(), e);
            return new MatrixSelector(m.selector().withOffset(offset), m.range(), extend(m.pos(), end));
        } else if (e instanceof SubqueryExpr s) {
            checkOffsetUnset(s.offset(), e);
            return new SubqueryExpr(s.expr(), s.range(), s.step(), offset, s.at(), extend(s.pos(), end));
        }
        throw ts.error(e.pos(),
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private void checkOffsetUnset(DurationExpr current, Expr e) {
        if (!current.equals(DurationExpr.ZERO)) {
            throw ts.error(e.pos(), "offset may not be set multiple times");
        }
    }

    private Expr withAt(Expr e, AtModifier at) {
        int end = ts.lastEnd();
        AtModifier current;
        Expr updated;
        if (e instanceof VectorSelector vs) {
            current = vs.at();
            updated = vs.withAt(at).withPos(extend(vs.pos(), end));
        } else if (e instanceof MatrixSelector m) {
            current = m.selector().at();
            updated = new MatrixSelector(m.selector().withAt(at), m.range(), extend(m.pos(), end));
        } else if (e instanceof SubqueryExpr s) {
            current = s.at();
            updated = new SubqueryExpr(s.expr(), s.range(), s.step(), s.offset(), at, extend(s.pos(), end));
        } else {
            throw ts.error(e.pos(),
                    "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        }
        if (current != null) {
            throw ts.error(e.pos(), "@ <timestamp> may not be set multiple times");
        }
        return updated;
    }

    private Expr withMode(Expr e, SelectorMode mode, Token kw) {
        int end = ts.lastEnd();
        VectorSelector vs;
        if (e instanceof VectorSelector v) {
            vs = v;
        } else if (e instanceof MatrixSelector m) {
            vs = m.selector();
        } else {
            throw ts.error(kw, mode.keyword()
                    + " modifier must be preceded by an instant vector selector or range vector selector");
        }
        if (vs.mode() != SelectorMode.DEFAULT) {
            throw ts.error(kw, vs.mode() == mode
                    ? mode.keyword() + " modifier may not be set multiple times"
                    : "anchored and smoothed modifiers cannot be used together");
        }
        if (e instanceof MatrixSelector m) {
            return new MatrixSelector(vs.withMode(mode), m.range(), extend(m.pos(), end));
        }
        return vs.withMode(mode).withPos(extend(vs.pos(), end));
    }

    private static PosRange extend(PosRange p, int end) {
        return new PosRange(p.start(), Math.max(p.end(), end));
    }

    private static PosRange range(Token t) {
        return new PosRange(t.start(), t.end());
    }
}
