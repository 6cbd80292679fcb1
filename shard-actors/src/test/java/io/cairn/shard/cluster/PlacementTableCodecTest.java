package io.cairn.shard.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.manifest.ReplicaLifecycle;
import io.cairn.shard.placement.NodeInfo;
import io.cairn.shard.placement.PlacedReplica;
import io.cairn.shard.placement.PlacementAlgorithm;
import io.cairn.shard.placement.PlacementTable;
import io.cairn.shard.placement.ShardPlacement;
import io.cairn.shard.replica.ReplicaId;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The placement format: golden file (decode + re-encode byte for byte), randomised round trips,
 * and corruption detection. To re-create the golden file after a deliberate format change
 * (which needs a new version byte) run with
 * {@code -Dcairn.golden.write=<absolute path of src/test/resources/golden/placement>}.
 */
class PlacementTableCodecTest {
    private static final String GOLDEN = "placement.v1.bin";

    static PlacementTable goldenTable() {
        return new PlacementTable(42, List.of(
                new ShardPlacement(0, 3, List.of(
                        new PlacedReplica(new ReplicaId(0, 0, 0), "node-a", ReplicaLifecycle.AVAILABLE),
                        new PlacedReplica(new ReplicaId(0, 0, 2), "node-c", ReplicaLifecycle.INITIALIZING),
                        new PlacedReplica(new ReplicaId(0, 1, 1), "node-b", ReplicaLifecycle.AVAILABLE))),
                new ShardPlacement(1, 200, List.of(
                        new PlacedReplica(new ReplicaId(1, 0, 199), "node-b", ReplicaLifecycle.LEAVING),
                        new PlacedReplica(new ReplicaId(1, 1, 150), "node-ü", ReplicaLifecycle.AVAILABLE))),
                new ShardPlacement(2, 0, List.of())));
    }

    @Test
    void goldenFileDecodesAndReencodesIdentically() throws Exception {
        String writeDir = System.getProperty("cairn.golden.write");
        if (writeDir != null) {
            Files.write(Path.of(writeDir, GOLDEN), PlacementTableCodec.encode(goldenTable()));
        }
        byte[] golden = resource("/golden/placement/" + GOLDEN);
        assertEquals(PlacementTableCodec.VERSION, golden[0]);
        assertEquals(goldenTable(), PlacementTableCodec.decode(golden));
        assertArrayEquals(golden, PlacementTableCodec.encode(goldenTable()));
    }

    @Test
    void randomTablesRoundTrip() throws Exception {
        Random rnd = new Random(7);
        for (int i = 0; i < 200; i++) {
            List<NodeInfo> nodes = new ArrayList<>();
            int n = 1 + rnd.nextInt(8);
            for (int k = 0; k < n; k++) {
                nodes.add(new NodeInfo("n" + rnd.nextInt(1000) + "-" + k, "z" + rnd.nextInt(3)));
            }
            PlacementTable t = PlacementAlgorithm.place(
                    PlacementTable.unplaced(1 + rnd.nextInt(300)), nodes, 1 + rnd.nextInt(3),
                    rnd.nextBoolean());
            if (rnd.nextBoolean() && nodes.size() > 1) {
                t = PlacementAlgorithm.place(t, nodes.subList(1, nodes.size()), 2, false);
            }
            assertEquals(t, PlacementTableCodec.decode(PlacementTableCodec.encode(t)));
        }
    }

    @Test
    void everyFlippedByteOrTruncationIsDetected() {
        byte[] good = PlacementTableCodec.encode(goldenTable());
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            assertThrows(NotSerializableException.class, () -> PlacementTableCodec.decode(bad),
                    "flipped byte " + i);
        }
        for (int len = 0; len < good.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(good, len);
            assertThrows(NotSerializableException.class, () -> PlacementTableCodec.decode(cut),
                    "truncated to " + len);
        }
    }

    @Test
    void errorsNameTheOffset() {
        byte[] bad = PlacementTableCodec.encode(goldenTable());
        bad[bad.length - 1] ^= 1;
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> PlacementTableCodec.decode(bad));
        assertTrue(e.getMessage().contains("at byte " + (bad.length - 4)), e.getMessage());
    }

    @Test
    void serializerUsesTheCodec() throws Exception {
        PlacementTableSerializer ser = new PlacementTableSerializer();
        byte[] bytes = ser.toBinary(goldenTable());
        assertEquals(goldenTable(), ser.fromBinary(bytes, ser.manifest(goldenTable())));
        assertThrows(NotSerializableException.class, () -> ser.fromBinary(bytes, "XX"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PlacementTableCodecTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return in.readAllBytes();
        }
    }
}
