package io.cairn.it.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name=value} (or {@code --flag} for true). Unknown
 * names are rejected with the list of known ones, so a typo never silently runs a different
 * benchmark.
 */
final class BenchArgs {
    private final Map<String, String> values = new LinkedHashMap<>();

    BenchArgs(String[] args, Set<String> known) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + new java.util.TreeSet<>(known));
            }
            values.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    long longValue(String name, long defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    int intValue(String name, int defaultValue) {
        long v = longValue(name, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " out of range: " + v);
        }
        return (int) v;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
