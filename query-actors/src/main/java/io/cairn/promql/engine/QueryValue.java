package io.cairn.promql.engine;

/**
 * The value a PromQL query evaluates to, in the shape the Prometheus HTTP API returns it:
 * {@link ScalarResult}, {@link StringResult}, {@link VectorResult} or {@link MatrixResult}.
 * Instances are immutable by convention: the engine hands them over and never touches them again.
 */
public sealed interface QueryValue permits ScalarResult, StringResult, VectorResult, MatrixResult {

    /** The Prometheus API name of the result type: "scalar", "string", "vector" or "matrix". */
    String typeName();
}
