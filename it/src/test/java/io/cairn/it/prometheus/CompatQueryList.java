package io.cairn.it.prometheus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a query list file (format described at the top of
 * {@code src/test/resources/prometheus/compat-queries.txt}) and expands its variant
 * placeholders into concrete queries, in file order. A template whose expansion repeats an
 * earlier query adds nothing. A placeholder naming no defined list, or a malformed definition,
 * is an IllegalArgumentException naming the line.
 */
final class CompatQueryList {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9_]*)}}");
    private static final Pattern DEFINITION = Pattern.compile("@([A-Za-z][A-Za-z0-9_]*)\\s*=(.*)");
    private static final String FAIL_PREFIX = "!fail ";

    private CompatQueryList() {}

    /** Loads and expands a list from the test class path. */
    static List<CompatQuery> load(String resource) {
        try (InputStream in = CompatQueryList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("query list " + resource + " not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static List<CompatQuery> parse(String text) {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        Map<String, CompatQuery> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String raw;
            int lineNo = 0;
            while ((raw = r.readLine()) != null) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("@")) {
                    Matcher m = DEFINITION.matcher(line);
                    if (!m.matches() || m.group(2).isBlank()) {
                        throw new IllegalArgumentException("line " + lineNo + ": want '@name = v1 v2 ...', got: " + line);
                    }
                    variants.put(m.group(1), List.of(m.group(2).strip().split("\\s+")));
                    continue;
                }
                boolean fail = line.startsWith(FAIL_PREFIX);
                String template = fail ? line.substring(FAIL_PREFIX.length()).strip() : line;
                for (String q : expand(template, variants, lineNo)) {
                    out.putIfAbsent((fail ? "!" : "") + q, new CompatQuery(q, fail, lineNo));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BUG: reading a string failed", e);
        }
        return List.copyOf(out.values());
    }

    /** Every substitution of the template's placeholders; the first placeholder varies slowest. */
    static List<String> expand(String template, Map<String, List<String>> variants, int lineNo) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!variants.containsKey(m.group(1))) {
                throw new IllegalArgumentException("line " + lineNo + ": no variant list @" + m.group(1)
                        + " defined before: " + template);
            }
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        List<String> out = new ArrayList<>();
        substitute(template, names, 0, variants, out);
        return out;
    }

    private static void substitute(String text, List<String> names, int index, Map<String, List<String>> variants,
                                   List<String> out) {
        if (index == names.size()) {
            out.add(text);
            return;
        }
        String placeholder = "{{" + names.get(index) + "}}";
        for (String value : variants.get(names.get(index))) {
            substitute(text.replace(placeholder, value), names, index + 1, variants, out);
        }
    }
}
