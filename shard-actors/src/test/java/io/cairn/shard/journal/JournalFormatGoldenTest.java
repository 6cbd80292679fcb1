package io.cairn.shard.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.shard.journal.JournalRecord.DeletedTo;
import io.cairn.shard.journal.JournalRecord.Events;
import io.cairn.shard.journal.JournalRecord.StoredEvent;
import io.cairn.shard.manifest.ManifestCodec;
import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.ReplicaLifecycle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden files of the journal segment and snapshot file formats, version 1: the checked-in bytes
 * decode to the known records and re-encode byte for byte. Regenerate only for a deliberate
 * format change (with a new version byte):
 * {@code -Dcairn.golden.write=<absolute path of src/test/resources/golden/manifest>}.
 */
class JournalFormatGoldenTest {

    private static final String SEGMENT = "journal-segment.v1.cjs";
    private static final String SNAPSHOT = "snapshot-7-1700000000123.v1.snap";

    private static List<JournalRecord> segmentRecords() {
        byte[] wc = ManifestCodec.encode(new ManifestEvent.WalCheckpointed(4096));
        byte[] lc = ManifestCodec.encode(new ManifestEvent.LifecycleChanged(ReplicaLifecycle.AVAILABLE));
        return List.of(
                new Events(5, 1_700_000_000_000L, "0b9c7a4e-1f2d-4c3b-9a8e-7d6c5b4a3f21", List.of(
                        new StoredEvent("", 7301, "WC", wc),
                        new StoredEvent("adapted", 7301, "LC", lc))),
                new DeletedTo(5),
                new Events(7, 1_700_000_000_999L, "0b9c7a4e-1f2d-4c3b-9a8e-7d6c5b4a3f21", List.of(
                        new StoredEvent("", 7301, "WC", wc))));
    }

    private static byte[] encodeSegment() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(JournalSegment.header(5));
        for (JournalRecord r : segmentRecords()) {
            out.write(JournalRecordCodec.encode(r, 1 << 20));
        }
        return out.toByteArray();
    }

    private static SnapshotFile.Contents snapshotContents() {
        byte[] payload = ManifestCodec.encode(io.cairn.shard.manifest.ReplicaManifest.EMPTY
                .apply(new ManifestEvent.WalCheckpointed(77)));
        return new SnapshotFile.Contents(7, 1_700_000_000_123L, 7301, "RM", payload);
    }

    private static byte[] golden(String name, byte[] current) throws IOException {
        String writeDir = System.getProperty("cairn.golden.write");
        if (writeDir != null) {
            Files.write(Path.of(writeDir, name), current);
        }
        try (InputStream in = JournalFormatGoldenTest.class.getResourceAsStream("/golden/manifest/" + name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void segmentGoldenFileDecodesAndReencodesIdentically() throws IOException {
        byte[] golden = golden(SEGMENT, encodeSegment());
        Path name = Path.of(SEGMENT);
        assertEquals(5, JournalSegment.checkHeader(name, golden, 5));
        List<JournalRecord> decoded = new ArrayList<>();
        int end = JournalSegment.scan(name, golden, 1 << 20, JournalSegment.Mode.STRICT,
                (record, offset) -> decoded.add(record));
        assertEquals(golden.length, end);
        assertEquals(segmentRecords(), decoded);
        assertArrayEquals(golden, encodeSegment());
    }

    @Test
    void snapshotGoldenFileDecodesAndReencodesIdentically() throws IOException {
        byte[] golden = golden(SNAPSHOT, SnapshotFile.encode(snapshotContents()));
        SnapshotFile.Contents c = SnapshotFile.decode(Path.of(SNAPSHOT), golden);
        SnapshotFile.Contents expected = snapshotContents();
        assertEquals(expected.seqNr(), c.seqNr());
        assertEquals(expected.timestampMs(), c.timestampMs());
        assertEquals(expected.serializerId(), c.serializerId());
        assertEquals(expected.serializerManifest(), c.serializerManifest());
        assertArrayEquals(expected.payload(), c.payload());
        assertArrayEquals(golden, SnapshotFile.encode(c));
        assertEquals(new SnapshotFile.Name(7, 1_700_000_000_123L), SnapshotFile.parseName("snapshot-7-1700000000123.snap"));
    }
}
