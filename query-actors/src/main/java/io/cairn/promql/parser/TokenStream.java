package io.cairn.promql.parser;

import io.cairn.promql.ast.AggregateOp;
import io.cairn.promql.ast.PosRange;
import io.cairn.promql.parser.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tokens of one query with arbitrary lookahead, plus the error helpers shared by the parsers.
 * Single use, not thread-safe.
 */
final class TokenStream {
    /** Keywords that Prometheus's lexer turns into keyword tokens, shown as {@code <by>}. */
    private static final Set<String> KEYWORDS = Set.of(
            "bool", "by", "group_left", "group_right", "ignoring", "offset", "on", "without",
            "anchored", "smoothed");
    private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "unless", "atan2");

    private final String query;
    private final Lexer lexer;
    private final List<Token> lookahead = new ArrayList<>();
    private Token last;

    TokenStream(String query) {
        this.query = query;
        this.lexer = new Lexer(query);
    }

    String query() {
        return query;
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        while (lookahead.size() <= ahead) {
            if (!lookahead.isEmpty() && lookahead.get(lookahead.size() - 1).is(Kind.EOF)) {
                return lookahead.get(lookahead.size() - 1);
            }
            lookahead.add(lexer.next());
        }
        return lookahead.get(ahead);
    }

    Token next() {
        Token t = peek();
        if (!t.is(Kind.EOF)) {
            lookahead.remove(0);
        }
        last = t;
        return t;
    }

    /** Consumes a token of the given kind or fails with {@code unexpected ...}. */
    Token expect(Kind kind, String context, String expected) {
        if (!peek().is(kind)) {
            throw unexpected(context, expected);
        }
        return next();
    }

    /** End offset of the last consumed token. */
    int lastEnd() {
        return last == null ? 0 : last.end();
    }

    ParseException error(PosRange where, String message) {
        return new ParseException(query, where, message);
    }

    ParseException error(Token where, String message) {
        return error(new PosRange(where.start(), where.end()), message);
    }

    /** Prometheus's {@code unexpected <token>[ in <context>][, expected <expected>]} for the next token. */
    ParseException unexpected(String context, String expected) {
        Token t = peek();
        StringBuilder sb = new StringBuilder("unexpected ").append(describe(t));
        if (!context.isEmpty()) {
            sb.append(" in ").append(context);
        }
        if (!expected.isEmpty()) {
            sb.append(", expected ").append(expected);
        }
        return error(t, sb.toString());
    }

    /** How Prometheus names a token in errors: {@code <op:+>}, {@code identifier "foo"}, ... */
    static String describe(Token t) {
        switch (t.kind()) {
            case EOF:
                return "end of input";
            case IDENTIFIER: {
                String lower = t.text().toLowerCase(Locale.ROOT);
                if (AggregateOp.fromKeyword(lower) != null) {
                    return "<aggr:" + t.text() + ">";
                }
                if (OPERATOR_WORDS.contains(lower)) {
                    return "<op:" + t.text() + ">";
                }
                if (KEYWORDS.contains(lower)) {
                    return "<" + t.text() + ">";
                }
                if (lower.equals("inf") || lower.equals("nan")) {
                    return "number " + quoteShort(t.text());
                }
                return (t.text().indexOf(':') >= 0 ? "metric identifier " : "identifier ")
                        + quoteShort(t.text());
            }
            case NUMBER:
                return "number " + quoteShort(t.text());
            case DURATION:
                return "duration " + quoteShort(t.text());
            case STRING:
                return "string " + quoteShort(t.raw());
            default:
                if (t.kind().isOperator()) {
                    return "<op:" + t.text() + ">";
                }
                return GoStrings.quote(t.text());
        }
    }

    /** Go's {@code %q}, shortened like Prometheus does for long token values. */
    private static String quoteShort(String s) {
        if (s.length() > 10) {
            return GoStrings.quote(s.substring(0, 10)) + "...";
        }
        return GoStrings.quote(s);
    }
}
