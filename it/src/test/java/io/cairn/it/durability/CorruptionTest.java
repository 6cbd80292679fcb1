package io.cairn.it.durability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.Poll;
import io.cairn.it.harness.RunDirectories;
import io.cairn.it.harness.jsonl.ExportedSeries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Damaged files on disk, with a real process: a WAL whose last record is torn is cut at the
 * last whole record (with a log line naming the file), and a part that fails its checksums is
 * reported and taken out of service while everything else stays readable.
 */
class CorruptionTest {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final long T0 = System.currentTimeMillis() / 3_600_000L * 3_600_000L
            - 3_600_000L;

    private CairnNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private CairnNode start(String name, String flushInterval) {
        CairnNode n = CairnNode.builder(RunDirectories.create("corruption").resolve(name), name)
                .jvmOption("-Xmx512m").flag("-inmemoryDataFlushInterval=" + flushInterval)
                .flag("-shards=4").build();
        n.start();
        n.waitHealthy(STARTUP);
        return n;
    }

    /** One request of ten samples of {@code metric}: values k*10 .. k*10+9. */
    private void write(String metric, int k) {
        StringBuilder body = new StringBuilder();
        for (int j = 0; j < 10; j++) {
            body.append(metric).append("{batch=\"all\"} ").append(k * 10 + j).append(' ')
                    .append(T0 + (k * 10L + j) * 15_000).append('\n');
        }
        HttpResult r = node.api().post("/api/v1/import/prometheus",
                body.toString().getBytes(StandardCharsets.UTF_8), "text/plain");
        assertEquals(204, r.status(), r.text());
    }

    private double[] exported(String metric) {
        List<ExportedSeries> s = node.api().export(metric, null, null);
        return s.isEmpty() ? new double[0] : s.get(0).values();
    }

    private static double[] range(int from, int to) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = i;
        }
        return out;
    }

    @Test
    void tornWalTailIsCutAtTheLastWholeRecord() throws IOException {
        // Rows stay in the WAL only: no flush during the test.
        node = start("torn", "1h");
        for (int k = 0; k < 3; k++) {
            write("torn_metric", k);
        }
        assertArrayEquals(range(0, 30), exported("torn_metric"));
        node.kill9();

        Path segment = largestFile(node.dataDir().resolve("replicas"), ".seg");
        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        node.restart();
        node.waitHealthy(STARTUP);

        assertArrayEquals(range(0, 20), exported("torn_metric"),
                "the first two records survive; the torn third one is cut");
        String log = Files.readString(node.logFile());
        assertTrue(log.contains("torn tail cut at offset") && log.contains(segment.toString()),
                "a log line names the cut file:\n" + node.logTail());
        write("torn_metric", 3);
        assertArrayEquals(concat(range(0, 20), range(30, 40)), exported("torn_metric"),
                "the cut WAL takes new writes");
    }

    @Test
    void partFailingItsChecksumIsReportedAndNotServed() throws IOException {
        node = start("part", "1s");
        write("damaged_metric", 0);
        // Committed flushes are counted in /metrics; wait until every part file on disk is
        // served (recorded in the manifest), so the WAL no longer holds these rows.
        Poll.until(Duration.ofSeconds(60), "the rows flushed into a recorded part", () -> {
            Double served = node.api().scrapeMetric("cairn_storage_parts");
            int onDisk = partFiles(node.dataDir()).size();
            return onDisk > 0 && served != null && served.intValue() == onDisk;
        });
        assertEquals(0, node.stop());

        // A flipped byte inside the first block. Depending on what the damage hits it shows when
        // the part is opened or when the block is read; either way it must be reported with
        // the file's name and the part taken out of service.
        List<Path> damaged = partFiles(node.dataDir());
        for (Path p : damaged) {
            flipByte(p, 40);
        }
        node.restart();
        node.waitHealthy(STARTUP);

        assertEquals(0, exported("damaged_metric").length, "damaged data is not served");
        Poll.until(Duration.ofSeconds(30), "damaged parts moved aside", () -> {
            try (Stream<Path> s = Files.walk(node.dataDir().resolve("replicas"))) {
                return s.anyMatch(p -> p.getParent().getFileName().toString().equals("corrupt"));
            }
        });
        String log = Files.readString(node.logFile());
        for (Path p : damaged) {
            assertTrue(log.contains("corrupt part " + p),
                    "the damage of " + p + " is logged:\n" + node.logTail());
        }
        assertTrue(node.api().isHealthy());
        write("after_damage", 1);
        assertArrayEquals(range(10, 20), exported("after_damage"), "the node still stores data");
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<Path> partFiles(Path dataDir) throws IOException {
        try (Stream<Path> s = Files.walk(dataDir.resolve("replicas"))) {
            return s.filter(p -> p.toString().endsWith(".part")
                    && p.getParent().getFileName().toString().equals("parts")).toList();
        }
    }

    private static Path largestFile(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix))
                    .max(Comparator.comparingLong(CorruptionTest::sizeOf))
                    .orElseThrow(() -> new AssertionError("no " + suffix + " file under " + root));
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x5A));
            b.rewind();
            ch.write(b, offset);
        }
    }
}
