package io.cairn.promql.promqltest;

/** A test script is malformed: names the 1-based line number and what is wrong. */
public final class ScriptException extends RuntimeException {
    public ScriptException(int line, String message) {
        super("line " + line + ": " + message);
    }
}
