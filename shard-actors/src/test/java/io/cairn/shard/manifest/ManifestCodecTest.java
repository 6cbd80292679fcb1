package io.cairn.shard.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    private static final long SEED = 0x5EED_CA1EL;

    @Test
    void randomEventsRoundTrip() throws Exception {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            ManifestEvent e = ManifestSamples.randomEvent(rnd);
            byte[] bytes = ManifestCodec.encode(e);
            Object back = ManifestCodec.decode(bytes, ManifestCodec.manifestOf(e));
            assertEquals(e, back, "seed " + SEED + " iteration " + i);
            assertArrayEquals(bytes, ManifestCodec.encode(back));
        }
    }

    @Test
    void randomManifestsRoundTrip() throws Exception {
        Random rnd = new Random(SEED + 1);
        for (int i = 0; i < 300; i++) {
            ReplicaManifest m = ManifestSamples.randomManifest(rnd);
            byte[] bytes = ManifestCodec.encode(m);
            ReplicaManifest back = (ReplicaManifest) ManifestCodec.decode(bytes, ManifestCodec.REPLICA_MANIFEST);
            assertEquals(m, back, "iteration " + i);
            assertEquals(m.partsByFileName(), back.partsByFileName());
            assertArrayEquals(bytes, ManifestCodec.encode(back));
        }
    }

    @Test
    void everyTruncationIsReportedAsCorrupt() {
        for (Object value : ManifestSamples.goldenValues()) {
            byte[] bytes = ManifestCodec.encode(value);
            String manifest = ManifestCodec.manifestOf(value);
            for (int len = 0; len < bytes.length; len++) {
                byte[] cut = Arrays.copyOf(bytes, len);
                NotSerializableException e = assertThrows(NotSerializableException.class,
                        () -> ManifestCodec.decode(cut, manifest), manifest + " cut to " + len);
                assertTrue(e.getMessage().contains("'" + manifest + "'"), e.getMessage());
            }
        }
    }

    @Test
    void trailingBytesAreReported() {
        byte[] bytes = ManifestCodec.encode(new ManifestEvent.WalCheckpointed(7));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> ManifestCodec.decode(longer, ManifestCodec.WAL_CHECKPOINTED));
        assertTrue(e.getMessage().contains("offset 9"), e.getMessage());
    }

    @Test
    void unsupportedVersionIsReported() {
        byte[] bytes = ManifestCodec.encode(new ManifestEvent.WalCheckpointed(7));
        bytes[0] = 2;
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> ManifestCodec.decode(bytes, ManifestCodec.WAL_CHECKPOINTED));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void unknownManifestIsReported() {
        byte[] bytes = ManifestCodec.encode(new ManifestEvent.WalCheckpointed(7));
        assertThrows(NotSerializableException.class, () -> ManifestCodec.decode(bytes, "XX"));
    }

    @Test
    void invalidDecodedValuesAreReportedAsCorrupt() {
        // lifecycle code 9 does not exist
        assertThrows(NotSerializableException.class,
                () -> ManifestCodec.decode(new byte[] {1, 9}, ManifestCodec.LIFECYCLE_CHANGED));
        // bytesCopied 2 > bytesTotal 1
        byte[] progress = ManifestCodec.encode(new ManifestEvent.BootstrapProgressed(1, 1));
        progress[1] = 2;
        assertThrows(NotSerializableException.class,
                () -> ManifestCodec.decode(progress, ManifestCodec.BOOTSTRAP_PROGRESSED));
        // invalid UTF-8 in a file name
        byte[] added = ManifestCodec.encode(new ManifestEvent.PartAdded(ManifestSamples.part("ab", 1)));
        added[5] = (byte) 0xFF;
        assertThrows(NotSerializableException.class,
                () -> ManifestCodec.decode(added, ManifestCodec.PART_ADDED));
        // a list count larger than the input
        byte[] dropped = ManifestCodec.encode(new ManifestEvent.PartsDropped(java.util.List.of("a"), "r"));
        dropped[4] = 0x7F;
        assertThrows(NotSerializableException.class,
                () -> ManifestCodec.decode(dropped, ManifestCodec.PARTS_DROPPED));
    }

    @Test
    void otherTypesAreRejectedWhenEncoding() {
        assertThrows(IllegalArgumentException.class, () -> ManifestCodec.encode("x"));
        assertThrows(IllegalArgumentException.class, () -> ManifestCodec.manifestOf(null));
    }
}
