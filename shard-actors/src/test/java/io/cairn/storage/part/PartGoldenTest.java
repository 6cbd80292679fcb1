package io.cairn.storage.part;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.codec.BlockDescriptor;
import io.cairn.storage.model.SampleBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden-file test of the part format (which includes the block format): the checked-in file
 * must decode to {@link GoldenSamples}, and writing those samples again must reproduce it byte
 * for byte. Regenerate (only for a deliberate format change, with a version bump) by running
 * with -Dcairn.golden.regenerate=true, which rewrites the file under src/test/resources.
 *
 * <p>Note: zstd output is deterministic for a given zstd version and level; a zstd upgrade
 * may change the re-encoded bytes while old files still decode - then regenerate.
 */
class PartGoldenTest {
    /** What the writer produces today: blocks cut at {@link PartWriter#BLOCK_SAMPLES}. */
    private static final String RESOURCE = "/golden/part/v2-small.part";
    /** The same samples as written before blocks were cut at 1024 (up to 8192 per block). */
    private static final String LEGACY_RESOURCE = "/golden/part/v1-small.part";

    @TempDir
    Path dir;

    @Test
    void goldenPartDecodesToKnownSamplesAndReencodesIdentically() throws IOException {
        Path written = writeGoldenContent(dir.resolve("rewritten.part"));
        if (Boolean.getBoolean("cairn.golden.regenerate")) {
            Path target = Paths.get("src/test/resources" + RESOURCE);
            Files.createDirectories(target.getParent());
            Files.copy(written, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path golden = copyResource(RESOURCE, "golden.part");
        Path legacy = copyResource(LEGACY_RESOURCE, "legacy.part");
        assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(written));
        // Both layouts decode to the known samples, and re-encode to today's layout.
        for (Path part : List.of(golden, legacy)) {
            assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(decodeAndRewrite(part)),
                    part.getFileName().toString());
        }
    }

    private Path copyResource(String resource, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = PartGoldenTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing resource " + resource);
            }
            Files.copy(in, target);
        }
        return target;
    }

    /** Checks {@code golden}'s blocks and samples; returns the part re-written from them. */
    private Path decodeAndRewrite(Path golden) throws IOException {
        try (PartReader reader = PartReader.open(golden)) {
            assertEquals(GoldenSamples.SERIES_IDS.length, reader.seriesCount());
            Set<Integer> variants = new HashSet<>();
            for (int b = 0; b < reader.blockCount(); b++) {
                variants.add(headerOf(reader, golden, b));
            }
            // CONST, DECIMAL and XOR each appear, and both raw and zstd bodies.
            Set<Integer> encodings = new HashSet<>();
            Set<Integer> compressions = new HashSet<>();
            for (int h : variants) {
                encodings.add(BlockDescriptor.valueEncoding(h));
                compressions.add(BlockDescriptor.compression(h));
            }
            assertEquals(Set.of(0, 1, 2), encodings);
            assertEquals(Set.of(0, 1), compressions);

            SampleBuffer out = new SampleBuffer();
            Path rewritten = dir.resolve("from-" + golden.getFileName());
            try (PartWriter writer = PartWriter.create(rewritten)) {
                for (int s = 0; s < reader.seriesCount(); s++) {
                    long id = reader.seriesIdAt(s);
                    assertEquals(GoldenSamples.SERIES_IDS[s], id);
                    out.clear();
                    reader.read(id, Long.MIN_VALUE, Long.MAX_VALUE, out);
                    assertEquals(GoldenSamples.count(s), out.count());
                    for (int i = 0; i < out.count(); i++) {
                        assertEquals(GoldenSamples.timestamp(s, i), out.timestamps()[i]);
                        assertEquals(Double.doubleToRawLongBits(GoldenSamples.value(s, i)),
                                Double.doubleToRawLongBits(out.values()[i]), "series " + s + " sample " + i);
                    }
                    writer.addSeries(id, out.timestamps(), out.values(), 0, out.count());
                }
                writer.finish();
            }
            return rewritten;
        }
    }

    private static int headerOf(PartReader reader, Path file, int block) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes[(int) reader.blockOffset(block)] & 0xFF;
    }

    static Path writeGoldenContent(Path target) throws IOException {
        try (PartWriter writer = PartWriter.create(target)) {
            for (int s = 0; s < GoldenSamples.SERIES_IDS.length; s++) {
                int n = GoldenSamples.count(s);
                long[] ts = new long[n];
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    ts[i] = GoldenSamples.timestamp(s, i);
                    v[i] = GoldenSamples.value(s, i);
                }
                writer.addSeries(GoldenSamples.SERIES_IDS[s], ts, v, 0, n);
            }
            writer.finish();
        }
        return target;
    }
}
