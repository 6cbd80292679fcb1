package io.cairn.storage.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's byte format, pinned by a golden segment (src/test/resources/golden/index): decode
 * it, re-encode what was decoded, and get the same bytes. Regenerate only for a deliberate
 * format change (with a new version byte) by running with -Dcairn.golden.update=true.
 */
class IndexLogGoldenTest {
    private static final String GOLDEN = "/golden/index/segment-v1.idx";

    @TempDir
    Path dir;

    /** One record of every type, as the reader delivers it. */
    sealed interface Rec {}

    record Created(long id, long tenant, Labels labels) implements Rec {}

    record Days(long id, int first, int last) implements Rec {}

    record Deleted(long id) implements Rec {}

    record Dropped(int before) implements Rec {}

    private static List<Rec> goldenRecords() {
        return List.of(
                new Created(0x1122334455667788L, new io.cairn.storage.model.Tenant(7, 3).packed(),
                        Labels.of("__name__", "up", "job", "node", "zone", "zü")),
                new Days(0x1122334455667788L, 19732, 19732),
                new Created(-2L, 0L, Labels.of("a", "b")),
                new Days(-2L, 19700, 19731),
                new Deleted(-2L),
                new Dropped(19701));
    }

    private static void write(IndexLogWriter w, List<Rec> records) {
        for (Rec r : records) {
            if (r instanceof Created c) {
                w.seriesCreated(c.id(), c.tenant(), c.labels().canonicalBytes());
            } else if (r instanceof Days d && d.first() == d.last()) {
                w.seriesActiveOnDay(d.id(), d.first());
            } else if (r instanceof Days d) {
                w.seriesActiveOnDays(d.id(), d.first(), d.last());
            } else if (r instanceof Deleted d) {
                w.seriesDeleted(d.id());
            } else if (r instanceof Dropped d) {
                w.daysDropped(d.before());
            }
        }
    }

    private static List<Rec> read(Path segmentDir) throws IOException {
        List<Rec> out = new ArrayList<>();
        IndexLogReader.Result r = IndexLogReader.replay(segmentDir, new IndexRecordHandler() {
            @Override
            public void seriesCreated(long id, long tenantPacked, Labels labels) {
                out.add(new Created(id, tenantPacked, labels));
            }

            @Override
            public void seriesActiveOnDays(long id, int firstDay, int lastDay) {
                out.add(new Days(id, firstDay, lastDay));
            }

            @Override
            public void seriesDeleted(long id) {
                out.add(new Deleted(id));
            }

            @Override
            public void daysDropped(int beforeDay) {
                out.add(new Dropped(beforeDay));
            }
        });
        assertTrue(r.damage().isEmpty(), r.damage().toString());
        return out;
    }

    private static byte[] encode(Path tmp, List<Rec> records) throws IOException {
        Files.createDirectories(tmp);
        try (IndexLogWriter w = IndexLogWriter.create(tmp, 1, 1 << 20)) {
            write(w, records);
        }
        return Files.readAllBytes(tmp.resolve(IndexLogDescriptor.segmentFileName(1)));
    }

    @Test
    void goldenSegmentDecodesAndReencodesByteForByte() throws Exception {
        byte[] fresh = encode(dir.resolve("fresh"), goldenRecords());
        if (Boolean.getBoolean("cairn.golden.update")) {
            Path target = Paths.get("src/test/resources" + GOLDEN);
            Files.createDirectories(target.getParent());
            Files.write(target, fresh);
        }
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            golden = in.readAllBytes();
        }
        assertArrayEquals(golden, fresh, "the encoder drifted from the golden segment");
        Path copy = dir.resolve("golden");
        Files.createDirectories(copy);
        Files.write(copy.resolve(IndexLogDescriptor.segmentFileName(1)), golden);
        List<Rec> decoded = read(copy);
        assertEquals(goldenRecords(), decoded);
        assertArrayEquals(golden, encode(dir.resolve("again"), decoded));
    }

    @Test
    void randomisedRoundTrip() throws Exception {
        Random rnd = new Random(8);
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    Labels.Builder b = new Labels.Builder();
                    for (int j = rnd.nextInt(15); j > 0; j--) {
                        b.set("n" + rnd.nextInt(40), "v" + rnd.nextLong() + "é".repeat(rnd.nextInt(30)));
                    }
                    records.add(new Created(rnd.nextLong(), rnd.nextLong(), b.build()));
                }
                case 1 -> {
                    int first = rnd.nextInt(30000);
                    records.add(new Days(rnd.nextLong(), first, first + rnd.nextInt(3)));
                }
                case 2 -> records.add(new Deleted(rnd.nextLong()));
                default -> records.add(new Dropped(rnd.nextInt()));
            }
        }
        Path tmp = dir.resolve("random");
        byte[] bytes = encode(tmp, records);
        assertEquals(records, read(tmp));
        assertTrue(bytes.length > 3000 * 9);
    }
}
