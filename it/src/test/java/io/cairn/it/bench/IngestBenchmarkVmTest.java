package io.cairn.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.it.harness.RunDirectories;
import io.cairn.it.harness.VictoriaMetricsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The benchmark driver end to end on a small workload against VictoriaMetrics: it starts the
 * server, sends, settles, measures, verifies and writes its figures. Checks that the pipeline
 * works and the figures are present and plausible, not how fast anything is.
 */
class IngestBenchmarkVmTest {
    @Test
    void smallRunAgainstVictoriaMetricsProducesFiguresAndVerifiesExactly() throws Exception {
        assumeTrue(VictoriaMetricsProcess.findBinary().isPresent(), "victoria-metrics is not installed");
        Path out = RunDirectories.create("bench-vm");
        String[] args = {"--target=vm", "--name=vm", "--series=3000", "--rounds=6", "--request-samples=1000",
            "--concurrency=2", "--verify-hosts=3", "--start-ms=1700000000000", "--out-dir=" + out};
        assertEquals(0, IngestBenchmark.run(new BenchArgs(args, Set.of("target", "name", "series", "rounds",
                "request-samples", "concurrency", "verify-hosts", "start-ms", "out-dir"))));

        BenchResult r = BenchResult.read(out.resolve("vm.properties"));
        assertNull(r.get("failure"));
        long samples = Long.parseLong(r.get("samples"));
        assertEquals(samples, Long.parseLong(r.get("samplesOk")));
        assertEquals("0", r.get("samplesFailed"));
        assertTrue(Long.parseLong(r.get("diskBytes")) > 0);
        assertTrue(Long.parseLong(r.get("peakRssBytes")) > 0);
        assertTrue(Double.parseDouble(r.get("samplesPerSecond")) > 0);
        assertEquals("true", r.get("flushed"));
        assertEquals(r.get("verifySamples"), r.get("verifyExact"), "verification: " + r.asMap());

        String table = BenchTable.render(List.of(r, r));
        assertTrue(table.contains("| **samples/s (wall)** |"), table);
        assertTrue(table.contains("| failure | n/a | n/a |"), "a run without failure shows n/a there: " + table);
        Files.writeString(out.resolve("table.md"), table);
    }
}
