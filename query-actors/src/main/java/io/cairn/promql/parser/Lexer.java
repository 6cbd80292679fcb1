package io.cairn.promql.parser;

import io.cairn.promql.ast.PosRange;
import io.cairn.promql.parser.Token.Kind;

/**
 * Splits a PromQL query into tokens on demand, so that an error earlier in the text is
 * reported before a lexical error later in it, as in Prometheus. It tracks parentheses,
 * braces and brackets: inside braces and brackets identifiers cannot contain colons (in
 * brackets a colon separates subquery range and step), and unbalanced delimiters are reported
 * with Prometheus's messages. Keywords are not distinguished here; the parser decides by
 * context. Single use, not thread-safe.
 */
final class Lexer {
    private final String input;
    private int pos;
    private int parenDepth;
    private boolean inBraces;
    private boolean inBrackets;
    private boolean eofSeen;

    Lexer(String input) {
        this.input = input;
    }

    Token next() {
        skipSpaceAndComments();
        int start = pos;
        if (pos >= input.length()) {
            if (!eofSeen) {
                eofSeen = true;
                if (inBraces) {
                    throw error(start, start, "unexpected end of input inside braces");
                }
                if (parenDepth > 0) {
                    throw error(start, start, "unclosed left parenthesis");
                }
                if (inBrackets) {
                    throw error(start, start, "unclosed left bracket");
                }
            }
            return new Token(Kind.EOF, "", "", start, start);
        }
        char c = input.charAt(pos);
        if (inBraces) {
            return lexInsideBraces(c, start);
        }
        switch (c) {
            case '(':
                parenDepth++;
                return single(Kind.LEFT_PAREN, start);
            case ')':
                if (parenDepth == 0) {
                    throw error(start, start + 1, "unexpected right parenthesis ')'");
                }
                parenDepth--;
                return single(Kind.RIGHT_PAREN, start);
            case '{':
                inBraces = true;
                return single(Kind.LEFT_BRACE, start);
            case '}':
                throw error(start, start + 1, "unexpected right brace '}'");
            case '[':
                if (inBrackets) {
                    throw error(start, start + 1, "unexpected left bracket '['");
                }
                inBrackets = true;
                return single(Kind.LEFT_BRACKET, start);
            case ']':
                if (!inBrackets) {
                    throw error(start, start + 1, "unexpected right bracket ']'");
                }
                inBrackets = false;
                return single(Kind.RIGHT_BRACKET, start);
            case ',':
                return single(Kind.COMMA, start);
            case '@':
                return single(Kind.AT, start);
            case '+':
                return single(Kind.ADD, start);
            case '-':
                return single(Kind.SUB, start);
            case '*':
                return single(Kind.MUL, start);
            case '/':
                return single(Kind.DIV, start);
            case '%':
                return single(Kind.MOD, start);
            case '^':
                return single(Kind.POW, start);
            case '=':
                if (peekAt(1) == '=') {
                    return token(Kind.EQLC, start, 2);
                }
                if (peekAt(1) == '~') {
                    return token(Kind.EQL_REGEX, start, 2);
                }
                return single(Kind.EQL, start);
            case '!':
                if (peekAt(1) == '=') {
                    return token(Kind.NEQ, start, 2);
                }
                throw error(start, start + 1, "unexpected character after '!': " + quoteChar(peekAt(1)));
            case '<':
                if (peekAt(1) == '/') {
                    return token(Kind.TRIM_UPPER, start, 2);
                }
                return peekAt(1) == '=' ? token(Kind.LTE, start, 2) : single(Kind.LSS, start);
            case '>':
                if (peekAt(1) == '/') {
                    return token(Kind.TRIM_LOWER, start, 2);
                }
                return peekAt(1) == '=' ? token(Kind.GTE, start, 2) : single(Kind.GTR, start);
            case '"':
            case '\'':
            case '`':
                return lexString(c, start);
            case ':':
                if (inBrackets) {
                    return single(Kind.COLON, start);
                }
                return lexIdentifier(start, true);
            default:
                break;
        }
        if (isDigit(c) || (c == '.' && isDigit(peekAt(1)))) {
            return lexNumberOrDuration(start);
        }
        if (isAlpha(c)) {
            return lexIdentifier(start, !inBrackets);
        }
        throw error(start, start + 1, "unexpected character: " + quoteChar(c));
    }

    private Token lexInsideBraces(char c, int start) {
        switch (c) {
            case ',':
                return single(Kind.COMMA, start);
            case '}':
                inBraces = false;
                return single(Kind.RIGHT_BRACE, start);
            case '{':
                throw error(start, start + 1, "unexpected left brace '{'");
            case '=':
                return peekAt(1) == '~' ? token(Kind.EQL_REGEX, start, 2) : single(Kind.EQL, start);
            case '!':
                if (peekAt(1) == '=') {
                    return token(Kind.NEQ, start, 2);
                }
                if (peekAt(1) == '~') {
                    return token(Kind.NEQ_REGEX, start, 2);
                }
                throw error(start, start + 1, "unexpected character inside braces: " + quoteChar(peekAt(1)));
            case '"':
            case '\'':
            case '`':
                return lexString(c, start);
            default:
                if (isAlpha(c)) {
                    return lexIdentifier(start, false);
                }
                throw error(start, start + 1, "unexpected character inside braces: " + quoteChar(c));
        }
    }

