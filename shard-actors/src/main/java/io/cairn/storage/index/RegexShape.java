package io.cairn.storage.index;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises the regular expressions that need no regex engine, so that the common selectors
 * of dashboards ({@code job=~"a|b|c"}, {@code name=~"node_.*"}, {@code x=~".+"}) become
 * postings lookups or string comparisons. Works on the raw pattern text as given to the
 * matcher, which anchors it fully ({@code ^(?:pattern)$}) with DOTALL, so {@code .*} matches
 * every string. Anything not recognised is {@link Kind#GENERAL} and goes through RE2J.
 */
record RegexShape(Kind kind, List<String> literals, String prefix) {
    enum Kind {
        /** {@code .*}: every value, including the empty one. */
        ANY,
        /** {@code .+}: every non-empty value. */
        NON_EMPTY,
        /** {@code a|b|c}: exactly the listed literal values (possibly including ""). */
        LITERALS,
        /** {@code prefix.*}: values starting with the prefix. */
        PREFIX,
        /** {@code prefix.+}: values starting with the prefix and longer than it. */
        PREFIX_NON_EMPTY_REST,
        GENERAL
    }

    private static final String META = ".+*?()|[]{}^$";
    private static final String ESCAPABLE = "\\.+*?()|[]{}^$-/#&~ \"'=!<>:,@%";

    static RegexShape of(String regex) {
        if (regex.equals(".*")) {
            return new RegexShape(Kind.ANY, List.of(), "");
        }
        if (regex.equals(".+")) {
            return new RegexShape(Kind.NON_EMPTY, List.of(), "");
        }
        List<String> alternatives = literalAlternatives(regex);
        if (alternatives != null) {
            return new RegexShape(Kind.LITERALS, alternatives, "");
        }
        if (regex.endsWith(".*") || regex.endsWith(".+")) {
            List<String> head = literalAlternatives(regex.substring(0, regex.length() - 2));
            if (head != null && head.size() == 1) {
                Kind k = regex.endsWith(".*") ? Kind.PREFIX : Kind.PREFIX_NON_EMPTY_REST;
                return new RegexShape(k, List.of(), head.get(0));
            }
        }
        return new RegexShape(Kind.GENERAL, List.of(), "");
    }

    /** Whether the shape accepts {@code s}; not for {@link Kind#GENERAL}. */
    boolean accepts(String s) {
        return switch (kind) {
            case ANY -> true;
            case NON_EMPTY -> !s.isEmpty();
            case LITERALS -> literals.contains(s);
            case PREFIX -> s.startsWith(prefix);
            case PREFIX_NON_EMPTY_REST -> s.length() > prefix.length() && s.startsWith(prefix);
            case GENERAL -> throw new IllegalStateException("BUG: GENERAL regex has no shortcut");
        };
    }

    /**
     * The literal strings of a top-level alternation of plain text ({@code a|b\.c|}), or null
     * when any part uses regex syntax beyond escaped punctuation.
     */
    private static List<String> literalAlternatives(String regex) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length() || ESCAPABLE.indexOf(regex.charAt(i + 1)) < 0) {
                    return null; // \d, \w, \Q..., a dangling backslash: real regex syntax
                }
                cur.append(regex.charAt(++i));
            } else if (c == '|') {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (META.indexOf(c) >= 0) {
                return null;
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
