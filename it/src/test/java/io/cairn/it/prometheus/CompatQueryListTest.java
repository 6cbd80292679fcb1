package io.cairn.it.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompatQueryListTest {
    @Test
    void expandsEveryCombinationFirstPlaceholderSlowest() {
        List<CompatQuery> qs = CompatQueryList.parse("""
                # comment
                @op = sum max
                @range = 1m 5m

                {{op}}_over_time(x[{{range}}])
                !fail {__name__=~".*"}
                """);
        assertEquals(List.of("sum_over_time(x[1m])", "sum_over_time(x[5m])", "max_over_time(x[1m])",
                "max_over_time(x[5m])", "{__name__=~\".*\"}"), qs.stream().map(CompatQuery::promql).toList());
        assertEquals(List.of(false, false, false, false, true), qs.stream().map(CompatQuery::shouldFail).toList());
        assertEquals(5, qs.get(0).line());
    }

    @Test
    void repeatedPlaceholderTakesOneValuePerCombination() {
        List<CompatQuery> qs = CompatQueryList.parse("@o = + -\nx {{o}} y {{o}} z\n");
        assertEquals(List.of("x + y + z", "x - y - z"), qs.stream().map(CompatQuery::promql).toList());
    }

    @Test
    void duplicatesCollapse() {
        assertEquals(1, CompatQueryList.parse("up\nup\n").size());
    }

    @Test
    void rejectsUndefinedVariantsAndMalformedDefinitions() {
        var e = assertThrows(IllegalArgumentException.class, () -> CompatQueryList.parse("rate(x[{{range}}])"));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("@range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompatQueryList.parse("@range =\n"));
    }

    @Test
    void shippedListExpandsToTheComplianceShapesPlusDashboards() {
        List<CompatQuery> qs = CompatQueryList.load("/prometheus/compat-queries.txt");
        // 539 compliance-shaped queries (the tester's count) less 2 of its templates that
        // expand to repeats here, plus the dashboard section.
        assertTrue(qs.size() > 560, "only " + qs.size() + " queries");
        assertEquals(5, qs.stream().filter(CompatQuery::shouldFail).count());
        assertTrue(qs.stream().noneMatch(q -> q.promql().contains("{{")));
    }
}
