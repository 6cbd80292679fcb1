package io.cairn.promql.promqltest;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;

/**
 * Parses the series notation of test scripts (FORMAT.md §4): a metric part
 * ({@code name}, {@code name{l="v"}} or {@code {l="v"}}, optionally suffixed {@code @st}) and
 * value items ({@code 1}, {@code -Inf}, {@code stale}, {@code _}, {@code _xN}, {@code axN},
 * {@code a+bxN}, {@code a-bxN}, {@code {{...}}}, {@code {{...}}xN}, {@code {{A}}+{{B}}xN}).
 * Stateless; one instance per line is cheap.
 */
public final class SeriesDescriptionParser {
    private final String text;
    private final int line;
    private int pos;
    private double[] values = new double[16];
    private byte[] kinds = new byte[16];
    private int count;

    private SeriesDescriptionParser(String text, int line) {
        this.text = text;
        this.line = line;
    }

    /** Parses a whole series line. */
    public static SeriesDescription parse(String text, int line) {
        return new SeriesDescriptionParser(text, line).parseLine();
    }

    private SeriesDescription parseLine() {
        Labels labels = parseMetric();
        boolean st = false;
        if (text.startsWith("@st", pos)) {
            st = true;
            pos += 3;
        }
        if (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            throw error("expected white space after the metric");
        }
        if (st) {
            // Start-timestamp offsets are not stored (Cairn has no start timestamps); the line
            // only marks its series so that cases reading it are classified.
            return new SeriesDescription(labels, new double[0], new byte[0], true);
        }
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                break;
            }
            parseItem();
        }
        double[] v = new double[count];
        byte[] k = new byte[count];
        System.arraycopy(values, 0, v, 0, count);
        System.arraycopy(kinds, 0, k, 0, count);
        return new SeriesDescription(labels, v, k, st);
    }

    private Labels parseMetric() {
        skipSpace();
        Labels.Builder b = new Labels.Builder();
        if (pos < text.length() && text.charAt(pos) != '{') {
            b.set(Labels.METRIC_NAME, identifier());
        }
        if (pos < text.length() && text.charAt(pos) == '{') {
            pos++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                String name = peek() == '"' ? quoted() : identifier();
                skipSpace();
                if (peek() != '=') {
                    throw error("expected '=' after label name " + name);
                }
                pos++;
                skipSpace();
                String value = quoted();
                if (b.get(name) != null) {
                    throw error("duplicate label name " + name);
                }
                b.set(name, value);
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}' in label set");
                }
            }
        }
        return b.build();
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (pos > start && c >= '0' && c <= '9');
            if (!ok) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected a metric or label name");
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        char q = peek();
        if (q != '"' && q != '\'' && q != '`') {
            throw error("expected a quoted label value");
        }
        int start = pos++;
        while (pos < text.length() && text.charAt(pos) != q) {
            if (text.charAt(pos) == '\\' && q != '`') {
                pos++;
            }
            pos++;
        }
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        pos++;
        try {
            return GoStrings.unquote(text.substring(start, pos));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw error("bad string literal: " + e.getMessage());
        }
    }

    private void parseItem() {
        if (text.startsWith("{{", pos)) {
            parseHistogramItem();
            return;
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        String tok = text.substring(start, pos);
        if (tok.equals("_")) {
            add(SeriesDescription.OMITTED, 0);
        } else if (tok.startsWith("_x")) {
            long n = times(tok.substring(2));
            for (long i = 0; i < n; i++) {
                add(SeriesDescription.OMITTED, 0);
            }
        } else if (tok.equals("stale")) {
            add(SeriesDescription.FLOAT, StaleMarker.VALUE);
        } else {
            parseNumericItem(tok);
        }
    }

    private void parseNumericItem(String tok) {
        int[] end = new int[1];
        double a = number(tok, 0, true, end);
        int p = end[0];
        if (p == tok.length()) {
            add(SeriesDescription.FLOAT, a);
            return;
        }
        char c = tok.charAt(p);
        if (c == 'x') {
            long n = times(tok.substring(p + 1));
            for (long i = 0; i <= n; i++) {
                add(SeriesDescription.FLOAT, a);
            }
            return;
        }
        if (c != '+' && c != '-') {
            throw error("bad value item \"" + tok + "\"");
        }
        double b = number(tok, p + 1, false, end);
        p = end[0];
        if (p >= tok.length() || tok.charAt(p) != 'x') {
            throw error("expected 'x' in value item \"" + tok + "\"");
        }
        long n = times(tok.substring(p + 1));
        double v = a;
        add(SeriesDescription.FLOAT, v);
        for (long i = 0; i < n; i++) {
            // Repeated float64 addition, so rounding builds up exactly as in the reference runner.
            v = c == '+' ? v + b : v - b;
            add(SeriesDescription.FLOAT, v);
        }
    }

    /** Lexes a float at {@code from}; returns it and stores the end index in {@code end[0]}. */
    private double number(String tok, int from, boolean signed, int[] end) {
        int p = from;
        if (signed && p < tok.length() && (tok.charAt(p) == '+' || tok.charAt(p) == '-')) {
            p++;
        }
        int digitsStart = p;
        if (tok.regionMatches(true, p, "inf", 0, 3)) {
            p += 3;
            end[0] = p;
            return tok.charAt(from) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (tok.regionMatches(true, p, "nan", 0, 3)) {
            end[0] = p + 3;
            return Double.NaN;
        }
        while (p < tok.length() && (Character.isDigit(tok.charAt(p)) || tok.charAt(p) == '.')) {
            p++;
        }
        if (p == digitsStart) {
            throw error("expected a number in \"" + tok + "\"");
        }
        if (p < tok.length() && (tok.charAt(p) == 'e' || tok.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < tok.length() && (tok.charAt(q) == '+' || tok.charAt(q) == '-')) {
                q++;
            }
            if (q < tok.length() && Character.isDigit(tok.charAt(q))) {
                while (q < tok.length() && Character.isDigit(tok.charAt(q))) {
                    q++;
                }
                p = q;
            }
        }
        end[0] = p;
        try {
            return Double.parseDouble(tok.substring(from, p));
        } catch (NumberFormatException e) {
            throw error("bad number in \"" + tok + "\"");
        }
    }

    private void parseHistogramItem() {
        skipHistogram();
        long copies = 1;
        if (text.startsWith("x", pos)) {
            copies = timesToken() + 1;
        } else if ((text.startsWith("+{{", pos) || text.startsWith("-{{", pos))) {
            pos++;
            skipHistogram();
            if (!text.startsWith("x", pos)) {
                throw error("expected 'x' after histogram increment");
            }
            copies = timesToken() + 1;
        }
        for (long i = 0; i < copies; i++) {
            add(SeriesDescription.HISTOGRAM, 0);
        }
    }

    private void skipHistogram() {
        int close = text.indexOf("}}", pos);
        if (close < 0) {
            throw error("unterminated native histogram {{...}}");
        }
        pos = close + 2;
    }

    private long timesToken() {
        int start = ++pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        return times(text.substring(start, pos));
    }

    private long times(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("bad repetition count \"" + digits + "\"");
        }
    }

    private void add(byte kind, double v) {
        if (count == kinds.length) {
            values = java.util.Arrays.copyOf(values, count * 2);
            kinds = java.util.Arrays.copyOf(kinds, count * 2);
        }
        values[count] = v;
        kinds[count++] = kind;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ScriptException error(String msg) {
        return new ScriptException(line, msg + " in series \"" + text + "\"");
    }
}
