package io.cairn.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.ast.AggregateExpr;
import io.cairn.promql.ast.AggregateOp;
import io.cairn.promql.ast.AtModifier;
import io.cairn.promql.ast.BinaryExpr;
import io.cairn.promql.ast.BinaryOp;
import io.cairn.promql.ast.Call;
import io.cairn.promql.ast.DurationExpr;
import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.MatrixSelector;
import io.cairn.promql.ast.PosRange;
import io.cairn.promql.ast.SelectorMode;
import io.cairn.promql.ast.SubqueryExpr;
import io.cairn.promql.ast.ValueType;
import io.cairn.promql.ast.VectorMatching;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.storage.model.LabelMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Selectors, matchers, modifiers, vector matching and aggregation clauses. */
class SelectorAndModifierTest {

    private static <T> T parse(Class<T> type, String q) {
        return assertInstanceOf(type, PromQLParser.parse(q));
    }

    @Test
    void selectorMatchersIncludeTheNameMatcherFirst() {
        String q = "http_requests_total{job=\"api\", code!=\"500\", path=~\"/a.*\", m!~'x'}";
        VectorSelector vs = parse(VectorSelector.class, q);
        assertEquals("http_requests_total", vs.metricName());
        assertEquals(List.of(
                LabelMatcher.eq("__name__", "http_requests_total"),
                LabelMatcher.of(LabelMatcher.Type.EQ, "job", "api"),
                LabelMatcher.of(LabelMatcher.Type.NEQ, "code", "500"),
                LabelMatcher.of(LabelMatcher.Type.RE, "path", "/a.*"),
                LabelMatcher.of(LabelMatcher.Type.NRE, "m", "x")), vs.matchers());
        assertEquals(ValueType.INSTANT_VECTOR, vs.type());
        assertEquals(0, vs.offsetMs());
        assertNull(vs.at());
        assertEquals(new PosRange(0, q.length()), vs.pos());
    }

    @Test
    void utf8NamesAndKeywordsAsNames() {
        VectorSelector quoted = parse(VectorSelector.class, "{\"my.metric\", \"a.b\"=\"c\"}");
        assertEquals("my.metric", quoted.metricName());
        assertEquals(List.of(LabelMatcher.eq("__name__", "my.metric"), LabelMatcher.eq("a.b", "c")), quoted.matchers());
        assertEquals("colon:name", parse(VectorSelector.class, "colon:name").metricName());
        assertEquals("sum", parse(VectorSelector.class, "sum").metricName());
        assertEquals("offset", parse(VectorSelector.class, "offset").metricName());
        VectorSelector keywordLabels = parse(VectorSelector.class, "x{on=\"1\", by=\"2\", offset=\"3\"}");
        assertEquals(List.of("__name__", "on", "by", "offset"),
                keywordLabels.matchers().stream().map(LabelMatcher::name).toList());
        assertNull(parse(VectorSelector.class, "{__name__=\"x\"}").metricName());
    }

    @Test
    void rangesSubqueriesOffsetsAndAt() {
        MatrixSelector m = parse(MatrixSelector.class, "foo[5m] offset -1m30s @ 100.5");
        assertEquals(300_000, m.rangeMs());
        assertEquals(-90_000, m.selector().offsetMs());
        assertEquals(AtModifier.at(100_500), m.selector().at());
        assertEquals(ValueType.RANGE_VECTOR, m.type());

        SubqueryExpr s = parse(SubqueryExpr.class, "rate(foo[5m])[1h:30s] offset 10m @ end()");
        assertEquals(3_600_000, s.rangeMs());
        assertEquals(30_000, s.stepMs());
        assertEquals(600_000, s.offsetMs());
        assertEquals(AtModifier.END, s.at());
        assertInstanceOf(Call.class, s.expr());

        SubqueryExpr noStep = parse(SubqueryExpr.class, "foo[1h:]");
        assertNull(noStep.step());
        assertEquals(0, noStep.stepMs());

        assertEquals(AtModifier.START, parse(VectorSelector.class, "foo @ start()").at());
        assertEquals(AtModifier.at(-5_000), parse(VectorSelector.class, "foo @ -5").at());
        assertEquals(AtModifier.at(120_000), parse(VectorSelector.class, "foo @ 2m").at());
        assertEquals(AtModifier.at(1_234), parse(VectorSelector.class, "foo @ 1.234").at());
        assertEquals(1_800_000, parse(MatrixSelector.class, "foo[1800]").rangeMs());
        assertEquals(20_000, parse(VectorSelector.class, "foo offset 20").offsetMs());
    }

