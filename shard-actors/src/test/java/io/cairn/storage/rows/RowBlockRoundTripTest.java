package io.cairn.storage.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class RowBlockRoundTripTest {
    private record Row(Labels labels, long timestamp, long valueBits) {
    }

    @Test
    void seriesAddedAsRecordBytesGiveTheSameBlockAsLabels() {
        Random random = new Random(11);
        RowBlockWriter byLabels = new RowBlockWriter();
        RowBlockWriter byBytes = new RowBlockWriter();
        for (int iteration = 0; iteration < 100; iteration++) {
            Tenant tenant = new Tenant(random.nextInt(), random.nextInt());
            List<Labels> pool = randomSeries(random, 1 + random.nextInt(30));
            byLabels.reset(tenant);
            byBytes.reset(tenant);
            long ts = random.nextLong();
            for (int i = random.nextInt(300); i > 0; i--) {
                Labels labels = pool.get(random.nextInt(pool.size()));
                // A fresh equal instance half of the time: equality, not identity, dedupes.
                Labels copy = random.nextBoolean() ? labels : Labels.fromCanonicalBytes(
                        labels.canonicalBytes(), 0, labels.canonicalLength());
                byte[] record = new byte[SeriesRecord.length(labels.canonicalLength()) + 5];
                SeriesRecord.write(record, 5, copy, tenant.packed(), 0);
                ts = nextTimestamp(random, ts);
                double v = Double.longBitsToDouble(randomValueBits(random));
                long id = SeriesIds.of(tenant, labels);
                byLabels.addRow(byLabels.addSeries(copy, id), ts, v);
                int index = byBytes.addSeries(id, SeriesRecord.check(record, 5), record,
                        SeriesRecord.canonicalOffset(5), SeriesRecord.canonicalLength(record, 5));
                byBytes.addRow(index, ts, v);
            }
            assertEquals(byLabels.seriesCount(), byBytes.seriesCount());
            assertTrue(byBytes.seriesCount() <= pool.size());
            org.junit.jupiter.api.Assertions.assertArrayEquals(byLabels.toBytes(),
                    byBytes.toBytes());
        }
    }

    @Test
    void randomBlocksRoundTrip() {
        Random random = new Random(42);
        RowBlockWriter writer = new RowBlockWriter();
        RowBlockReader reader = new RowBlockReader();
        for (int iteration = 0; iteration < 300; iteration++) {
            Tenant tenant = new Tenant(random.nextInt(), random.nextInt());
            List<Labels> seriesPool = randomSeries(random, 1 + random.nextInt(40));
            List<Row> expected = new ArrayList<>();
            writer.reset(tenant);
            int rows = random.nextInt(500);
            long ts = random.nextLong();
            for (int i = 0; i < rows; i++) {
                Labels labels = seriesPool.get(random.nextInt(seriesPool.size()));
                ts = nextTimestamp(random, ts);
                long bits = randomValueBits(random);
                if (random.nextBoolean()) {
                    writer.addRow(labels, ts, Double.longBitsToDouble(bits));
                } else {
                    writer.addRow(writer.addSeries(labels), ts, Double.longBitsToDouble(bits));
                }
                expected.add(new Row(labels, ts, bits));
            }
            byte[] bytes = writer.toBytes();
            assertEquals(writer.encodedLength(), bytes.length);

            // Also at an odd offset inside a bigger buffer.
            int offset = random.nextInt(17);
            ExpandableArrayBuffer shifted = new ExpandableArrayBuffer(offset + bytes.length + 5);
            assertEquals(bytes.length, writer.writeTo(shifted, offset));

            for (int pass = 0; pass < 2; pass++) {
                if (pass == 0) {
                    reader.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
                } else {
                    reader.wrap(shifted, offset, bytes.length);
                }
                assertEquals(tenant, reader.tenant());
                assertEquals(expected.size(), reader.rowCount());
                assertEquals(writer.seriesCount(), reader.seriesCount());
                assertTrue(reader.hasSeriesIds());
                Labels[] decoded = new Labels[reader.seriesCount()];
                for (int s = 0; s < decoded.length; s++) {
                    decoded[s] = reader.labels(s);
                    assertEquals(SeriesIds.of(tenant, decoded[s]), reader.seriesId(s));
                    assertEquals(decoded[s].fingerprintCheck(), reader.seriesCheck(s));
                }
                RowBlockReader.RowCursor cursor = reader.rows();
                for (Row row : expected) {
                    assertTrue(cursor.next());
                    assertEquals(row.labels(), decoded[cursor.seriesIndex()]);
                    assertEquals(row.timestamp(), cursor.timestamp());
                    assertEquals(row.valueBits(), Double.doubleToRawLongBits(cursor.value()));
                }
                assertFalse(cursor.next());
            }
        }
    }

    @Test
    void identicalLabelSetsShareOneSeriesWithTheGivenIdAndCanonicalLabels() {
        Tenant tenant = new Tenant(1, 2);
        RowBlockWriter writer = new RowBlockWriter().reset(tenant);
        Labels up = Labels.of("__name__", "up", "job", "node");
        int a = writer.addSeries(up);
        int b = writer.addSeries(Labels.of("job", "node", "__name__", "up"));
        int c = writer.addSeries(Labels.of("__name__", "up", "job", "up"), 0x1234L);
        assertEquals(a, b);
        assertEquals(1, c);
        byte[] bytes = writer.toBytes();
        RowBlockReader reader = new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertEquals(2, reader.seriesCount());
        assertEquals(SeriesIds.of(tenant, up), reader.seriesId(0));
        assertEquals(0x1234L, reader.seriesId(1), "an id given by the caller is written as is");
        // 9 header + 1 count + 2 x (12 key + 1 length) + canonical labels + 1 row count.
        assertEquals(9 + 1 + 2 * 13 + up.canonicalLength()
                + Labels.of("__name__", "up", "job", "up").canonicalLength() + 1, bytes.length);
    }

    @Test
    void differentLabelsUnderOneIdStayDistinctSeries() {
        RowBlockWriter writer = new RowBlockWriter().reset(Tenant.DEFAULT);
        Labels a = Labels.of("__name__", "a");
        Labels b = Labels.of("__name__", "b");
        assertEquals(0, writer.addSeries(a, 7L));
        assertEquals(1, writer.addSeries(b, 7L), "a colliding id must not merge series");
        assertEquals(0, writer.addSeries(Labels.of("__name__", "a"), 7L), "equal labels, same id");
        writer.addRow(1, 1000, 2.0);
        byte[] bytes = writer.toBytes();
        RowBlockReader reader = new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertEquals(2, reader.seriesCount());
        assertEquals(b, reader.labels(1));
        assertEquals(7L, reader.seriesId(1));
        assertEquals(b.fingerprintCheck(), reader.seriesCheck(1));
    }

    @Test
    void resetForgetsEverything() {
        RowBlockWriter writer = new RowBlockWriter().reset(new Tenant(1, 1));
        writer.addRow(Labels.of("__name__", "x"), 5, 1.0);
        byte[] empty = new RowBlockWriter().reset(new Tenant(9, 9)).toBytes();
        writer.reset(new Tenant(9, 9));
        assertTrue(writer.isEmpty());
        assertEquals(0, writer.seriesCount());
        assertEquals(java.util.Arrays.toString(empty), java.util.Arrays.toString(writer.toBytes()));
    }

    @Test
    void rejectsUnknownSeriesIndexAndSmallBuffers() {
        RowBlockWriter writer = new RowBlockWriter().reset(Tenant.DEFAULT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer.addRow(0, 1, 1.0));
        assertTrue(e.getMessage().contains("series index 0 out of range"), e.getMessage());
        writer.addRow(Labels.of("a", "b"), 1, 1.0);
        UnsafeBuffer small = new UnsafeBuffer(new byte[writer.encodedLength() - 1]);
        assertThrows(IllegalArgumentException.class, () -> writer.writeTo(small, 0));
    }

    static List<Labels> randomSeries(Random random, int n) {
        String[] names = {"__name__", "job", "instance", "le", "path", "ünïcødé", "x"};
        List<Labels> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Labels.Builder b = new Labels.Builder();
            int labels = random.nextInt(names.length + 1);
            for (int j = 0; j < labels; j++) {
                b.set(names[random.nextInt(names.length)], randomValue(random));
            }
            out.add(b.build());
        }
        return out;
    }

    private static String randomValue(Random random) {
        int len = 1 + random.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                sb.appendCodePoint(0x1F600 + random.nextInt(50)); // supplementary plane
            } else if (kind == 1) {
                sb.append((char) (0xA0 + random.nextInt(0x700)));
            } else {
                sb.append((char) ('a' + random.nextInt(26)));
            }
        }
        return sb.toString();
    }

    private static long nextTimestamp(Random random, long previous) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong(); // arbitrary jumps, including wrapping deltas
            case 1 -> previous - random.nextInt(100_000);
            default -> previous + 15_000 + random.nextInt(3);
        };
    }

    private static long randomValueBits(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextLong(); // any bit pattern, NaN payloads included
            case 1 -> 0x7ff0000000000002L; // Prometheus staleness marker
            case 2 -> Double.doubleToRawLongBits(-0.0);
            default -> Double.doubleToRawLongBits(random.nextInt(1000) / 10.0);
        };
    }
}
