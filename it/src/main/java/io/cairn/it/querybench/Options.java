package io.cairn.it.querybench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options {@code --name=value} ({@code --name} alone means true). Unknown names
 * are rejected with the list of known ones, so a typo never silently runs another benchmark.
 */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String[] args, Set<String> known) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
            }
            values.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String def) {
        return values.getOrDefault(name, def);
    }

    long longValue(String name, long def) {
        String v = values.get(name);
        try {
            return v == null ? def : Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + "=" + v + ": want an integer");
        }
    }

    int intValue(String name, int def) {
        return Math.toIntExact(longValue(name, def));
    }

    boolean bool(String name, boolean def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + "=" + v + ": want true or false");
        };
    }
}
