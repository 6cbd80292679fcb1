package io.cairn.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.model.LabelMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexShapeTest {
    private static final Object[][] SHAPES = {
        {".*", RegexShape.Kind.ANY},
        {".+", RegexShape.Kind.NON_EMPTY},
        {"a|b|c", RegexShape.Kind.LITERALS},
        {"abc", RegexShape.Kind.LITERALS},
        {"", RegexShape.Kind.LITERALS},
        {"a|", RegexShape.Kind.LITERALS},
        {"a\\.b|c\\|d", RegexShape.Kind.LITERALS},
        {"node_.*", RegexShape.Kind.PREFIX},
        {"node_.+", RegexShape.Kind.PREFIX_NON_EMPTY_REST},
        {"a\\.b.*", RegexShape.Kind.PREFIX},
        {"a|b.*", RegexShape.Kind.GENERAL},
        {"a\\.*", RegexShape.Kind.GENERAL},
        {"(?i)abc", RegexShape.Kind.GENERAL},
        {"a\\d", RegexShape.Kind.GENERAL},
        {"[ab]", RegexShape.Kind.GENERAL},
        {"ab?", RegexShape.Kind.GENERAL},
        {".*foo", RegexShape.Kind.GENERAL},
        {"a\\", RegexShape.Kind.GENERAL},
    };

    private static final List<String> VALUES = List.of("", "a", "b", "c", "abc", "a.b", "axb",
            "c|d", "node_", "node_x", "node_\nx", "a|b", "ABC", "a1", "aa", "foo", "a\\", "a..");

    @Test
    void shapesAndAgreementWithRe2() {
        for (Object[] c : SHAPES) {
            String regex = (String) c[0];
            RegexShape shape = RegexShape.of(regex);
            assertEquals(c[1], shape.kind(), regex);
            if (shape.kind() == RegexShape.Kind.GENERAL) {
                continue;
            }
            LabelMatcher m = LabelMatcher.of(LabelMatcher.Type.RE, "x", regex);
            for (String v : VALUES) {
                assertEquals(m.matches(v), shape.accepts(v), () -> regex + " on \"" + v + "\"");
            }
        }
    }
}
