package io.cairn.storage.wal;

import static io.cairn.storage.wal.WalTestSupport.await;
import static io.cairn.storage.wal.WalTestSupport.replayAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.wal.WalTestSupport.Replayed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment layout is frozen by {@code golden/wal/00000000000000000000.seg}: three records,
 * "hello", an empty payload and the golden row block. Regenerate only for a new format
 * version: {@code -Dcairn.golden.update=true}.
 */
class WalGoldenTest {
    private static final Path GOLDEN_DIR = Path.of("src/test/resources/golden/wal");
    private static final String NAME = WalSegmentDescriptor.fileName(0);

    @TempDir
    Path tmp;

    private static byte[][] payloads() throws IOException {
        return new byte[][] {
            "hello".getBytes(StandardCharsets.US_ASCII),
            new byte[0],
            Files.readAllBytes(Path.of("src/test/resources/golden/rows/block-v1.bin")),
        };
    }

    private static void write(Path dir) throws IOException {
        try (GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);
                ReplicaWal wal = ReplicaWal.open(dir, committer)) {
            for (byte[] p : payloads()) {
                await(wal.append(p));
            }
        }
    }

    @Test
    void goldenSegmentDecodesAndReEncodesByteForByte() throws IOException {
        if (Boolean.getBoolean("cairn.golden.update")) {
            Path fresh = tmp.resolve("fresh");
            write(fresh);
            Files.createDirectories(GOLDEN_DIR);
            Files.copy(fresh.resolve(NAME), GOLDEN_DIR.resolve(NAME),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] golden = Files.readAllBytes(GOLDEN_DIR.resolve(NAME));

        // Decode: open a copy as a WAL and replay it.
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy);
        Files.write(copy.resolve(NAME), golden);
        byte[][] expected = payloads();
        List<Replayed> replayed;
        try (GroupCommitter committer = new GroupCommitter(FsyncMode.BATCH);
                ReplicaWal wal = ReplicaWal.open(copy, committer)) {
            replayed = replayAll(wal, 0);
            assertEquals(golden.length, wal.lastPosition());
        }
        assertEquals(expected.length, replayed.size());
        long position = WalSegmentDescriptor.HEADER_LENGTH;
        for (int i = 0; i < expected.length; i++) {
            position += WalRecordDescriptor.HEADER_LENGTH + expected[i].length;
            assertEquals(position, replayed.get(i).position());
            assertArrayEquals(expected[i], replayed.get(i).payload());
        }
        assertArrayEquals(golden, Files.readAllBytes(copy.resolve(NAME)), "open changed nothing");

        // Re-encode: the same payloads appended to a new WAL give the same bytes.
        Path again = tmp.resolve("again");
        write(again);
        assertArrayEquals(golden, Files.readAllBytes(again.resolve(NAME)));
    }
}
