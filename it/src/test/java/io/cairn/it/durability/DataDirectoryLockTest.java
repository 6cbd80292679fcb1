package io.cairn.it.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.CairnNode;
import io.cairn.it.harness.Poll;
import io.cairn.it.harness.RunDirectories;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two node processes on one data directory: the second refuses to start, naming the first,
 * and the first keeps serving; once the first has stopped, the directory can be used again.
 */
class DataDirectoryLockTest {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @Test
    void secondNodeOnTheSameDataDirectoryRefusesToStart() {
        Path home = RunDirectories.create("datadir-lock");
        try (CairnNode first = CairnNode.builder(home.resolve("first"), "first").jvmOption("-Xmx256m")
                .flag("-shards=2").build()) {
            first.start();
            first.waitHealthy(STARTUP);
            try (CairnNode second = CairnNode.builder(home.resolve("second"), "second").jvmOption("-Xmx256m")
                    .flag("-shards=2").flag("-storageDataPath=" + first.dataDir()).build()) {
                second.start();
                Poll.until(STARTUP, "the second node to exit", () -> !second.isAlive());
                String log = second.logTail();
                assertEquals(2, second.stop(), "usage-error exit status; log:\n" + log);
                assertTrue(log.contains("is in use by another Cairn node (pid " + first.pid() + ")"), log);
            }
            assertTrue(first.isAlive(), "the first node keeps running");
            assertEquals(200, first.api().get("/api/v1/status/buildinfo").status(), "the first node keeps serving");
            assertEquals(0, first.stop(), "the first node stops cleanly");
            try (CairnNode again = CairnNode.builder(home.resolve("again"), "again").jvmOption("-Xmx256m")
                    .flag("-shards=2").flag("-storageDataPath=" + first.dataDir()).build()) {
                again.start();
                again.waitHealthy(STARTUP);
            }
        }
    }
}
