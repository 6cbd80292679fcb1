package io.cairn.it.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.Poll;
import io.cairn.it.harness.RunDirectories;
import io.cairn.it.harness.SeriesComparison;
import io.cairn.it.harness.remotewrite.RemoteWriteLabels;
import io.cairn.it.harness.remotewrite.WriteRequestBuilder;
import io.cairn.it.workload.ExpectedSeries;
import io.cairn.it.workload.NodeExporterWorkload;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Durability of acknowledged writes on one Cairn node (DESIGN §5: "a crash (kill -9) loses no
 * acknowledged write"): remote-write a deterministic node_exporter-like dataset, crash or stop
 * the node, start it again on the same data directory and ports, and export every series: each
 * sample must come back bit for bit, none missing, none extra.
 *
 * <p>Run alone: {@code mvn -o -pl it -am test -Dtest=DurabilityTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DurabilityTest {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** Whatever day the node's retention accepts: recent data, fixed within one test run. */
    private static final long START_MS = System.currentTimeMillis() / 3_600_000L * 3_600_000L - 6 * 3_600_000L;
    private static final int ROUNDS = 12;
    private static final int SAMPLES_PER_REQUEST = 2_000;

    private CairnNode node;

    @BeforeEach
    void startNode() {
        node = CairnNode.builder(RunDirectories.create("durability").resolve("n1"), "n1").jvmOption("-Xmx1g").build();
        node.start();
        node.waitHealthy(STARTUP);
    }

    @AfterEach
    void killNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void acknowledgedWritesSurviveKill9() {
        NodeExporterWorkload workload = new NodeExporterWorkload(4, 21, START_MS, 15_000);
        sendAll(workload);
        assertEverythingReadable(workload, "before the crash");

        long pid = node.pid();
        node.kill9();
        assertFalse(node.isAlive());
        node.restart();
        node.waitHealthy(STARTUP);
        assertNotEquals(pid, node.pid());
        assertExact(workload, "after kill -9 and restart");
    }

    @Test
    void writesSurviveACleanRestartAndACrashRightAfterIt() {
        NodeExporterWorkload workload = new NodeExporterWorkload(4, 22, START_MS, 15_000);
        sendAll(workload);
        // Cairn handles SIGTERM itself: coordinated shutdown, then exit status 0.
        int code = node.stop();
        assertEquals(0, code, "exit code after SIGTERM; log:\n" + node.logTail());
        node.restart();
        node.waitHealthy(STARTUP);
        assertExact(workload, "after SIGTERM and restart");

        // Recovery must leave the data durable too: crash the recovered node and look again.
        node.kill9();
        node.restart();
        node.waitHealthy(STARTUP);
        assertExact(workload, "after SIGTERM, restart, kill -9 and restart");
    }

    @Test
    void writesAcknowledgedWhileOthersAreInFlightSurviveKill9() throws Exception {
        // Acknowledgements come from a group commit: send from two connections at once so that
        // commits cover several requests, then crash right after the last acknowledgement.
        NodeExporterWorkload workload = new NodeExporterWorkload(6, 23, START_MS, 15_000);
        byte[][] labels = encodeLabels(workload);
        Thread[] senders = new Thread[2];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < senders.length; t++) {
            int half = t;
            senders[t] = new Thread(() -> {
                try {
                    int hostsPerHalf = workload.hosts() / 2;
                    NodeExporterWorkload.Scraper scraper = workload.scraper(half * hostsPerHalf, hostsPerHalf);
                    WriteRequestBuilder b = new WriteRequestBuilder();
                    for (int round = 0; round < ROUNDS; round++) {
                        scraper.scrape(round, (i, ts, v) -> b.addSample(labels[i], ts, v));
                        post(b);
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            senders[t].start();
        }
        for (Thread t : senders) {
            t.join();
        }
        assertEquals(null, failure[0], "a sender failed");
        node.kill9();
        node.restart();
        node.waitHealthy(STARTUP);
        assertExact(workload, "after concurrent writes and kill -9");
    }

    private void sendAll(NodeExporterWorkload workload) {
        byte[][] labels = encodeLabels(workload);
        WriteRequestBuilder b = new WriteRequestBuilder();
        NodeExporterWorkload.Scraper scraper = workload.scraper();
        for (int round = 0; round < ROUNDS; round++) {
            scraper.scrape(round, (i, ts, v) -> {
                b.addSample(labels[i], ts, v);
                if (b.sampleCount() == SAMPLES_PER_REQUEST) {
                    post(b);
                }
            });
        }
        if (b.sampleCount() > 0) {
            post(b);
        }
    }

    private void post(WriteRequestBuilder b) {
        HttpResult r = node.api().remoteWrite(b.toSnappy());
        assertTrue(r.isSuccess(), "remote write answered " + r.status() + ": " + r.text());
        b.reset();
    }

    private static byte[][] encodeLabels(NodeExporterWorkload workload) {
        byte[][] labels = new byte[workload.seriesCount()][];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = RemoteWriteLabels.encode(workload.labels(i));
        }
        return labels;
    }

    /** Before a crash, data may become visible to export a little after the acknowledgement. */
    private void assertEverythingReadable(NodeExporterWorkload workload, String when) {
        SeriesComparison cmp = Poll.untilValue(Duration.ofSeconds(30), "all written data to be exported " + when, () -> {
            SeriesComparison c = compare(workload);
            return c.isComplete() ? Optional.of(c) : Optional.empty();
        });
        assertTrue(cmp.isExact(), when + ": " + cmp);
    }

    /** After a restart the node answers /health only once recovered: everything must be there at once. */
    private void assertExact(NodeExporterWorkload workload, String when) {
        SeriesComparison cmp = compare(workload);
        assertTrue(cmp.isExact(), when + ": " + cmp + "\nend of " + node.logFile() + ":\n" + node.logTail());
        assertEquals((long) workload.seriesCount() * ROUNDS, cmp.samplesExact());
    }

    private SeriesComparison compare(NodeExporterWorkload workload) {
        SeriesComparison cmp = new SeriesComparison();
        long end = START_MS + (ROUNDS + 1) * workload.intervalMs();
        for (int host = 0; host < workload.hosts(); host++) {
            cmp.compare(ExpectedSeries.forHost(workload, host, ROUNDS),
                    node.api().export(ExpectedSeries.selector(host), START_MS, end));
        }
        return cmp;
    }
}
