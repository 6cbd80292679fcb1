package io.cairn.promql.promqltest;

import com.google.re2j.Pattern;

/**
 * An {@code expect warn|info|fail} constraint on a message: exact text ({@code msg:}), an
 * unanchored RE2 search ({@code regex:}), or any message when both are null.
 */
public record Expectation(String exact, Pattern regex) {
    public static final Expectation ANY = new Expectation(null, null);

    public boolean matches(String message) {
        if (exact != null) {
            return exact.equals(message);
        }
        return regex == null || regex.matcher(message).find();
    }

    @Override
    public String toString() {
        return exact != null ? "msg: " + exact : regex != null ? "regex: " + regex.pattern() : "any";
    }
}
