package io.cairn.promql.eval;

/**
 * What a node evaluates to over a whole {@link EvalGrid}: a scalar per step, a string, an
 * instant vector (series of per-step columns) or a range input (raw windows per step, only as
 * a function argument or a query's top-level matrix). Owned by the evaluator of one query.
 */
public sealed interface EvalValue permits ScalarSteps, StringValue, StepVector, RangeInput {}
