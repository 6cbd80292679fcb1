package io.cairn.promql.engine;

/** A string literal result at evaluation time {@code timeMs} (epoch milliseconds). */
public record StringResult(long timeMs, String value) implements QueryValue {
    @Override
    public String typeName() {
        return "string";
    }
}
