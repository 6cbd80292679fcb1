package io.cairn.promql.parser;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.AggregateOp;
import io.cairn.promql.ast.BinaryExpr;
import io.cairn.promql.ast.BinaryOp;
import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.Function;
import io.cairn.promql.ast.PosRange;
import io.cairn.promql.ast.SubqueryExpr;
import io.cairn.promql.ast.UnaryExpr;
import io.cairn.promql.ast.ValueType;
import io.cairn.promql.ast.VectorMatching;
import io.cairn.promql.ast.VectorSelector;
import java.util.List;

/**
 * Builds the typed nodes and applies Prometheus's static checks with its wording, so that
 * every tree the parser returns is well-typed. Messages are Prometheus's where known.
 */
final class TypeChecks {
    private final TokenStream ts;

    TypeChecks(TokenStream ts) {
        this.ts = ts;
    }

    /** The bits between a binary operator and its right operand. */
    record BinModifiers(boolean returnBool, boolean hasOnOrIgnoring, boolean on, List<String> matchingLabels,
                        VectorMatching.Cardinality cardinality, List<String> include,
                        Double fillLeft, Double fillRight) {
        boolean hasFill() {
            return fillLeft != null || fillRight != null;
        }
    }

    BinaryExpr binary(BinaryOp op, Token opTok, Expr lhs, Expr rhs, BinModifiers m) {
        PosRange opRange = new PosRange(opTok.start(), opTok.end());
        PosRange all = lhs.pos().union(rhs.pos());
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        if (m.returnBool() && !op.isComparison()) {
            throw ts.error(opRange, "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !m.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw ts.error(opRange, "comparisons between scalars must use BOOL modifier");
        }
        VectorMatching.Cardinality card = m.cardinality();
        if (op.isSetOperator() && card == VectorMatching.Cardinality.ONE_TO_ONE) {
            card = VectorMatching.Cardinality.MANY_TO_MANY;
        }
        if (m.on()) {
            for (String l : m.matchingLabels()) {
                if (m.include().contains(l)) {
                    throw ts.error(opRange, "label " + GoStrings.quote(l) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.INSTANT_VECTOR) {
            throw ts.error(lhs.pos(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.INSTANT_VECTOR) {
            throw ts.error(rhs.pos(), "binary expression must contain only scalar and instant vector types");
        }
        VectorMatching matching = null;
        boolean bothVectors = lt == ValueType.INSTANT_VECTOR && rt == ValueType.INSTANT_VECTOR;
        if (!bothVectors) {
            if (!m.matchingLabels().isEmpty()) {
                throw ts.error(all, "vector matching only allowed between instant vectors");
            }
            if (m.hasFill()) {
                throw ts.error(all, "fill modifiers only allowed between instant vectors");
            }
        } else {
            if (op.isSetOperator()) {
                if (card == VectorMatching.Cardinality.ONE_TO_MANY || card == VectorMatching.Cardinality.MANY_TO_ONE) {
                    throw ts.error(all, "no grouping allowed for \"" + op.symbol() + "\" operation");
                }
                if (m.hasFill()) {
                    throw ts.error(all, "fill modifiers not allowed for \"" + op.symbol() + "\" operation");
                }
            }
            matching = new VectorMatching(card, m.matchingLabels(), m.on(), m.include(), m.fillLeft(), m.fillRight());
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && op.isSetOperator()) {
            throw ts.error(all, "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
        }
        return new BinaryExpr(op, lhs, rhs, matching, m.returnBool(), all);
    }

    UnaryExpr unary(UnaryExpr.Op op, Token opTok, Expr operand) {
        PosRange pos = new PosRange(opTok.start(), Math.max(opTok.end(), operand.pos().end()));
        ValueType t = operand.type();
        if (t != ValueType.SCALAR && t != ValueType.INSTANT_VECTOR) {
            throw ts.error(pos, "unary expression only allowed on expressions of type scalar or instant vector, got "
                    + GoStrings.quote(t.displayName()));
        }
        return new UnaryExpr(op, operand, pos);
    }

    Call call(Token nameTok, Function fn, List<Expr> args, int end) {
        PosRange pos = new PosRange(nameTok.start(), end);
        if (fn == null) {
            throw ts.error(nameTok, "unknown function with name " + GoStrings.quote(nameTok.text()));
        }
        int n = args.size();
        if (fn.variadic() == 0) {
            if (n != fn.argTypes().size()) {
                throw ts.error(pos, "expected " + fn.argTypes().size() + " argument(s) in call to "
                        + GoStrings.quote(fn.name()) + ", got " + n);
            }
        } else if (n < fn.minArgs()) {
            throw ts.error(pos, "expected at least " + fn.minArgs() + " argument(s) in call to "
                    + GoStrings.quote(fn.name()) + ", got " + n);
        } else if (n > fn.maxArgs()) {
            throw ts.error(pos, "expected at most " + fn.maxArgs() + " argument(s) in call to "
                    + GoStrings.quote(fn.name()) + ", got " + n);
        }
        for (int i = 0; i < n; i++) {
            expectType(args.get(i), fn.argType(i), "call to function " + GoStrings.quote(fn.name()));
        }
        if (fn.name().equals("info") && n == 2) {
            if (!(args.get(1) instanceof VectorSelector vs)) {
                throw ts.error(args.get(1).pos(), "expected label selectors only, got " + args.get(1));
            }
            if (vs.metricName() != null) {
                throw ts.error(args.get(1).pos(), "expected label selectors only, got vector selector instead");
            }
        }
        return new Call(fn, args, pos);
    }

    AggregateExpr aggregate(AggregateOp op, Token opTok, List<Expr> args, List<String> grouping, boolean without,
                            int end) {
        PosRange pos = new PosRange(opTok.start(), end);
        int desired = op.hasParam() ? 2 : 1;
        if (args.size() != desired) {
            throw ts.error(pos, "wrong number of arguments for aggregate expression provided, expected "
                    + desired + ", got " + args.size());
        }
        Expr param = op.hasParam() ? args.get(0) : null;
        Expr expr = args.get(desired - 1);
        expectType(expr, ValueType.INSTANT_VECTOR, "aggregation expression");
        if (param != null) {
            expectType(param, op.paramType(), "aggregation parameter");
        }
        return new AggregateExpr(op, expr, param, grouping, without, pos);
    }

    SubqueryExpr subquery(SubqueryExpr s) {
        if (s.expr().type() != ValueType.INSTANT_VECTOR) {
            throw ts.error(s.pos(), "subquery is only allowed on instant vector, got "
                    + goTypeName(s.expr().type()) + " instead");
        }
        return s;
    }

    private void expectType(Expr e, ValueType want, String context) {
        if (e.type() != want) {
            throw ts.error(e.pos(), "expected type " + want.displayName() + " in " + context + ", got "
                    + e.type().displayName());
        }
    }

    /** Prometheus's internal type names, used in a few messages. */
    private static String goTypeName(ValueType t) {
        return switch (t) {
            case SCALAR -> "scalar";
            case INSTANT_VECTOR -> "vector";
            case RANGE_VECTOR -> "matrix";
            case STRING -> "string";
        };
    }
}
