package io.cairn.shard.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of format version 1: the checked-in bytes must decode to the known values and
 * those values must encode to the same bytes, so that any change of the format is noticed.
 *
 * <p>To (re)create the files after a deliberate format change (which needs a new version byte):
 * run with {@code -Dcairn.golden.write=<absolute path of src/test/resources/golden/manifest>}.
 */
class ManifestGoldenTest {

    static Stream<Object> values() {
        return ManifestSamples.goldenValues().stream();
    }

    @ParameterizedTest
    @MethodSource("values")
    void goldenFileDecodesAndReencodesIdentically(Object expected) throws Exception {
        String manifest = ManifestCodec.manifestOf(expected);
        String fileName = manifest + ".v" + ManifestCodec.VERSION + ".bin";
        String writeDir = System.getProperty("cairn.golden.write");
        if (writeDir != null) {
            Files.write(Path.of(writeDir, fileName), ManifestCodec.encode(expected));
        }
        byte[] golden = readResource("/golden/manifest/" + fileName);

        assertEquals(expected, ManifestCodec.decode(golden, manifest), fileName);
        assertArrayEquals(golden, ManifestCodec.encode(expected), fileName);
    }

    @ParameterizedTest
    @MethodSource("values")
    void everyGoldenFileStartsWithTheVersionByte(Object value) throws Exception {
        byte[] golden = readResource("/golden/manifest/" + ManifestCodec.manifestOf(value) + ".v1.bin");
        assertEquals(1, golden[0]);
    }

    static byte[] readResource(String name) throws IOException {
        try (InputStream in = ManifestGoldenTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return in.readAllBytes();
        }
    }

    @org.junit.jupiter.api.Test
    void goldenValuesCoverEveryManifest() {
        List<String> covered = ManifestSamples.goldenValues().stream().map(ManifestCodec::manifestOf).toList();
        assertEquals(manifests(), covered);
    }

    static List<String> manifests() {
        return List.of(ManifestCodec.PART_ADDED, ManifestCodec.PARTS_MERGED, ManifestCodec.PARTS_DROPPED,
                ManifestCodec.WAL_CHECKPOINTED, ManifestCodec.LIFECYCLE_CHANGED,
                ManifestCodec.BOOTSTRAP_PROGRESSED, ManifestCodec.REPLICA_MANIFEST);
    }
}
