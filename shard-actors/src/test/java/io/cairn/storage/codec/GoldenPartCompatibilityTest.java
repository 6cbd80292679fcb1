package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.part.PartReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parts written before the PACKED stream scheme existed must keep decoding to the same samples
 * as today's golden part (whose content PartGoldenTest pins against its known samples): the
 * 8192-sample-block part and the 1024-sample-block part with varint (zero-run) streams only.
 */
class GoldenPartCompatibilityTest {
    private static final String CURRENT = "/golden/part/v2-small.part";
    private static final String[] OLDER = {"/golden/part/v1-small-blocks1024.part", "/golden/part/v1-small.part"};

    @TempDir
    Path dir;

    @Test
    void partsWrittenBeforePackedDecodeToTheSameSamples() throws IOException {
        Path current = copy(CURRENT);
        for (String older : OLDER) {
            Path old = copy(older);
            assertFalse(Arrays.equals(Files.readAllBytes(current), Files.readAllBytes(old)),
                    older + " should hold the older encoding");
            try (PartReader expected = PartReader.open(current); PartReader actual = PartReader.open(old)) {
                assertEquals(expected.seriesCount(), actual.seriesCount(), older);
                SampleBuffer want = new SampleBuffer();
                SampleBuffer got = new SampleBuffer();
                for (int s = 0; s < expected.seriesCount(); s++) {
                    long id = expected.seriesIdAt(s);
                    assertEquals(id, actual.seriesIdAt(s), older);
                    want.clear();
                    got.clear();
                    expected.read(id, Long.MIN_VALUE, Long.MAX_VALUE, want);
                    actual.read(id, Long.MIN_VALUE, Long.MAX_VALUE, got);
                    assertEquals(want.count(), got.count(), older + " series " + id);
                    assertArrayEquals(Arrays.copyOf(want.timestamps(), want.count()),
                            Arrays.copyOf(got.timestamps(), got.count()), older + " series " + id);
                    for (int i = 0; i < want.count(); i++) {
                        assertEquals(Double.doubleToRawLongBits(want.values()[i]), Double.doubleToRawLongBits(got.values()[i]),
                                older + " series " + id + " sample " + i);
                    }
                }
            }
        }
    }

    private Path copy(String resource) throws IOException {
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = GoldenPartCompatibilityTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing resource " + resource);
            }
            Files.copy(in, target);
        }
        return target;
    }
}
