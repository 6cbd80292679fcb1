package io.cairn.promql.parser;

import io.cairn.promql.ast.BinaryOp;
import io.cairn.promql.ast.DurationExpr;
import io.cairn.promql.parser.Token.Kind;

/**
 * Parses the durations of ranges, subquery steps and offsets, including Prometheus 3
 * duration expressions: {@code + - * / % ^} with the usual precedence, unary signs,
 * {@code step()}, {@code range()}, {@code min_of(a, b)}, {@code max_of(a, b)} and parentheses.
 * Bare numbers are seconds. Keywords are case-insensitive ({@code STEP()}).
 */
final class DurationParser {
    private static final String EXPECTED = "number, duration, step(), or range()";

    private final TokenStream ts;

    DurationParser(TokenStream ts) {
        this.ts = ts;
    }

    /** A full duration expression, as inside {@code [...]}. */
    DurationExpr parseExpr(String context) {
        return parseBinary(1, context);
    }

    /**
     * What may follow {@code offset}: an optional sign and one atom (number, duration,
     * step(), range(), min_of/max_of, or a parenthesised expression). Arithmetic after it
     * belongs to the enclosing expression: {@code foo offset 100 + 2} adds 2 to the selector.
     */
    DurationExpr parseOffset() {
        Token t = ts.peek();
        if (t.is(Kind.ADD) || t.is(Kind.SUB)) {
            ts.next();
            DurationExpr atom = parseAtom("offset");
            return t.is(Kind.SUB) ? negate(atom) : atom;
        }
        return parseAtom("offset");
    }

    private DurationExpr parseBinary(int minPrec, String context) {
        DurationExpr lhs = parseUnary(context);
        while (true) {
            Token t = ts.peek();
            BinaryOp op = arithmetic(t.kind());
            if (op == null || op.precedence() < minPrec) {
                return lhs;
            }
            ts.next();
            DurationExpr rhs = parseBinary(op.isRightAssociative() ? op.precedence() : op.precedence() + 1, context);
            if ((op == BinaryOp.DIV || op == BinaryOp.MOD) && rhs instanceof DurationExpr.Literal l && l.value() == 0) {
                throw ts.error(t, op == BinaryOp.DIV ? "division by zero" : "modulo by zero");
            }
            lhs = new DurationExpr.Binary(op, lhs, rhs);
        }
    }

    private DurationExpr parseUnary(String context) {
        Token t = ts.peek();
        if (t.is(Kind.ADD) || t.is(Kind.SUB)) {
            ts.next();
            // Like unary minus in expressions, the sign binds more loosely than ^ only.
            DurationExpr operand = parseBinary(BinaryOp.POW.precedence(), context);
            return t.is(Kind.SUB) ? negate(operand) : operand;
        }
        return parseAtom(context);
    }

    private static DurationExpr negate(DurationExpr d) {
        if (d instanceof DurationExpr.Literal l) {
            return new DurationExpr.Literal(-l.value());
        }
        return new DurationExpr.Unary(true, d);
    }

    private DurationExpr parseAtom(String context) {
        Token t = ts.peek();
        switch (t.kind()) {
            case NUMBER: {
                ts.next();
                return literal(t, Literals.number(t.text()));
            }
            case DURATION: {
                ts.next();
                try {
                    return literal(t, Literals.durationSeconds(t.text()));
                } catch (IllegalArgumentException e) {
                    throw ts.error(t, e.getMessage());
                }
            }
            case LEFT_PAREN: {
                ts.next();
                DurationExpr inner = parseExpr(context);
                ts.expect(Kind.RIGHT_PAREN, context, "\")\"");
                return inner;
            }
            case IDENTIFIER:
                if (ts.peek(1).is(Kind.LEFT_PAREN)) {
                    if (t.isWord("step") || t.isWord("range")) {
                        ts.next();
                        ts.next();
                        ts.expect(Kind.RIGHT_PAREN, context, "\")\"");
                        return t.isWord("step") ? new DurationExpr.Step() : new DurationExpr.Range();
                    }
                    if (t.isWord("min_of") || t.isWord("max_of")) {
                        ts.next();
                        ts.next();
                        DurationExpr a = parseExpr(context);
                        ts.expect(Kind.COMMA, context, "\",\"");
                        DurationExpr b = parseExpr(context);
                        ts.expect(Kind.RIGHT_PAREN, context, "\")\"");
                        return new DurationExpr.MinMax(t.isWord("max_of"), a, b);
                    }
                }
                if (t.isWord("inf") || t.isWord("nan")) {
                    ts.next();
                    return literal(t, Literals.number(t.text()));
                }
                throw ts.unexpected(context, EXPECTED);
            default:
                throw ts.unexpected(context, EXPECTED);
        }
    }

    private DurationExpr.Literal literal(Token t, double seconds) {
        if (!(Math.abs(seconds) <= Literals.MAX_DURATION_SECONDS)) {
            throw ts.error(t, "duration out of range");
        }
        return new DurationExpr.Literal(seconds);
    }

    private static BinaryOp arithmetic(Kind k) {
        return switch (k) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            default -> null;
        };
    }
}
