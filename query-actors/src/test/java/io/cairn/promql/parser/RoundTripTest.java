package io.cairn.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.AggregateOp;
import io.cairn.promql.ast.BinaryExpr;
import io.cairn.promql.ast.BinaryOp;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.Exprs;
import io.cairn.promql.ast.NumberLiteral;
import io.cairn.promql.ast.UnaryExpr;
import io.cairn.promql.ast.VectorMatching;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.storage.model.LabelMatcher;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Printing back to PromQL: exact text for typical trees, and randomised print/parse round trips. */
class RoundTripTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            foo                                       | foo
            foo{a='b'}                                | foo{a="b"}
            {__name__=~"a.b"}                         | {__name__=~"a.b"}
            ~{"my.metric","a b"!="c"}~                | ~{"my.metric", "a b"!="c"}~
            {"bool"}                                  | {"bool"}
            foo[90s] offset -1h @ 1.5 anchored        | foo[1m30s] @ 1.5 offset -1h anchored
            rate(foo[5m])[1h:] @ start()              | rate(foo[5m])[1h:] @ start()
            foo[step()*2:min_of(range(), 1m)]         | foo[step() * 2:min_of(range(), 1m)]
            foo offset -(step()+1)                    | foo offset -(step() + 1s)
            sum by(a)(x)                              | sum by (a) (x)
            sum(x) without ()                         | sum without () (x)
            topk(5, x)                                | topk(5, x)
            a + on(b) group_left(c) fill(1) d         | a + on (b) group_left (c) fill(1) d
            a + fill_left(1) fill_right(2) b          | a + fill_left(1) fill_right(2) b
            1 > bool 2                                | 1 > bool 2
            -(1)                                      | -(1)
            --a                                       | --a
            "a\\x01\\"b"                              | "a\\x01\\"b"
            1e-7                                      | 1.0E-7
            -Inf                                      | -Inf
            """)
    void printsCanonicalPromQL(String query, String printed) {
        assertEquals(printed, PromQLParser.parse(query).toString());
    }

    @Test
    void builtTreesGetTheParenthesesTheyNeed() {
        VectorSelector a = new VectorSelector("a", List.of(LabelMatcher.eq("__name__", "a")));
        VectorSelector b = new VectorSelector("b", List.of(LabelMatcher.eq("__name__", "b")));
        Expr sum = new BinaryExpr(BinaryOp.ADD, a, b, VectorMatching.ONE_TO_ONE, false);
        Expr product = new BinaryExpr(BinaryOp.MUL, sum, new NumberLiteral(2), null, false);
        assertEquals("(a + b) * 2", product.toString());
        Expr pow = new BinaryExpr(BinaryOp.POW, new UnaryExpr(UnaryExpr.Op.MINUS, a), new NumberLiteral(2), null, false);
        assertEquals("(-a) ^ 2", pow.toString());
        Expr agg = new AggregateExpr(AggregateOp.SUM, product, null, List.of("job"), false);
        assertEquals("sum by (job) ((a + b) * 2)", agg.toString());
    }

    @Test
    void randomExpressionsRoundTrip() {
        long seed = 20_240_601L;
        Random rnd = new Random(seed);
        ExprGen gen = new ExprGen(rnd);
        for (int i = 0; i < 3000; i++) {
            String q = gen.vector(4);
            Expr e;
            try {
                e = PromQLParser.parse(q);
            } catch (ParseException ex) {
                throw new AssertionError("generated query did not parse (seed " + seed + ", #" + i + "): " + q, ex);
            }
            String printed = e.toString();
            Expr again = PromQLParser.parse(printed);
            assertEquals(Exprs.withoutPositions(e), Exprs.withoutPositions(again), "round trip of " + q);
            assertEquals(printed, again.toString(), "printing is not stable for " + q);
        }
    }

    /** Generates well-typed PromQL text from a small grammar. */
    private static final class ExprGen {
        private static final String[] NAMES = {"foo", "bar:baz", "sum", "offset", "x_1"};
        private static final String[] LABELS = {"job", "instance", "on", "le"};
        private static final String[] ARITH = {"+", "-", "*", "/", "%", "^", "atan2"};
        private static final String[] CMP = {"==", "!=", "<", "<=", ">", ">="};
        private static final String[] SET = {"and", "or", "unless"};
        private static final String[] DURATIONS = {"5m", "1h30m", "90", "20s500ms", "1ms", "2w", "1.5"};
        private final Random rnd;

        ExprGen(Random rnd) {
            this.rnd = rnd;
        }

        private String pick(String[] a) {
            return a[rnd.nextInt(a.length)];
        }

        String selector() {
            StringBuilder sb = new StringBuilder();
            boolean named = rnd.nextInt(4) > 0;
            if (named) {
                sb.append(pick(NAMES));
            }
            int n = rnd.nextInt(3);
            if (n > 0 || !named) {
                sb.append('{');
                if (!named) {
                    sb.append("__name__=~\"f.+\"");
                }
                for (int i = 0; i < n; i++) {
                    if (i > 0 || !named) {
                        sb.append(", ");
                    }
                    sb.append(pick(LABELS)).append(pick(new String[] {"=", "!=", "=~", "!~"}))
                            .append(rnd.nextBoolean() ? "\"v\\\"" + i + "\"" : "'a.*'");
                }
                sb.append('}');
            }
            return sb.toString();
        }

        String modifiers() {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(4) == 0) {
                sb.append(" offset ").append(rnd.nextBoolean() ? "-" : "").append(pick(DURATIONS));
            }
            if (rnd.nextInt(5) == 0) {
                sb.append(pick(new String[] {" @ 100", " @ start()", " @ end()", " @ -1.5"}));
            }
            return sb.toString();
        }

        String duration() {
            return switch (rnd.nextInt(5)) {
                case 0 -> "step() * 2";
                case 1 -> "min_of(" + pick(DURATIONS) + ", range() + 1m)";
                default -> pick(DURATIONS);
            };
        }

        String matrix(int depth) {
            if (depth > 0 && rnd.nextInt(3) == 0) {
                return "(" + vector(depth - 1) + ")[" + duration() + ":" + (rnd.nextBoolean() ? duration() : "") + "]"
                        + modifiers();
            }
            String m = selector() + "[" + duration() + "]" + modifiers();
            return rnd.nextInt(6) == 0 ? m + pick(new String[] {" anchored", " smoothed"}) : m;
        }

        String scalar(int depth) {
            if (depth <= 0) {
                return pick(new String[] {"1", "0.5", "-2", "Inf", "NaN", "0x1f", "1m", "time()", "1e3"});
            }
            return switch (rnd.nextInt(5)) {
                case 0 -> "scalar(" + vector(depth - 1) + ")";
                case 1 -> "(" + scalar(depth - 1) + ") " + pick(ARITH) + " (" + scalar(depth - 1) + ")";
                case 2 -> "(" + scalar(depth - 1) + ") " + pick(CMP) + " bool (" + scalar(depth - 1) + ")";
                case 3 -> "(" + scalar(depth - 1) + ")";
                default -> "-(" + scalar(depth - 1) + ")";
            };
        }

        String vector(int depth) {
            if (depth <= 0) {
                return selector() + modifiers();
            }
            return switch (rnd.nextInt(11)) {
                case 0 -> "rate(" + matrix(depth - 1) + ")";
                case 1 -> "abs(" + vector(depth - 1) + ")";
                case 2 -> pick(new String[] {"sum", "avg", "count", "max"})
                        + (rnd.nextBoolean() ? " by (job, \"a.b\")" : " without (instance)") + " (" + vector(depth - 1) + ")";
                case 3 -> "topk(" + scalar(depth - 1) + ", " + vector(depth - 1) + ")";
                case 4 -> "(" + vector(depth - 1) + ") " + pick(ARITH) + matching() + " (" + vector(depth - 1) + ")";
                case 5 -> "(" + vector(depth - 1) + ") " + pick(CMP) + (rnd.nextBoolean() ? " bool" : "") + " ("
                        + scalar(depth - 1) + ")";
                case 6 -> "(" + vector(depth - 1) + ") " + pick(SET) + (rnd.nextBoolean() ? " on(job)" : "") + " ("
                        + vector(depth - 1) + ")";
                case 7 -> "(" + vector(depth - 1) + ")";
                case 8 -> "-(" + vector(depth - 1) + ")";
                case 9 -> "label_replace(" + vector(depth - 1) + ", \"dst\", \"$1\", \"src\", \"(.*)\")";
                default -> "max_over_time(" + matrix(depth - 1) + ")";
            };
        }

        private String matching() {
            return switch (rnd.nextInt(5)) {
                case 0 -> " on(job)";
                case 1 -> " ignoring(instance) group_left(x)";
                case 2 -> " on() group_right fill(0)";
                case 3 -> " fill_left(-1)";
                default -> "";
            };
        }
    }
}
