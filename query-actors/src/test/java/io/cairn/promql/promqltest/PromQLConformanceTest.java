package io.cairn.promql.promqltest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Prometheus conformance script of {@code ../../shared/promql-tests} in place (never
 * copied): one dynamic test per eval. Skipped evals (native histograms, start timestamps) are
 * reported as aborted with their reason. A failing eval fails the build unless it is listed in
 * {@code promqltest-known-failures.txt}; a listed eval that passes fails too, so the list only
 * ever shrinks. Prints a per-file table to stdout.
 */
class PromQLConformanceTest {
    private static final String KNOWN_FAILURES = "/promqltest-known-failures.txt";

    /** The evaluator reading raw samples for every selector. */
    @TestFactory
    Stream<DynamicNode> conformance() throws IOException {
        return run(new ScriptRunner());
    }

    /**
     * The evaluator pushing selectors, range functions and simple aggregations down as
     * rollups to three stand-in shards, as it does against a cluster.
     */
    @TestFactory
    Stream<DynamicNode> conformanceWithRollups() throws IOException {
        return run(new ScriptRunner(ScriptRunner.TEST_OPTIONS, 3));
    }

    private Stream<DynamicNode> run(ScriptRunner runner) throws IOException {
        Path dir = corpusDirectory();
        Assumptions.assumeTrue(dir != null, "PromQL conformance corpus not found");
        Map<String, String> known = knownFailures();
        Map<String, List<CaseResult>> byFile = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        for (Path f : files) {
            byFile.put(f.getFileName().toString(), runner.runFile(f));
        }
        printTable(byFile);
        List<DynamicNode> containers = new ArrayList<>();
        for (Map.Entry<String, List<CaseResult>> e : byFile.entrySet()) {
            List<DynamicTest> tests = new ArrayList<>();
            for (CaseResult r : e.getValue()) {
                tests.add(DynamicTest.dynamicTest(r.id() + " " + r.expr(), () -> check(r, known)));
            }
            containers.add(DynamicContainer.dynamicContainer(e.getKey(), tests));
        }
        return containers.stream();
    }

    private static void check(CaseResult r, Map<String, String> known) {
        switch (r.status()) {
            case PASSED -> {
                if (known.containsKey(r.id())) {
                    fail(r.id() + " passes now: remove it from " + KNOWN_FAILURES);
                }
            }
            case SKIPPED -> Assumptions.abort("skipped: " + r.message());
            case FAILED -> {
                if (known.containsKey(r.id())) {
                    Assumptions.abort("known failure (" + known.get(r.id()) + "): " + r.message());
                }
                fail(r.message());
            }
            default -> throw new IllegalStateException("BUG: " + r.status());
        }
    }

    private static void printTable(Map<String, List<CaseResult>> byFile) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-28s %7s %7s %7s %7s%n", "file", "evals", "passed", "failed", "skipped"));
        int[] total = new int[4];
        for (Map.Entry<String, List<CaseResult>> e : byFile.entrySet()) {
            int[] c = new int[4];
            for (CaseResult r : e.getValue()) {
                c[0]++;
                c[1 + r.status().ordinal()]++;
            }
            for (int k = 0; k < 4; k++) {
                total[k] += c[k];
            }
            sb.append(String.format("%-28s %7d %7d %7d %7d%n", e.getKey(), c[0], c[1], c[2], c[3]));
        }
        sb.append(String.format("%-28s %7d %7d %7d %7d%n", "total", total[0], total[1], total[2], total[3]));
        System.out.print(sb);
    }

    /** {@code file:line  # reason} lines; blank lines and comments ignored. */
    private static Map<String, String> knownFailures() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = PromQLConformanceTest.class.getResourceAsStream(KNOWN_FAILURES)) {
            assertNotNull(in, KNOWN_FAILURES + " missing from test resources");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int hash = l.indexOf('#');
                String id = (hash < 0 ? l : l.substring(0, hash)).strip();
                out.put(id, hash < 0 ? "" : l.substring(hash + 1).strip());
            }
        }
        return out;
    }

    /**
     * The corpus: {@code -Dcairn.promqlTests=<dir>}, else {@code ../../shared/promql-tests}
     * relative to the module directory, else {@code /work/shared/promql-tests}; null if none.
     */
    static Path corpusDirectory() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("cairn.promqlTests");
        if (prop != null) {
            candidates.add(Path.of(prop));
        }
        candidates.add(Path.of("").toAbsolutePath().resolve("../../shared/promql-tests").normalize());
        candidates.add(Path.of("/work/shared/promql-tests"));
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }
}