    private Token lexIdentifier(int start, boolean allowColon) {
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (isAlpha(c) || isDigit(c) || (allowColon && c == ':')) {
                pos++;
            } else {
                break;
            }
        }
        return new Token(Kind.IDENTIFIER, input.substring(start, pos), null, start, pos);
    }

    /**
     * A number (decimal, hexadecimal, with fraction and exponent) or a duration such as
     * {@code 1h30m}. Like Prometheus, an alphanumeric character right after a number turns
     * it into a duration attempt; anything not a duration then is a syntax error.
     */
    private Token lexNumberOrDuration(int start) {
        boolean hex = false;
        if (input.charAt(pos) == '0' && (peekAt(1) == 'x' || peekAt(1) == 'X')) {
            hex = true;
            pos += 2;
            while (pos < input.length() && (isHexDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
                pos++;
            }
        } else {
            acceptDigits();
            if (peekAt(0) == '.') {
                pos++;
                acceptDigits();
            }
            if (peekAt(0) == 'e' || peekAt(0) == 'E') {
                int save = pos;
                pos++;
                if (peekAt(0) == '+' || peekAt(0) == '-') {
                    pos++;
                }
                if (isDigit(peekAt(0))) {
                    acceptDigits();
                } else {
                    pos = save;
                }
            }
        }
        if (!isAlphaNumeric(peekAt(0))) {
            return new Token(Kind.NUMBER, input.substring(start, pos), null, start, pos);
        }
        if (!hex && acceptDurationUnits()) {
            return new Token(Kind.DURATION, input.substring(start, pos), null, start, pos);
        }
        throw error(start, pos, "bad number or duration syntax: " + GoStrings.quote(input.substring(start, pos)));
    }

    /**
     * After the leading number: a unit, then any number of digits+unit groups, then a
     * character that is not alphanumeric. Units are only roughly checked here (as in
     * Prometheus, "1hs" passes); {@link Literals#durationSeconds} validates the text. On
     * failure the position is left where Prometheus's lexer stops, for the error text.
     */
    private boolean acceptDurationUnits() {
        if (!acceptOneOf("smhdwy")) {
            return false;
        }
        acceptOneOf("s");
        while (isDigit(peekAt(0))) {
            acceptDigits();
            if (!acceptOneOf("smhdw")) {
                return false;
            }
            acceptOneOf("s");
        }
        if (isAlphaNumeric(peekAt(0))) {
            pos++;
            return false;
        }
        return true;
    }

    private boolean acceptOneOf(String chars) {
        char c = peekAt(0);
        if (c != '\0' && chars.indexOf(c) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptDigits() {
        while (pos < input.length() && (isDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
            pos++;
        }
    }

    private Token lexString(char quote, int start) {
        pos++;
        while (true) {
            if (pos >= input.length()) {
                throw error(start, pos, quote == '`' ? "unterminated raw string" : "unterminated quoted string");
            }
            char c = input.charAt(pos);
            if (c == quote) {
                pos++;
                break;
            }
            if (quote != '`') {
                if (c == '\n') {
                    throw error(start, pos, "unterminated quoted string");
                }
                if (c == '\\') {
                    pos++;
                    if (pos >= input.length()) {
                        throw error(start, pos, "unterminated quoted string");
                    }
                }
            }
            pos++;
        }
        String raw = input.substring(start, pos);
        String value;
        try {
            value = GoStrings.unquote(raw);
        } catch (IllegalArgumentException e) {
            throw error(start, pos, e.getMessage());
        }
        return new Token(Kind.STRING, value, raw, start, pos);
    }

    private void skipSpaceAndComments() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < input.length() && input.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token single(Kind kind, int start) {
        return token(kind, start, 1);
    }

    private Token token(Kind kind, int start, int length) {
        pos = start + length;
        return new Token(kind, input.substring(start, pos), null, start, pos);
    }

    private char peekAt(int ahead) {
        int i = pos + ahead;
        return i < input.length() ? input.charAt(i) : '\0';
    }

    private ParseException error(int start, int end, String message) {
        return new ParseException(input, new PosRange(start, Math.max(start, end)), message);
    }

    private static String quoteChar(char c) {
        if (c == '\0') {
            return "end of input";
        }
        return GoStrings.quoteRune(c);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isAlpha(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlphaNumeric(char c) {
        return isAlpha(c) || isDigit(c);
    }
}
