package io.cairn.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromqlTestCommandTest {
    private static final String PASSING = """
            load 5m
              metric{job="a"} 1 2 3

            eval instant at 10m metric
              metric{job="a"} 3

            eval instant at 10m sum(metric)
              {} 3
            """;
    private static final String FAILING = """
            load 5m
              metric 1 2 3

            eval instant at 10m metric
              metric 4
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        return PromqlTestCommand.run(List.of(args), new PrintStream(out, true,
                StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path script(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void allPassing() throws IOException {
        int code = run(script("ok.test", PASSING).toString());
        assertEquals(0, code);
        assertEquals("2 passed, 0 failed\n", output());
    }

    @Test
    void failuresAreListedAndCounted() throws IOException {
        int code = run(script("ok.test", PASSING).toString(),
                script("bad.test", FAILING).toString());
        assertEquals(1, code);
        String[] lines = output().split("\n");
        assertTrue(lines[0].startsWith("FAIL bad.test:4 metric"), output());
        assertEquals("2 passed, 1 failed", lines[lines.length - 1]);
    }

    @Test
    void unreadableFileCountsAsAFailure() {
        int code = run(dir.resolve("missing.test").toString());
        assertEquals(1, code);
        assertTrue(output().startsWith("FAIL " + dir.resolve("missing.test")), output());
        assertTrue(output().endsWith("0 passed, 1 failed\n"), output());
    }

    @Test
    void usageWithoutFiles() {
        assertEquals(2, run());
        assertEquals(2, run("-v"));
    }
}
