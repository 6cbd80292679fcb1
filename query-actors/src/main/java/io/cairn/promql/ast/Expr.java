package io.cairn.promql.ast;

/**
 * A node of a parsed PromQL expression. All implementations are immutable records holding
 * data only; semantics live in the evaluator. {@code toString()} prints the node back as
 * PromQL that parses to the same tree (positions aside), see {@link ExprPrinter}.
 *
 * <p>Trees are immutable and may be shared between threads.
 */
public sealed interface Expr
        permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr,
                ParenExpr, UnaryExpr, BinaryExpr, AggregateExpr, Call {

    /** The static type of the value this expression produces. */
    ValueType type();

    /** Where the node sits in the query text ({@link PosRange#NONE} for built nodes). */
    PosRange pos();
}