    /** Duration expressions: value in ms for (step, range) = (10s, 60s). */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            foo[26m+4m]                                     | 1800000
            foo[60*30]                                      | 1800000
            foo[2m*(10+5)]                                  | 1800000
            foo[24m+((1.5*2m)+2m)]                          | 1740000
            foo[-5m+35m]                                    | 1800000
            foo[1h/2]                                       | 1800000
            foo[1h30m % 1h]                                 | 1800000
            foo[30m1s-30m1s % 1m]                           | 1800000
            foo[step()]                                     | 10000
            foo[step()+1ms]                                 | 10001
            foo[1+(STep()-5)*2]                             | 11000
            foo[min_of(step()+1,1h)]                        | 11000
            foo[max_of(min_of(step()+1,1h),1ms)]            | 11000
            foo[range()]                                    | 60000
            foo[2^3]                                        | 8000
            """)
    void durationExpressionsInRanges(String query, long expectedMs) {
        MatrixSelector m = parse(MatrixSelector.class, query);
        assertEquals(expectedMs, m.range().toMillis(10_000, 60_000));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            foo offset step()                     | 10000
            foo offset -step()                    | -10000
            foo offset (-step()*2)                | -20000
            foo offset min_of(step(), 1s)         | 1000
            foo offset -(min_of(step(), 2s)-5)    | 3000
            foo offset (100 + 2)                  | 102000
            foo offset (2 ^ 2)                    | 4000
            foo offset -4                         | -4000
            foo offset range()                    | 60000
            """)
    void offsetDurations(String query, long expectedMs) {
        VectorSelector vs = parse(VectorSelector.class, query);
        assertEquals(expectedMs, vs.offset().toMillis(10_000, 60_000));
    }

    @Test
    void offsetTakesOneAtomOnly() {
        BinaryExpr add = parse(BinaryExpr.class, "foo offset 100 + 2");
        assertEquals(100_000, assertInstanceOf(VectorSelector.class, add.lhs()).offsetMs());
        BinaryExpr pow = parse(BinaryExpr.class, "foo offset -2 ^ 2");
        assertEquals(BinaryOp.POW, pow.op());
        assertEquals(-2_000, assertInstanceOf(VectorSelector.class, pow.lhs()).offsetMs());
        BinaryExpr mul = parse(BinaryExpr.class, "foo offset -step()*2");
        assertFalse(assertInstanceOf(VectorSelector.class, mul.lhs()).offset().isConstant());
    }

    @Test
    void extendedRangeModifiers() {
        assertEquals(SelectorMode.ANCHORED, parse(MatrixSelector.class, "foo[1m] anchored").selector().mode());
        assertEquals(SelectorMode.SMOOTHED, parse(MatrixSelector.class, "foo[1m] smoothed").selector().mode());
        VectorSelector vs = parse(VectorSelector.class, "metric offset -100 smoothed");
        assertEquals(SelectorMode.SMOOTHED, vs.mode());
        assertEquals(-100_000, vs.offsetMs());
        assertEquals(SelectorMode.SMOOTHED, parse(VectorSelector.class, "metric @ 100 smoothed").mode());
        // The parser accepts them with any function; the evaluator restricts them.
        assertInstanceOf(Call.class, PromQLParser.parse("deriv(foo[3m] smoothed)"));
    }

    @Test
    void vectorMatching() {
        BinaryExpr b = parse(BinaryExpr.class, "a * on(x, y) group_left(z) b");
        assertEquals(new VectorMatching(VectorMatching.Cardinality.MANY_TO_ONE, List.of("x", "y"), true, List.of("z")),
                b.matching());
        BinaryExpr r = parse(BinaryExpr.class, "a / ignoring(x) group_right b");
        assertEquals(new VectorMatching(VectorMatching.Cardinality.ONE_TO_MANY, List.of("x"), false, List.of()),
                r.matching());
        assertEquals(VectorMatching.ONE_TO_ONE, parse(BinaryExpr.class, "a + b").matching());
        assertEquals(VectorMatching.MANY_TO_MANY, parse(BinaryExpr.class, "a or b").matching());
        assertEquals(VectorMatching.Cardinality.MANY_TO_MANY,
                parse(BinaryExpr.class, "a unless on(x) b").matching().cardinality());
        assertNull(parse(BinaryExpr.class, "a + 1").matching());
        BinaryExpr cmp = parse(BinaryExpr.class, "1 > bool 2");
        assertTrue(cmp.returnBool());
        assertEquals(ValueType.SCALAR, cmp.type());
        assertEquals(ValueType.INSTANT_VECTOR, parse(BinaryExpr.class, "a > bool 2").type());
    }

    @Test
    void fillModifiers() {
        VectorMatching both = parse(BinaryExpr.class, "a + fill(0) b").matching();
        assertEquals(0.0, both.fillLeft());
        assertEquals(0.0, both.fillRight());
        VectorMatching sides = parse(BinaryExpr.class, "a + fill_left(5) fill_right(-Inf) b").matching();
        assertEquals(5.0, sides.fillLeft());
        assertEquals(Double.NEGATIVE_INFINITY, sides.fillRight());
        VectorMatching grouped = parse(BinaryExpr.class, "a * on(i) group_right fill_left(1) b").matching();
        assertEquals(VectorMatching.Cardinality.ONE_TO_MANY, grouped.cardinality());
        assertEquals(1.0, grouped.fillLeft());
        assertNull(grouped.fillRight());
        // A metric called "fill" is still a metric when no parenthesis follows.
        BinaryExpr named = parse(BinaryExpr.class, "other + fill(0) fill");
        assertEquals("fill", assertInstanceOf(VectorSelector.class, named.rhs()).metricName());
        assertEquals("fill", assertInstanceOf(VectorSelector.class, parse(BinaryExpr.class, "other + fill").rhs())
                .metricName());
    }

    @Test
    void aggregations() {
        AggregateExpr before = parse(AggregateExpr.class, "sum by (job, \"a.b\",) (rate(x[5m]))");
        AggregateExpr after = parse(AggregateExpr.class, "SUM(rate(x[5m])) BY (job, \"a.b\")");
        assertEquals(List.of("job", "a.b"), before.grouping());
        assertEquals(before.grouping(), after.grouping());
        assertFalse(before.without());
        AggregateExpr topk = parse(AggregateExpr.class, "topk without (i) (3, x)");
        assertEquals(AggregateOp.TOPK, topk.op());
        assertTrue(topk.without());
        assertEquals("3", topk.param().toString());
        assertEquals(AggregateOp.COUNT_VALUES, parse(AggregateExpr.class, "count_values(((\"v\")), x)").op());
        assertEquals(AggregateOp.LIMIT_RATIO, parse(AggregateExpr.class, "limit_ratio(0.5, x)").op());
        assertEquals(AggregateOp.QUANTILE, parse(AggregateExpr.class, "quantile without(point)(0.8, x)").op());
        assertEquals(List.of("on", "offset"), parse(AggregateExpr.class, "max by (on, offset) (x)").grouping());
    }

    @Test
    void functionCallsAndInfo() {
        Call info = parse(Call.class, "info(metric, {__name__=~\".+_info\"})");
        assertEquals(2, info.args().size());
        assertInstanceOf(Call.class, PromQLParser.parse("info(metric, {k=~\".*\"})"));
        Call hour = parse(Call.class, "hour()");
        assertEquals(0, hour.args().size());
        assertEquals(ValueType.SCALAR, parse(Call.class, "step()").type());
        assertEquals(ValueType.SCALAR, parse(Call.class, "min_of(3, 5)").type());
        Call q = parse(Call.class, "histogram_quantiles(x, \"q\", 0.1, 0.2, 0.3)");
        assertEquals(5, q.args().size());
    }

    @Test
    void positionsCoverTheNodeText() {
        String q = "sum(rate(foo{a=\"b\"}[5m] offset 1m))";
        AggregateExpr sum = parse(AggregateExpr.class, q);
        assertEquals(new PosRange(0, q.length()), sum.pos());
        Call rate = assertInstanceOf(Call.class, sum.expr());
        assertEquals("rate(foo{a=\"b\"}[5m] offset 1m)", q.substring(rate.pos().start(), rate.pos().end()));
        MatrixSelector m = assertInstanceOf(MatrixSelector.class, rate.args().get(0));
        assertEquals("foo{a=\"b\"}[5m] offset 1m", q.substring(m.pos().start(), m.pos().end()));
        assertEquals("1:10", m.pos().startLineCol(q));
        Expr neg = PromQLParser.parse("  -1");
        assertEquals(new PosRange(2, 4), neg.pos());
        assertEquals(DurationExpr.ZERO, parse(VectorSelector.class, "x").offset());
    }
}
