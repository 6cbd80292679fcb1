package io.cairn.promql.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Tree utilities: child traversal and bottom-up rewriting. Stateless and thread-safe. */
public final class Exprs {
    private Exprs() {
    }

    /** The direct sub-expressions of a node, in source order. */
    public static List<Expr> children(Expr e) {
        if (e instanceof MatrixSelector m) {
            return List.of(m.selector());
        } else if (e instanceof SubqueryExpr s) {
            return List.of(s.expr());
        } else if (e instanceof ParenExpr p) {
            return List.of(p.expr());
        } else if (e instanceof UnaryExpr u) {
            return List.of(u.expr());
        } else if (e instanceof BinaryExpr b) {
            return List.of(b.lhs(), b.rhs());
        } else if (e instanceof AggregateExpr a) {
            return a.param() == null ? List.of(a.expr()) : List.of(a.param(), a.expr());
        } else if (e instanceof Call c) {
            return c.args();
        }
        return List.of();
    }

    /**
     * Rebuilds the tree bottom-up: children first, then {@code fn} is applied to the node
     * rebuilt over the rewritten children. A MatrixSelector's selector is passed through
     * {@code fn} too and must stay a VectorSelector.
     */
    public static Expr rewrite(Expr e, UnaryOperator<Expr> fn) {
        Expr rebuilt;
        if (e instanceof MatrixSelector m) {
            Expr sel = rewrite(m.selector(), fn);
            if (!(sel instanceof VectorSelector vs)) {
                throw new IllegalArgumentException("a matrix selector must keep a vector selector, got " + sel);
            }
            rebuilt = new MatrixSelector(vs, m.range(), m.pos());
        } else if (e instanceof SubqueryExpr s) {
            rebuilt = new SubqueryExpr(rewrite(s.expr(), fn), s.range(), s.step(), s.offset(), s.at(), s.pos());
        } else if (e instanceof ParenExpr p) {
            rebuilt = new ParenExpr(rewrite(p.expr(), fn), p.pos());
        } else if (e instanceof UnaryExpr u) {
            rebuilt = new UnaryExpr(u.op(), rewrite(u.expr(), fn), u.pos());
        } else if (e instanceof BinaryExpr b) {
            rebuilt = new BinaryExpr(b.op(), rewrite(b.lhs(), fn), rewrite(b.rhs(), fn), b.matching(),
                    b.returnBool(), b.pos());
        } else if (e instanceof AggregateExpr a) {
            Expr param = a.param() == null ? null : rewrite(a.param(), fn);
            rebuilt = new AggregateExpr(a.op(), rewrite(a.expr(), fn), param, a.grouping(), a.without(), a.pos());
        } else if (e instanceof Call c) {
            List<Expr> args = new ArrayList<>(c.args().size());
            for (Expr arg : c.args()) {
                args.add(rewrite(arg, fn));
            }
            rebuilt = new Call(c.function(), args, c.pos());
        } else {
            rebuilt = e;
        }
        return fn.apply(rebuilt);
    }

    /** The same tree with every position set to {@link PosRange#NONE}, for structural comparison. */
    public static Expr withoutPositions(Expr e) {
        return rewrite(e, Exprs::clearPos);
    }

    private static Expr clearPos(Expr e) {
        PosRange n = PosRange.NONE;
        if (e instanceof NumberLiteral x) {
            return new NumberLiteral(x.value(), n);
        } else if (e instanceof StringLiteral x) {
            return new StringLiteral(x.value(), n);
        } else if (e instanceof VectorSelector x) {
            return x.withPos(n);
        } else if (e instanceof MatrixSelector x) {
            return new MatrixSelector(x.selector(), x.range(), n);
        } else if (e instanceof SubqueryExpr x) {
            return new SubqueryExpr(x.expr(), x.range(), x.step(), x.offset(), x.at(), n);
        } else if (e instanceof ParenExpr x) {
            return new ParenExpr(x.expr(), n);
        } else if (e instanceof UnaryExpr x) {
            return new UnaryExpr(x.op(), x.expr(), n);
        } else if (e instanceof BinaryExpr x) {
            return new BinaryExpr(x.op(), x.lhs(), x.rhs(), x.matching(), x.returnBool(), n);
        } else if (e instanceof AggregateExpr x) {
            return new AggregateExpr(x.op(), x.expr(), x.param(), x.grouping(), x.without(), n);
        } else if (e instanceof Call x) {
            return new Call(x.function(), x.args(), n);
        }
        throw new IllegalStateException("BUG: unknown node " + e.getClass());
    }
}
