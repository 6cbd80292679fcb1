package io.cairn.promql.promqltest;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Reads a promqltest script into commands, following FORMAT.md: lines are trimmed, whole-line
 * comments become blank lines (so a comment ends a body), a body ends at the first blank line,
 * and some body lines (an expected scalar, {@code expected_fail_*}) end it early.
 */
public final class ScriptReader {
    private static final java.util.regex.Pattern LOAD =
            java.util.regex.Pattern.compile("^load(?:_(with_nhcb))?\\s+(.+?)$");
    private static final java.util.regex.Pattern EVAL_INSTANT = java.util.regex.Pattern.compile(
            "^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
    private static final java.util.regex.Pattern EVAL_RANGE = java.util.regex.Pattern.compile(
            "^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+?)\\s+(.+)$");
    private static final java.util.regex.Pattern EXPECT = java.util.regex.Pattern.compile(
            "^expect\\s+(\\S+)(?:\\s+(msg|regex):(.*))?$");
    private static final java.util.regex.Pattern RANGE_VECTOR = java.util.regex.Pattern.compile(
            "^expect range vector\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+)$");
    private static final java.util.regex.Pattern EXPECT_STRING =
            java.util.regex.Pattern.compile("^expect string\\s+(\".*\"|`.*`)\\s*$");
    private static final java.util.regex.Pattern GO_FLOAT = java.util.regex.Pattern.compile(
            "^[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))$");
    private static final java.util.regex.Pattern GO_INT = java.util.regex.Pattern.compile(
            "^[+-]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9]\\d*|0)$");

    private final String[] lines;
    private final List<ScriptCommand> commands = new ArrayList<>();

    private ScriptReader(String text) {
        String[] raw = text.split("\n", -1);
        lines = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i].strip();
            lines[i] = l.startsWith("#") ? "" : l;
        }
    }

    /** Parses a whole script. @throws ScriptException naming the line on malformed input */
    public static List<ScriptCommand> read(String text) {
        ScriptReader r = new ScriptReader(text);
        r.readAll();
        return r.commands;
    }

    private void readAll() {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            String word = l.split("[ \t]", 2)[0].toLowerCase(Locale.ROOT);
            if (word.equals("clear")) {
                commands.add(new ScriptCommand.Clear(i + 1));
            } else if (word.startsWith("load")) {
                i = readLoad(i);
            } else if (word.startsWith("eval")) {
                i = readEval(i);
            } else {
                throw new ScriptException(i + 1, "unknown command \"" + l + "\"");
            }
        }
    }

    private int readLoad(int i) {
        Matcher m = LOAD.matcher(lines[i]);
        if (!m.matches()) {
            throw new ScriptException(i + 1, "bad load header \"" + lines[i] + "\"");
        }
        long interval = ScriptDuration.parseMillis(m.group(2), i + 1);
        List<SeriesDescription> series = new ArrayList<>();
        int j = i + 1;
        for (; j < lines.length && !lines[j].isEmpty(); j++) {
            series.add(SeriesDescriptionParser.parse(lines[j], j + 1));
        }
        commands.add(new ScriptCommand.Load(i + 1, interval, m.group(1) != null, List.copyOf(series)));
        return j - 1;
    }

    private int readEval(int i) {
        String header = lines[i];
        int lineNo = i + 1;
        Matcher inst = EVAL_INSTANT.matcher(header);
        Matcher rng = EVAL_RANGE.matcher(header);
        boolean range;
        String modifier;
        String expr;
        long start;
        long end;
        long step = 0;
        if (inst.matches()) {
            range = false;
            modifier = inst.group(1);
            if (inst.group(2) == null) {
                throw new ScriptException(lineNo, "instant eval without 'at': " + header);
            }
            start = ScriptDuration.parseMillis(inst.group(2), lineNo);
            end = start;
            expr = inst.group(3);
        } else if (rng.matches()) {
            range = true;
            modifier = rng.group(1);
            start = ScriptDuration.parseMillis(rng.group(2), lineNo);
            end = ScriptDuration.parseMillis(rng.group(3), lineNo);
            step = ScriptDuration.parseMillis(rng.group(4), lineNo);
            expr = rng.group(5);
            if (end < start) {
                throw new ScriptException(lineNo, "range end before start: " + header);
            }
        } else {
            throw new ScriptException(lineNo, "bad eval header \"" + header + "\"");
        }
        Builder b = new Builder();
        if ("fail".equals(modifier)) {
            b.fail = Expectation.ANY;
        } else if ("warn".equals(modifier)) {
            b.warns.add(Expectation.ANY);
        } else if ("info".equals(modifier)) {
            b.infos.add(Expectation.ANY);
        } else if ("ordered".equals(modifier)) {
            b.ordered = true;
        }
        boolean legacyFail = "fail".equals(modifier);
        int j = i + 1;
        for (; j < lines.length && !lines[j].isEmpty(); j++) {
            String l = lines[j];
            int ln = j + 1;
            if (legacyFail && l.startsWith("expected_fail_message")) {
                b.fail = new Expectation(l.substring("expected_fail_message".length()).strip(), null);
                j++;
                break;
            }
            if (legacyFail && l.startsWith("expected_fail_regexp")) {
                b.fail = new Expectation(null, regex(l.substring("expected_fail_regexp".length()).strip(), ln));
                j++;
                break;
            }
            if (l.startsWith("expect range vector")) {
                Matcher rv = RANGE_VECTOR.matcher(l);
                if (!rv.matches() || range) {
                    throw new ScriptException(ln, "bad expect range vector line: " + l);
                }
                b.rangeVector = new long[] {ScriptDuration.parseMillis(rv.group(1), ln),
                    ScriptDuration.parseMillis(rv.group(2), ln), ScriptDuration.parseMillis(rv.group(3), ln)};
                continue;
            }
            if (l.startsWith("expect string")) {
                Matcher sm = EXPECT_STRING.matcher(l);
                if (!sm.matches() || range) {
                    throw new ScriptException(ln, "bad expect string line: " + l);
                }
                b.string = GoStrings.unquote(sm.group(1));
                continue;
            }
            if (l.split("[ \t]", 2)[0].equals("expect")) {
                readExpect(b, l, ln);
                continue;
            }
            if (isGoNumber(l)) {
                b.hasScalar = true;
                b.scalar = parseGoNumber(l);
                j++;
                break;
            }
            SeriesDescription s = SeriesDescriptionParser.parse(l, ln);
            if (!range && b.rangeVector == null && s.slots() != 1) {
                throw new ScriptException(ln, "expected exactly one value for an instant query: " + l);
            }
            b.series.remove(s.labels());
            b.series.put(s.labels(), s);
        }
        if (b.ordered && range) {
            throw new ScriptException(lineNo, "expect ordered is only valid for instant queries");
        }
        EvalCase c = new EvalCase(lineNo, expr, range, start, end, step, b.fail, List.copyOf(b.warns),
                List.copyOf(b.infos), b.noWarn, b.noInfo, b.ordered, b.hasScalar, b.scalar, b.string,
                b.rangeVector, List.copyOf(b.series.values()));
        commands.add(new ScriptCommand.Eval(lineNo, c));
        return j - 1;
    }

    private void readExpect(Builder b, String l, int ln) {
        Matcher m = EXPECT.matcher(l);
        if (!m.matches()) {
            throw new ScriptException(ln, "bad expect line: " + l);
        }
        String type = m.group(1);
        Expectation e = Expectation.ANY;
        if (m.group(2) != null) {
            String text = m.group(3).strip();
            if (text.isEmpty()) {
                throw new ScriptException(ln, "empty expectation text: " + l);
            }
            e = m.group(2).equals("msg") ? new Expectation(text, null) : new Expectation(null, regex(text, ln));
        }
        switch (type) {
            case "fail" -> {
                if (b.fail != null && b.fail != Expectation.ANY) {
                    throw new ScriptException(ln, "more than one expect fail");
                }
                b.fail = e;
            }
            case "warn" -> b.warns.add(e);
            case "info" -> b.infos.add(e);
            case "no_warn" -> b.noWarn = true;
            case "no_info" -> b.noInfo = true;
            case "ordered" -> b.ordered = true;
            default -> throw new ScriptException(ln, "unknown expectation type " + type);
        }
        if ((b.noWarn && !b.warns.isEmpty()) || (b.noInfo && !b.infos.isEmpty())) {
            throw new ScriptException(ln, "no_warn/no_info combined with warn/info");
        }
    }

    private static Pattern regex(String text, int ln) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new ScriptException(ln, "bad regex: " + e.getMessage());
        }
    }

    /** Whether Go's ParseInt(s, 0, 64) or ParseFloat(s, 64) would accept the line. */
    static boolean isGoNumber(String s) {
        return GO_INT.matcher(s).matches() || GO_FLOAT.matcher(s).matches();
    }

    static double parseGoNumber(String s) {
        if (GO_INT.matcher(s).matches()) {
            boolean neg = s.startsWith("-");
            String u = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
            long v;
            if (u.startsWith("0x") || u.startsWith("0X")) {
                v = Long.parseLong(u.substring(2), 16);
            } else if (u.startsWith("0b") || u.startsWith("0B")) {
                v = Long.parseLong(u.substring(2), 2);
            } else if (u.startsWith("0o") || u.startsWith("0O")) {
                v = Long.parseLong(u.substring(2), 8);
            } else if (u.length() > 1 && u.startsWith("0")) {
                v = Long.parseLong(u.substring(1), 8);
            } else {
                v = Long.parseLong(u);
            }
            return neg ? -v : v;
        }
        String l = s.toLowerCase(Locale.ROOT);
        if (l.endsWith("nan")) {
            return Double.NaN;
        }
        if (l.endsWith("inf") || l.endsWith("infinity")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    private static final class Builder {
        Expectation fail;
        final List<Expectation> warns = new ArrayList<>();
        final List<Expectation> infos = new ArrayList<>();
        boolean noWarn;
        boolean noInfo;
        boolean ordered;
        boolean hasScalar;
        double scalar;
        String string;
        long[] rangeVector;
        final Map<Labels, SeriesDescription> series = new LinkedHashMap<>();
    }
}
