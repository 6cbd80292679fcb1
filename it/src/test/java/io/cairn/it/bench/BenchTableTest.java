package io.cairn.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTableTest {
    @Test
    void rendersOneColumnPerResultAndNaForMissingFigures(@TempDir Path dir) throws IOException {
        BenchResult vm = new BenchResult().put("name", "vm").put("series", 100056).put("rounds", 20)
                .put("requestSamples", 5000).put("concurrency", 4).put("samplesOk", 2001120L)
                .put("samplesPerSecond", 493598.7).put("bytesPerSample", 5.7231).put("peakRssBytes", 232_783_872L)
                .put("peakRssPerMillionSeriesBytes", 2.3e9);
        vm.write(dir.resolve("vm.properties"));
        BenchResult cairn = new BenchResult().put("name", "cairn").put("series", 100056)
                .put("failure", "io.cairn.it.harness.Poll$GiveUp: cairn exited (last failure: x) | more");
        cairn.write(dir.resolve("cairn.properties"));

        String table = BenchTable.render(List.of(BenchResult.read(dir.resolve("vm.properties")),
                BenchResult.read(dir.resolve("cairn.properties"))));
        List<String> lines = table.lines().toList();
        assertEquals("| | vm | cairn | ", lines.get(0));
        assertTrue(table.contains("| **samples/s (wall)** | 493,599 | n/a | "), table);
        assertTrue(table.contains("| **bytes/sample on disk** | 5.723 | n/a | "), table);
        assertTrue(table.contains("| **peak RSS (MiB)** | 222.0 | n/a | "), table);
        assertTrue(table.contains("| failure | n/a | io.cairn.it.harness.Poll$GiveUp: cairn exited | "), table);
        for (String line : lines.subList(2, lines.size())) {
            assertEquals(4, line.split("(?<!\\\\)\\|", -1).length - 1, "three cells in: " + line);
        }
    }

    @Test
    void argsRejectUnknownOptionsAndBadNumbers() {
        Set<String> known = Set.of("series", "verify");
        BenchArgs a = new BenchArgs(new String[] {"--series=1_000_000", "--verify"}, known);
        assertEquals(1_000_000, a.longValue("series", 5));
        assertEquals("true", a.string("verify", "false"));
        assertEquals(7, a.intValue("rounds", 7));
        assertThrows(IllegalArgumentException.class, () -> new BenchArgs(new String[] {"--sereis=1"}, known));
        assertThrows(IllegalArgumentException.class, () -> new BenchArgs(new String[] {"series=1"}, known));
        assertThrows(IllegalArgumentException.class,
                () -> new BenchArgs(new String[] {"--series=many"}, known).longValue("series", 1));
    }
}
