package io.cairn.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.jsonl.ExportedSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessBasicsTest {
    @Test
    void freePortsAreDistinctAndNeverHandedOutTwice() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            for (int port : FreePorts.allocate(3)) {
                assertTrue(port > 0 && port < 65536);
                assertTrue(seen.add(port), "port " + port + " handed out twice");
            }
        }
    }

    @Test
    void pollReturnsOnceTheConditionHoldsAndTreatsFailuresAsNotYet() {
        AtomicInteger calls = new AtomicInteger();
        int value = Poll.untilValue(Duration.ofSeconds(10), "third call", () -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new IOException("connection refused");
            }
            return n >= 3 ? java.util.Optional.of(n) : java.util.Optional.empty();
        });
        assertEquals(3, value);
    }

    @Test
    void pollTimeoutNamesWhatItWaitedForAndTheLastFailure() {
        PollTimeoutException e = assertThrows(PollTimeoutException.class,
                () -> Poll.until(Duration.ofMillis(100), "the impossible", () -> {
                    throw new IllegalStateException("still broken");
                }));
        assertTrue(e.getMessage().contains("the impossible") && e.getMessage().contains("still broken"), e.getMessage());
    }

    @Test
    void pollStopsAtOnceWhenTheProbeGivesUp() {
        long t0 = System.nanoTime();
        Poll.GiveUp e = assertThrows(Poll.GiveUp.class, () -> Poll.until(Duration.ofSeconds(60), "never", () -> {
            throw new Poll.GiveUp("process exited");
        }));
        assertEquals("process exited", e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
    }

    @Test
    void waitHealthyFailsFastWhenTheServerExits(@TempDir Path dir) throws IOException {
        // A "Cairn jar" whose main exits at once, like the node before it serves HTTP.
        Path jar = dir.resolve("exits.jar");
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "NoSuchMain");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.flush();
        }
        try (CairnNode node = CairnNode.builder(dir.resolve("n1"), "n1").jar(jar).build()) {
            node.start();
            Poll.GiveUp e = assertThrows(Poll.GiveUp.class, () -> node.waitHealthy(Duration.ofSeconds(120)));
            assertTrue(e.getMessage().contains("exited with code 1") && e.getMessage().contains("NoSuchMain"), e.getMessage());
            assertTrue(Files.readString(node.logFile()).contains("-storageDataPath=" + node.dataDir()));
            assertTrue(node.httpPort() != node.clusterPort() && node.clusterPort() != node.managementPort());
        }
    }

    @Test
    void procStatsReadsThisJvm() {
        long pid = ProcessHandle.current().pid();
        ProcStats.Memory m = ProcStats.memory(pid);
        assertTrue(m.rssBytes() > 1 << 20 && m.peakRssBytes() >= m.rssBytes(), m.toString());
        long cpu0 = ProcStats.cpuNanos(pid);
        long x = 0;
        for (long i = 0; i < 300_000_000L; i++) {
            x += i ^ (x >>> 3);
        }
        assertNotEquals(0, x);
        assertTrue(ProcStats.cpuNanos(pid) > cpu0, "CPU time did not grow");
        assertTrue(ProcStats.machineBusyNanos() > 0);
        assertTrue(ProcStats.loadAverage1m() >= 0);
    }

    @Test
    void directorySizeSumsRegularFiles(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("a"), new byte[100]);
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.write(dir.resolve("sub/deeper/b"), new byte[23]);
        assertEquals(123, DirectorySize.bytes(dir));
        assertEquals(0, DirectorySize.bytes(dir.resolve("missing")));
    }

    @Test
    void secondsKeepMillisecondPrecision() {
        assertEquals("1700000000.123", HttpApi.seconds(1_700_000_000_123L));
        assertEquals("0.005", HttpApi.seconds(5));
        assertEquals("-1.500", HttpApi.seconds(-1_500));
    }

    @Test
    void managedProcessLogsRestartsAndReportsExitCodes(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("p.log");
        try (ManagedProcess p = new ManagedProcess("echo", List.of("sh", "-c", "echo hello; exit 3"), log, dir)) {
            p.start();
            Poll.until(Duration.ofSeconds(10), "sh to exit", () -> !p.isAlive());
            assertEquals(3, p.exitValue());
            p.start();
            Poll.until(Duration.ofSeconds(10), "sh to exit again", () -> !p.isAlive());
        }
        String text = Files.readString(log);
        assertTrue(text.contains("start #1") && text.contains("start #2"), text);
        assertEquals(2, text.lines().filter("hello"::equals).count(), text);
    }

    @Test
    void managedProcessStopAndKill(@TempDir Path dir) {
        try (ManagedProcess p = new ManagedProcess("sleeper", List.of("sleep", "600"), dir.resolve("s.log"), dir)) {
            p.start();
            assertTrue(p.isAlive());
            assertEquals(143, p.stop(Duration.ofSeconds(10)), "exit code of SIGTERM");
            p.start();
            p.kill9(Duration.ofSeconds(10));
            assertEquals(137, p.exitValue(), "exit code of SIGKILL");
            assertThrows(IllegalStateException.class, () -> {
                p.start();
                p.start();
            });
        }
    }

    @Test
    void seriesComparisonTellsExactFromLossyFromMissing() {
        ExportedSeries a = ExportedSeries.of(new long[] {1, 2, 3}, new double[] {1.5, 2.5, 3.5}, "__name__", "a");
        ExportedSeries b = ExportedSeries.of(new long[] {1}, new double[] {7}, "__name__", "b");
        assertTrue(new SeriesComparison().compare(List.of(a, b), List.of(b, a)).isExact());

        ExportedSeries aLossy = ExportedSeries.of(new long[] {1, 2, 3}, new double[] {1.5, 2.5000001, 3.5}, "__name__", "a");
        SeriesComparison lossy = new SeriesComparison().compare(List.of(a, b), List.of(aLossy, b));
        assertTrue(lossy.isComplete() && !lossy.isExact());
        assertEquals(1, lossy.valuesDiffering());
        assertTrue(lossy.maxRelativeDeviation() > 3e-8 && lossy.maxRelativeDeviation() < 5e-8);

        ExportedSeries aShort = ExportedSeries.of(new long[] {1, 3, 4}, new double[] {1.5, 3.5, 9}, "__name__", "a");
        ExportedSeries c = ExportedSeries.of(new long[] {1}, new double[] {1}, "__name__", "c");
        SeriesComparison broken = new SeriesComparison().compare(List.of(a, b), List.of(aShort, c));
        assertEquals(1, broken.samplesMissing() - 1, broken.toString()); // ts 2 of a, and all of b
        assertEquals(1, broken.seriesMissing());
        assertEquals(1, broken.seriesUnexpected());
        assertEquals(2, broken.samplesUnexpected(), broken.toString()); // ts 4 of a, c's sample
        assertTrue(!broken.isComplete() && broken.toString().contains("missing series"));
    }
}
