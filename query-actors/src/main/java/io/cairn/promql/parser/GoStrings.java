package io.cairn.promql.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * PromQL string literals follow Go's rules, and Go strings are bytes: {@code "\xc5"} is one
 * byte that is not valid UTF-8 on its own. Java strings cannot hold such bytes, so
 * {@link #unquote} maps every byte that is not part of a valid UTF-8 sequence to the lone
 * surrogate {@code U+DC00 + byte} (the "surrogateescape" convention). {@link #isValidUtf8}
 * detects such strings (Prometheus rejects them as label names) and {@link #quote} prints them
 * back as {@code \xc5}, so error messages read exactly like Prometheus's {@code %q} output.
 * Stateless and thread-safe.
 */
public final class GoStrings {
    private GoStrings() {
    }

    /**
     * Unquotes a PromQL string literal including its quotes: {@code "..."} and {@code '...'}
     * with Go escapes, {@code `...`} raw.
     *
     * @throws IllegalArgumentException with a Prometheus-style message on a bad escape
     */
    public static String unquote(String literal) {
        if (literal.length() < 2) {
            throw new IllegalArgumentException("invalid string literal");
        }
        char quote = literal.charAt(0);
        String body = literal.substring(1, literal.length() - 1);
        if (quote == '`') {
            return body.replace("\r", "");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length());
        boolean sawRawByte = false;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\') {
                int cp = body.codePointAt(i);
                writeUtf8(bytes, cp);
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new IllegalArgumentException("escape sequence not terminated");
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write(8);
                case 'f' -> bytes.write(12);
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(11);
                case '\\' -> bytes.write('\\');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = digits(body, i - 1, 3, 8);
                    if (v > 255) {
                        throw new IllegalArgumentException("escape sequence is an invalid Unicode code point");
                    }
                    bytes.write(v);
                    sawRawByte = true;
                    i += 2;
                }
                case 'x' -> {
                    bytes.write(digits(body, i, 2, 16));
                    sawRawByte = true;
                    i += 2;
                }
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    int v = digits(body, i, n, 16);
                    if (v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v < 0xE000)) {
                        throw new IllegalArgumentException("escape sequence is an invalid Unicode code point");
                    }
                    writeUtf8(bytes, v);
                    i += n;
                }
                default -> {
                    if (e == quote) {
                        bytes.write(e);
                    } else {
                        throw new IllegalArgumentException("unknown escape sequence " + formatUnicode(e));
                    }
                }
            }
        }
        byte[] b = bytes.toByteArray();
        return sawRawByte ? decodeUtf8Escaping(b) : new String(b, StandardCharsets.UTF_8);
    }

    private static int digits(String s, int from, int n, int base) {
        if (from + n > s.length()) {
            throw new IllegalArgumentException("escape sequence not terminated");
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
            char c = s.charAt(from + k);
            int d = Character.digit(c, base);
            if (d < 0) {
                throw new IllegalArgumentException("illegal character " + quoteRune(c) + " in escape sequence");
            }
            v = v * base + d;
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        if (cp >= 0xDC80 && cp <= 0xDCFF) {
            // An escaped raw byte carried over from an earlier unquote: keep it a raw byte.
            out.write(cp - 0xDC00);
            return;
        }
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    /** Decodes UTF-8, mapping each byte of an invalid sequence to U+DC00+byte. */
    static String decodeUtf8Escaping(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int len;
            int cp;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                cp = c & 0x1f;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                cp = c & 0x0f;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                cp = c & 0x07;
            } else {
                sb.append((char) (0xDC00 + c));
                i++;
                continue;
            }
            boolean ok = i + len <= b.length;
            for (int k = 1; ok && k < len; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xC0) != 0x80) {
                    ok = false;
                } else {
                    cp = (cp << 6) | (cc & 0x3f);
                }
            }
            boolean overlongOrBad = !ok
                    || (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000)))
                    || (len == 4 && (cp < 0x10000 || cp > Character.MAX_CODE_POINT));
            if (overlongOrBad) {
                sb.append((char) (0xDC00 + c));
                i++;
            } else {
                sb.appendCodePoint(cp);
                i += len;
            }
        }
        return sb.toString();
    }

    /** Whether the string came from valid UTF-8, i.e. holds no escaped raw bytes or lone surrogates. */
    public static boolean isValidUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code %q} of a string: double-quoted, escaped raw bytes shown as {@code \xHH}. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(sb, cp, '"');
        }
        return sb.append('"').toString();
    }

    /** Go's {@code %q} of a rune, e.g. {@code '$'} or {@code '\n'}. */
    public static String quoteRune(int cp) {
        StringBuilder sb = new StringBuilder("'");
        appendEscaped(sb, cp, '\'');
        return sb.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder sb, int cp, char quote) {
        if (cp >= 0xDC80 && cp <= 0xDCFF) {
            sb.append(String.format("\\x%02x", cp - 0xDC00));
            return;
        }
        switch (cp) {
            case 7 -> sb.append("\\a");
            case 8 -> sb.append("\\b");
            case 12 -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (cp == quote) {
                    sb.append('\\').append(quote);
                } else if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                } else if (!isPrintable(cp)) {
                    sb.append(cp < 0x10000 ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                } else {
                    sb.appendCodePoint(cp);
                }
            }
        }
    }

    private static boolean isPrintable(int cp) {
        int t = Character.getType(cp);
        return t != Character.CONTROL && t != Character.FORMAT && t != Character.SURROGATE
                && t != Character.UNASSIGNED && t != Character.PRIVATE_USE
                && t != Character.LINE_SEPARATOR && t != Character.PARAGRAPH_SEPARATOR
                && (t != Character.SPACE_SEPARATOR || cp == ' ');
    }

    /** Go's {@code %#U}: {@code U+0071 'q'}. */
    static String formatUnicode(int cp) {
        String hex = String.format("U+%04X", cp);
        return isPrintable(cp) ? hex + " '" + new String(Character.toChars(cp)) + "'" : hex;
    }
}
