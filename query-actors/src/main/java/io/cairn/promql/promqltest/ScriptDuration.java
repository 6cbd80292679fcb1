package io.cairn.promql.promqltest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus duration syntax as used in test-script headers: {@code 0} or unit groups in
 * descending order ({@code 1h30m}, {@code 20s500ms}, {@code 1111111s}), each unit at most once.
 * No signs or fractions. Resolution is milliseconds.
 */
public final class ScriptDuration {
    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
    };

    private ScriptDuration() {}

    /** @throws ScriptException when the text is not a duration */
    public static long parseMillis(String text, int line) {
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new ScriptException(line, "not a duration: \"" + text + "\"");
        }
        long total = 0;
        for (int g = 1; g <= UNIT_MS.length; g++) {
            String digits = m.group(g);
            if (digits != null) {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(digits), UNIT_MS[g - 1]));
            }
        }
        return total;
    }
}
