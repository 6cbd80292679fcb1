package io.cairn.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact error messages, in Prometheus's wording and with its line:column positions. */
class ParseErrorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~~                          | 1:1: parse error: no expression found in input
            sum(foo                     | 1:8: parse error: unclosed left parenthesis
            foo)                        | 1:4: parse error: unexpected right parenthesis ')'
            1 +                         | 1:4: parse error: unexpected end of input
            foo{                        | 1:5: parse error: unexpected end of input inside braces
            foo[5m                      | 1:7: parse error: unclosed left bracket
            foo]                        | 1:4: parse error: unexpected right bracket ']'
            foo $                       | 1:5: parse error: unexpected character: '$'
            1 1                         | 1:3: parse error: unexpected number "1"
            a == b c                    | 1:8: parse error: unexpected identifier "c"
            a + on                      | 1:7: parse error: unexpected end of input in grouping opts, expected "("
            on                          | 1:1: parse error: unexpected <on>
            x + +                       | 1:6: parse error: unexpected end of input
            a + * b                     | 1:5: parse error: unexpected <op:*>
            {}                          | 1:1: parse error: vector selector must contain at least one non-empty matcher
            {a=~".*"}                   | 1:1: parse error: vector selector must contain at least one non-empty matcher
            foo{a="b" c="d"}            | 1:11: parse error: unexpected identifier "c" in label matching, expected "," or "}"
            foo{a}                      | 1:6: parse error: unexpected "}" in label matching, expected label matching operator
            foo{a=b}                    | 1:7: parse error: unexpected identifier "b" in label matching, expected string
            foo{__name__="bar"}         | 1:1: parse error: metric name must not be set twice: "foo" or "bar"
            rate(foo)                   | 1:6: parse error: expected type range vector in call to function "rate", got instant vector
            abs(foo[5m])                | 1:5: parse error: expected type instant vector in call to function "abs", got range vector
            rate(foo[5m], 1)            | 1:1: parse error: expected 1 argument(s) in call to "rate", got 2
            round()                     | 1:1: parse error: expected at least 1 argument(s) in call to "round", got 0
            round(a, 1, 2)              | 1:1: parse error: expected at most 2 argument(s) in call to "round", got 3
            label_join(a, "b")          | 1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 2
            label_join(a, "b", ",", 1)  | 1:25: parse error: expected type string in call to function "label_join", got scalar
            unknown_fn(x)               | 1:1: parse error: unknown function with name "unknown_fn"
            rate(foo[5m],)              | 1:13: parse error: trailing commas not allowed in function call args
            foo[5m][1m]                 | 1:8: parse error: ranges only allowed for vector selectors
            (foo)[5m]                   | 1:6: parse error: ranges only allowed for vector selectors
            foo offset 5m[5m]           | 1:14: parse error: no offset modifiers allowed before range
            foo @ 1 [5m]                | 1:9: parse error: no @ modifiers allowed before range
            foo[5m][1h:1m]              | 1:1: parse error: subquery is only allowed on instant vector, got matrix instead
            1 offset 5m                 | 1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery
            1 @ 5                       | 1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery
            foo offset 1m offset 2m     | 1:1: parse error: offset may not be set multiple times
            foo @ 1 @ 2                 | 1:1: parse error: @ <timestamp> may not be set multiple times
            foo @ Inf                   | 1:7: parse error: timestamp out of bounds for @ modifier: +Inf
            foo offset                  | 1:11: parse error: unexpected end of input in offset, expected number, duration, step(), or range()
            foo @                       | 1:6: parse error: unexpected end of input in @, expected timestamp
            foo[]                       | 1:5: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()
            foo[5m:1m                   | 1:10: parse error: unclosed left bracket
            foo[0]                      | 1:4: parse error: duration must be greater than 0
            foo[-5m]                    | 1:4: parse error: duration must be greater than 0
            foo[5m:0s]                  | 1:8: parse error: duration must be greater than 0
            foo[5m1]                    | 1:5: parse error: bad number or duration syntax: "5m1"
            1x                          | 1:1: parse error: bad number or duration syntax: "1"
            foo[1m1h]                   | 1:5: parse error: not a valid duration string: "1m1h"
            foo[1m/0]                   | 1:7: parse error: division by zero
            foo[1m%0]                   | 1:7: parse error: modulo by zero
            "unterminated               | 1:1: parse error: unterminated quoted string
            `raw                        | 1:1: parse error: unterminated raw string
            '\\q'                       | 1:1: parse error: unknown escape sequence U+0071 'q'
            sum foo                     | 1:5: parse error: unexpected identifier "foo"
            sum by foo (x)              | 1:8: parse error: unexpected identifier "foo" in grouping opts, expected "("
            sum by (a b) (x)            | 1:11: parse error: unexpected identifier "b" in grouping opts, expected "," or ")"
            sum by (1) (x)              | 1:9: parse error: unexpected number "1" in grouping opts, expected label
            topk(x)                     | 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1
            sum(a, b)                   | 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2
            sum(1)                      | 1:5: parse error: expected type instant vector in aggregation expression, got scalar
            topk("a", x)                | 1:6: parse error: expected type scalar in aggregation parameter, got string
            count_values(1, x)          | 1:14: parse error: expected type string in aggregation parameter, got scalar
            1 < 2                       | 1:3: parse error: comparisons between scalars must use BOOL modifier
            x + bool y                  | 1:3: parse error: bool modifier can only be used on comparison operators
            x and 1                     | 1:1: parse error: set operator "and" not allowed in binary scalar expression
            x and on(a) group_left y    | 1:1: parse error: no grouping allowed for "and" operation
            x or ignoring(a) group_right y | 1:1: parse error: no grouping allowed for "or" operation
            x + on(a) group_left(a) y   | 1:3: parse error: label "a" must not occur in ON and GROUP clause at once
            1 + on(a) x                 | 1:1: parse error: vector matching only allowed between instant vectors
            foo[5m] + 1                 | 1:1: parse error: binary expression must contain only scalar and instant vector types
            1 + "a"                     | 1:5: parse error: binary expression must contain only scalar and instant vector types
            -foo[5m]                    | 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"
            -"a"                        | 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"
            info(a, b)                  | 1:9: parse error: expected label selectors only, got vector selector instead
            foo anchored smoothed       | 1:14: parse error: anchored and smoothed modifiers cannot be used together
            rate(a[1m])[5m:] anchored   | 1:18: parse error: anchored modifier must be preceded by an instant vector selector or range vector selector
            """)
    void rejectsWithPrometheusMessage(String query, String expected) {
        ParseException e = assertThrows(ParseException.class, () -> PromQLParser.parse(query));
        assertEquals(expected, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void positionsCountLinesAndUtf8Bytes() {
        ParseException e = assertThrows(ParseException.class, () -> PromQLParser.parse("foo{a=\"ä\"}\n + $"));
        assertEquals("2:4: parse error: unexpected character: '$'", e.getMessage());
        assertEquals("unexpected character: '$'", e.detail());
        ParseException utf8 = assertThrows(ParseException.class, () -> PromQLParser.parse("{a=\"ää\"} $"));
        // Two 2-byte characters before the '$': column counts bytes like Prometheus.
        assertEquals("1:12: parse error: unexpected character: '$'", utf8.getMessage());
    }
}
