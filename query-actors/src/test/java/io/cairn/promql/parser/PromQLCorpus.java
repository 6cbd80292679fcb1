package io.cairn.promql.parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the queries of the Prometheus conformance scripts in place (never copied into this
 * repository): {@code ../../shared/promql-tests} relative to the module, or
 * {@code -Dcairn.promqlTests=<dir>}, or {@code /work/shared/promql-tests}.
 */
final class PromQLCorpus {
    /** One eval statement: where it is and the query text. */
    record EvalQuery(String file, int line, String query) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + query;
        }
    }

    private static final Pattern INSTANT = Pattern.compile("^eval(?:_\\w+)?\\s+instant\\s+at\\s+\\S+\\s+(.+)$");
    private static final Pattern RANGE =
            Pattern.compile("^eval(?:_\\w+)?\\s+range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+\\s+(.+)$");

    private PromQLCorpus() {
    }

    /** The corpus directory, or null when it is not available on this machine. */
    static Path directory() {
        List<String> candidates = new ArrayList<>();
        String prop = System.getProperty("cairn.promqlTests");
        if (prop != null) {
            candidates.add(prop);
        }
        candidates.add("../../shared/promql-tests");
        candidates.add("../../../shared/promql-tests");
        candidates.add("/work/shared/promql-tests");
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    static List<EvalQuery> evalQueries(Path dir) {
        List<EvalQuery> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.startsWith("eval")) {
                        continue;
                    }
                    Matcher m = INSTANT.matcher(line);
                    if (!m.matches()) {
                        m = RANGE.matcher(line);
                        if (!m.matches()) {
                            throw new IllegalStateException("unrecognised eval header at " + f + ":" + (i + 1));
                        }
                    }
                    out.add(new EvalQuery(f.getFileName().toString(), i + 1, m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
