package io.cairn.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock of a data directory within one JVM (DataDirectoryLockTest in it/ covers two processes). */
class DataDirectoryLockTest {
    @TempDir
    Path dir;

    @Test
    void heldLockRefusesASecondOwnerUntilReleased() throws IOException {
        DataDirectoryLock first = DataDirectoryLock.acquire(dir);
        assertEquals(Long.toString(ProcessHandle.current().pid()),
                Files.readString(dir.resolve(DataDirectoryLock.FILE_NAME)).trim());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataDirectoryLock.acquire(dir));
        assertTrue(e.getMessage().contains(dir + " is in use by another Cairn node (pid "
                + ProcessHandle.current().pid() + ")"), e.getMessage());
        first.close();
        DataDirectoryLock again = DataDirectoryLock.acquire(dir);
        again.close();
    }

    @Test
    void leftoverLockFileOfAGoneProcessDoesNotBlock() throws IOException {
        Files.writeString(dir.resolve(DataDirectoryLock.FILE_NAME), "999999999");
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dir)) {
            assertEquals(Long.toString(ProcessHandle.current().pid()),
                    Files.readString(dir.resolve(DataDirectoryLock.FILE_NAME)).trim());
        }
    }
}
