package io.cairn.promql.ast;

/**
 * The four PromQL value types. {@link #displayName()} is the wording Prometheus uses in
 * type errors ("expected type range vector in call to function ...").
 */
public enum ValueType {
    SCALAR("scalar"),
    INSTANT_VECTOR("instant vector"),
    /** A matrix: one range of samples per series. */
    RANGE_VECTOR("range vector"),
    STRING("string");

    private final String displayName;

    ValueType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
