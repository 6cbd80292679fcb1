package io.cairn.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.ast.NumberLiteral;
import io.cairn.promql.ast.StringLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Number, duration and string literal forms. */
class LiteralTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            1           | 1
            1.5         | 1.5
            .5          | 0.5
            2.          | 2
            12.34e6     | 12340000
            12.34e+6    | 12340000
            12.34E-6    | 0.00001234
            -0.2e-6     | -0.0000002
            +0.2        | 0.2
            0x1f        | 31
            0XfF        | 255
            010         | 8
            089         | 89
            1_000       | 1000
            1s          | 1
            1m          | 60
            1h30m       | 5400
            20s500ms    | 20.5
            1ms         | 0.001
            1y          | 31536000
            2w          | 1209600
            -5m         | -300
            """)
    void numbers(String query, double expected) {
        NumberLiteral n = assertInstanceOf(NumberLiteral.class, PromQLParser.parse(query));
        assertEquals(expected, n.value(), Math.abs(expected) * 1e-15);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Inf   | Infinity
            inF   | Infinity
            +Inf  | Infinity
            -inf  | -Infinity
            NaN   | NaN
            nan   | NaN
            """)
    void specialFloats(String query, double expected) {
        NumberLiteral n = assertInstanceOf(NumberLiteral.class, PromQLParser.parse(query));
        assertEquals(expected, n.value());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            "Foo"                  | Foo
            ' Foo '                | ~ Foo ~
            ""                     | ~~
            "a\\tb"                | ~a\tb~
            "q\\"q"                | q"q
            'q\\'q'                | q'q
            "\\u00e4\\U0001F600"   | ä😀
            "\\101\\x42"           | AB
            `raw\\n"'`             | raw\\n"'
            "ä"                    | ä
            """)
    void strings(String query, String expected) {
        StringLiteral s = assertInstanceOf(StringLiteral.class, PromQLParser.parse(query));
        assertEquals(expected.replace("\\t", "\t"), s.value());
    }

    @Test
    void invalidUtf8BytesSurviveAsEscapes() {
        StringLiteral s = assertInstanceOf(StringLiteral.class, PromQLParser.parse("\"a\\xc5z\""));
        assertEquals(3, s.value().length());
        assertFalse(GoStrings.isValidUtf8(s.value()));
        assertEquals("\"a\\xc5z\"", GoStrings.quote(s.value()));
        assertEquals("\"a\\xc5z\"", s.toString());
        // A complete UTF-8 sequence written as bytes decodes to the character.
        StringLiteral ok = assertInstanceOf(StringLiteral.class, PromQLParser.parse("\"\\xc3\\xa4\""));
        assertEquals("ä", ok.value());
        assertTrue(GoStrings.isValidUtf8(ok.value()));
    }

    @Test
    void goQuotingOfRunes() {
        assertEquals("'$'", GoStrings.quoteRune('$'));
        assertEquals("'\\n'", GoStrings.quoteRune('\n'));
        assertEquals("'\\''", GoStrings.quoteRune('\''));
        assertEquals("\"tab\\there\\\\\"", GoStrings.quote("tab\there\\"));
    }
}
