package io.cairn.promql.engine;

/** A scalar at evaluation time {@code timeMs} (epoch milliseconds). */
public record ScalarResult(long timeMs, double value) implements QueryValue {
    @Override
    public String typeName() {
        return "scalar";
    }
}
