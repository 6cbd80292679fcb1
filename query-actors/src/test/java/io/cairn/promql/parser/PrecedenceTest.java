package io.cairn.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator precedence and associativity, stated as fully bracketed trees. */
class PrecedenceTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            1 + 2 * 3                 | (+ 1 (* 2 3))
            1 * 2 + 3                 | (+ (* 1 2) 3)
            1 - 2 - 3                 | (- (- 1 2) 3)
            8 / 4 / 2                 | (/ (/ 8 4) 2)
            2 * 3 % 2                 | (% (* 2 3) 2)
            2 ^ 3 ^ 2                 | (^ 2 (^ 3 2))
            2 * 3 ^ 2                 | (* 2 (^ 3 2))
            -2 ^ 2                    | (- (^ 2 2))
            -2 * 3                    | (* -2 3)
            - 2                       | -2
            +2                        | 2
            1 - -1                    | (- 1 -1)
            2 ^ -1                    | (^ 2 -1)
            2 ^ -1 * 3                | (* (^ 2 -1) 3)
            -a ^ b                    | (- (^ a b))
            -a * b                    | (* (- a) b)
            a + b * c ^ d             | (+ a (* b (^ c d)))
            a atan2 b * c             | (* (atan2 a b) c)
            a + b atan2 c             | (+ a (atan2 b c))
            a == b + c                | (== a (+ b c))
            a + b > bool c            | (> bool (+ a b) c)
            a and b == c              | (and a (== b c))
            a or b and c              | (or a (and b c))
            a and b or c unless d     | (or (and a b) (unless c d))
            a unless b and c          | (and (unless a b) c)
            a or b or c               | (or (or a b) c)
            a < b <= c                | (<= (< a b) c)
            (1 + 2) * 3               | (* (paren (+ 1 2)) 3)
            a </ 1 + 2                | (+ (</ a 1) 2)
            a >/ 1 * 2                | (* (>/ a 1) 2)
            a + b offset 5m           | (+ a b offset 5m)
            sum(a) + b                | (+ (sum a) b)
            -sum(a)                   | (- (sum a))
            a AND b OR c              | (or (and a b) c)
            """)
    void precedenceAndAssociativity(String query, String expected) {
        assertEquals(expected, Sexpr.of(PromQLParser.parse(query)));
    }
}
