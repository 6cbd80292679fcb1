package io.cairn.promql.promqltest;

import io.cairn.promql.parser.PromDuration;

/**
 * Prometheus duration syntax as used in test-script headers: {@code 0} or unit groups in
 * descending order ({@code 1h30m}, {@code 20s500ms}, {@code 1111111s}), each unit at most once.
 * No signs or fractions. Resolution is milliseconds.
 */
public final class ScriptDuration {
    private ScriptDuration() {}

    /** @throws ScriptException when the text is not a duration */
    public static long parseMillis(String text, int line) {
        if (text.equals("0")) {
            return 0;
        }
        try {
            return PromDuration.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new ScriptException(line, "not a duration: \"" + text + "\"");
        }
    }
}
