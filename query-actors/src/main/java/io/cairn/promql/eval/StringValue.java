package io.cairn.promql.eval;

/** A string literal's value. */
public record StringValue(String value) implements EvalValue {}
