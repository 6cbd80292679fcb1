package io.cairn.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of one benchmark run as ordered {@code key=value} lines (a .properties file that
 * {@link BenchTable} reads back to build the side-by-side table).
 */
final class BenchResult {
    private final Map<String, String> values = new LinkedHashMap<>();

    BenchResult put(String key, Object value) {
        values.put(key, value instanceof Double d ? format(d) : String.valueOf(value));
        return this;
    }

    String get(String key) {
        return values.get(key);
    }

    Map<String, String> asMap() {
        return values;
    }

    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", " ")).append('\n'));
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    static BenchResult read(Path file) throws IOException {
        BenchResult r = new BenchResult();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                r.values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return r;
    }

    static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.6g", d);
    }
}
