package io.cairn.storage.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * One label matcher of a selector: {@code name = value}, {@code !=}, {@code =~}, {@code !~}.
 * Regular expressions have RE2 semantics and are fully anchored, as in Prometheus; RE2J runs in
 * linear time so no query can hang a node with a pathological pattern.
 *
 * <p>A missing label has the value "", so {@code foo=""} matches series without {@code foo}
 * and {@code foo=~".*"} matches every series. Immutable and thread-safe.
 */
public final class LabelMatcher {
    public enum Type {
        EQ("="), NEQ("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Type(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private final Type type;
    private final String name;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(Type type, String name, String value, Pattern pattern) {
        this.type = type;
        this.name = name;
        this.value = value;
        this.pattern = pattern;
    }

    /** @throws IllegalArgumentException with RE2J's message when a regex does not compile */
    public static LabelMatcher of(Type type, String name, String value) {
        Pattern p = null;
        if (type == Type.RE || type == Type.NRE) {
            try {
                p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "invalid regular expression \"" + value + "\": " + e.getMessage(), e);
            }
        }
        return new LabelMatcher(type, name, value, p);
    }

    public static LabelMatcher eq(String name, String value) {
        return of(Type.EQ, name, value);
    }

    public Type type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** Whether the value (use "" for an absent label) satisfies this matcher. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQ -> v.equals(value);
            case NEQ -> !v.equals(value);
            case RE -> pattern.matches(v);
            case NRE -> !pattern.matches(v);
        };
    }

    public boolean matches(Labels labels) {
        return matches(labels.get(name));
    }

    /** Whether this matcher accepts the empty string, i.e. also series lacking the label. */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m
                && m.type == type && m.name.equals(name) && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + name.hashCode()) * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(type.symbol).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
