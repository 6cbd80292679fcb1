package io.cairn.promql.promqltest;

/**
 * Go string-literal unquoting ({@code strconv.Unquote}) for the literals test scripts contain:
 * double-quoted with escapes, single-quoted (PromQL also allows it) and raw back-quoted.
 */
public final class GoStrings {
    private GoStrings() {}

    /**
     * Unquotes {@code s}, which must start and end with the same quote character.
     *
     * @throws IllegalArgumentException when the literal is not well formed
     */
    public static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1)) {
            throw new IllegalArgumentException("not a quoted string: " + s);
        }
        char q = s.charAt(0);
        String body = s.substring(1, s.length() - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                throw new IllegalArgumentException("back quote inside raw string: " + s);
            }
            return body;
        }
        if (q != '"' && q != '\'') {
            throw new IllegalArgumentException("not a quoted string: " + s);
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == q) {
                throw new IllegalArgumentException("unescaped quote in string: " + s);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw new IllegalArgumentException("dangling backslash in string: " + s);
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\', '"', '\'' -> sb.append(e);
                case 'x' -> {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        sb.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        throw new IllegalArgumentException("unknown escape \\" + e + " in " + s);
                    }
                }
            }
        }
        return sb.toString();
    }
}
