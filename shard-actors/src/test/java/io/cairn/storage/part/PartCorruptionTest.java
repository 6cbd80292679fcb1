package io.cairn.storage.part;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.SampleBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged part files must raise CorruptPartException naming the file and the offset. */
class PartCorruptionTest {
    @TempDir
    Path dir;

    private Path part;
    private byte[] bytes;
    private TreeMap<Long, SampleBuffer> series;

    @BeforeEach
    void writePart() throws IOException {
        series = PartRoundTripTest.randomSeries(new SplittableRandom(99), 20, 500);
        part = dir.resolve("good.part");
        PartRoundTripTest.write(part, series);
        bytes = Files.readAllBytes(part);
    }

    @Test
    void flippedByteInABlockIsReportedOnReadWithTheBlockOffset() throws IOException {
        long offset;
        long id;
        try (PartReader reader = PartReader.open(part)) {
            int block = reader.blockCount() / 2;
            offset = reader.blockOffset(block);
            id = reader.blockSeriesId(block);
        }
        Path damaged = damaged("block.part", b -> b[(int) offset + 1] ^= 0x10);
        try (PartReader reader = PartReader.open(damaged)) { // the index is intact: opens fine
            CorruptPartException e = assertThrows(CorruptPartException.class,
                    () -> reader.read(id, Long.MIN_VALUE, Long.MAX_VALUE, new SampleBuffer()));
            assertEquals(damaged, e.file());
            assertEquals(offset, e.offset());
            assertTrue(e.getMessage().contains(damaged.toString()) && e.getMessage().contains("offset " + offset),
                    e.getMessage());
            // Other series remain readable.
            long other = series.firstKey() == id ? series.lastKey() : series.firstKey();
            assertEquals(series.get(other).count(),
                    reader.read(other, Long.MIN_VALUE, Long.MAX_VALUE, new SampleBuffer()));
        }
    }

    @Test
    void everySingleByteFlipIsDetected() throws IOException {
        // Each byte of the file is covered by a magic, a version, a CRC or a structural check.
        SplittableRandom r = new SplittableRandom(1);
        int step = Math.max(1, bytes.length / 1500);
        for (int i = 0; i < bytes.length; i += 1 + r.nextInt(step)) {
            int at = i;
            Path damaged = damaged("flip" + i + ".part", b -> b[at] ^= (byte) (1 << r.nextInt(8)));
            assertCorruptSomewhere(damaged, "flip at " + at);
            Files.delete(damaged);
        }
    }

    @Test
    void truncatedFilesFailToOpen() throws IOException {
        for (int len : new int[] {0, 3, 8, PartDescriptor.MIN_FILE_LENGTH - 1, bytes.length / 2, bytes.length - 1}) {
            Path damaged = dir.resolve("truncated" + len + ".part");
            Files.write(damaged, Arrays.copyOf(bytes, len));
            CorruptPartException e = assertThrows(CorruptPartException.class, () -> PartReader.open(damaged).close(),
                    "truncated to " + len);
            assertEquals(damaged, e.file());
        }
    }

    @Test
    void badFooterFieldsAreReportedAtTheFooter() throws IOException {
        int footer = bytes.length - PartDescriptor.FOOTER_LENGTH;
        Path badMagic = damaged("magic.part", b -> b[b.length - 1] = 'X');
        CorruptPartException e = assertThrows(CorruptPartException.class, () -> PartReader.open(badMagic));
        assertEquals(footer + PartDescriptor.FOOTER_MAGIC_OFFSET, e.offset());

        Path badCrc = damaged("footer.part", b -> b[footer + PartDescriptor.FOOTER_ROW_COUNT_OFFSET] ^= 1);
        e = assertThrows(CorruptPartException.class, () -> PartReader.open(badCrc));
        assertEquals(footer, e.offset());
        assertTrue(e.getMessage().contains("footer checksum"), e.getMessage());

        // A footer with a correct checksum but a row count that disagrees with the index.
        Path lying = damaged("lying.part", b -> {
            ByteBuffer f = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            f.putLong(footer + PartDescriptor.FOOTER_ROW_COUNT_OFFSET, 1);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(b, footer, PartDescriptor.FOOTER_CRC_COVERS);
            f.putInt(footer + PartDescriptor.FOOTER_CRC_OFFSET, (int) crc.getValue());
        });
        e = assertThrows(CorruptPartException.class, () -> PartReader.open(lying));
        assertTrue(e.getMessage().contains("disagrees with footer"), e.getMessage());
    }

    @Test
    void unknownVersionIsRejected() throws IOException {
        int next = PartDescriptor.VERSION + 1;
        Path future = damaged("future.part", b -> b[PartDescriptor.HEADER_VERSION_OFFSET] = (byte) next);
        CorruptPartException e = assertThrows(CorruptPartException.class, () -> PartReader.open(future));
        assertEquals(PartDescriptor.HEADER_VERSION_OFFSET, e.offset());
        assertTrue(e.getMessage().contains("version " + next), e.getMessage());
        Path zero = damaged("v0.part", b -> b[PartDescriptor.HEADER_VERSION_OFFSET] = 0);
        assertThrows(CorruptPartException.class, () -> PartReader.open(zero));
    }

    private void assertCorruptSomewhere(Path damaged, String what) throws IOException {
        try (PartReader reader = PartReader.open(damaged)) {
            SampleBuffer out = new SampleBuffer();
            for (long id : series.keySet()) {
                reader.read(id, Long.MIN_VALUE, Long.MAX_VALUE, out);
            }
        } catch (CorruptPartException e) {
            assertEquals(damaged, e.file(), what);
            return;
        }
        throw new AssertionError(what + " went unnoticed");
    }

    private Path damaged(String name, Consumer<byte[]> damage) throws IOException {
        byte[] copy = bytes.clone();
        damage.accept(copy);
        Path p = dir.resolve(name);
        Files.write(p, copy);
        return p;
    }
}
