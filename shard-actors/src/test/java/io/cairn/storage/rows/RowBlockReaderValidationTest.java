package io.cairn.storage.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RowBlockReaderValidationTest {
    /** Hand-built version 1 blocks: version, tenant 0:0, then the given varint/byte sequence. */
    private static byte[] block(int... tail) {
        return withVersion(v2(tail), RowBlockDescriptor.VERSION_1);
    }

    /** Hand-built version 2 blocks: version, tenant 0:0, then the given varint/byte sequence. */
    private static byte[] v2(int... tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(RowBlockDescriptor.VERSION);
        out.writeBytes(new byte[8]);
        for (int b : tail) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static final int[] VALUE = {0, 0, 0, 0, 0, 0, 0xF0, 0x3F}; // 1.0 LE

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", new byte[0], 0, "need at least 9 header bytes"),
                Arguments.of("header only", block(), 9, "varint runs past the end"),
                Arguments.of("version 4", withVersion(block(0, 0, 0), 4), 0,
                        "unsupported version 4"),
                Arguments.of("v2 header only", v2(), 9, "varint runs past the end"),
                Arguments.of("v2 series count too large", v2(1, 1, 2, 3), 9,
                        "count of series 1 cannot fit"),
                Arguments.of("v2 series key truncated",
                        v2(2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 5, 'a', 'b', 'c', 'd', 'e',
                                1, 2, 3, 4, 5, 6, 7, 8), 28, "series 1 id and check truncated"),
                Arguments.of("v2 labels overrun",
                        v2(1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 5, 1, 'a', 0), 22,
                        "labels of series 0 (5 bytes) overrun the block"),
                Arguments.of("v2 row of unknown series",
                        concat(v2(1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 1, 1, 0), VALUE), 24,
                        "row 0 refers to series 1"),
                Arguments.of("dictionary entry overruns", block(1, 5, 'a'), 10,
                        "dictionary entry 0 of 5 bytes overruns"),
                Arguments.of("dictionary count too large", block(100, 1, 'a'), 9,
                        "count of dictionary entries 100"),
                Arguments.of("varint beyond 32 bits", block(0xFF, 0xFF, 0xFF, 0xFF, 0x1F), 9,
                        "does not fit in 32 bits"),
                Arguments.of("label index outside dictionary", block(1, 1, 'a', 1, 1, 0, 1, 0), 15,
                        "dictionary index 1 in series 0"),
                Arguments.of("row of unknown series", concat(block(0, 1, 0, 1, 1, 0), VALUE), 13,
                        "row 0 refers to series 1"),
                Arguments.of("row count beyond block", block(0, 1, 0, 1, 0, 0, 1, 2, 3), 12,
                        "count of rows 1 cannot fit"),
                Arguments.of("value truncated",
                        block(0, 1, 0, 1, 0, 0x80, 0x80, 0x01, 1, 2, 3, 4, 5, 6), 17,
                        "row 0 value truncated"),
                Arguments.of("trailing byte", block(0, 0, 0, 7), 12, "1 trailing bytes"),
                Arguments.of("timestamp varint beyond 64 bits",
                        concat(block(0, 1, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                0xFF, 0x7F), VALUE), 14, "does not fit in 64 bits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedBlocksNamingTheOffset(String name, byte[] bytes, int offset,
            String message) {
        RowBlockFormatException e = assertThrows(RowBlockFormatException.class,
                () -> new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length));
        assertEquals(offset, e.blockOffset(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith("malformed row block at offset " + offset),
                e.getMessage());
    }

    static Stream<Arguments> badLabels() {
        // dictionary: "a", "b", "" ; then one series with two labels
        return Stream.of(
                Arguments.of("names not ascending",
                        concat(block(3, 1, 'b', 1, 'a', 0, 1, 2, 0, 1, 1, 0, 1, 0, 0), VALUE),
                        "label names not strictly ascending"),
                Arguments.of("duplicate name",
                        concat(block(2, 1, 'a', 1, 'b', 1, 2, 0, 1, 0, 1, 1, 0, 0), VALUE),
                        "label names not strictly ascending"),
                Arguments.of("empty value",
                        concat(block(3, 1, 'a', 1, 'b', 0, 1, 1, 0, 2, 1, 0, 0), VALUE),
                        "has an empty value"));
    }

    /** A v2 block with one series whose canonical label bytes are {@code labels}, and a row. */
    private static byte[] v2Labels(int... labels) {
        int[] tail = new int[13 + labels.length + 3];
        tail[0] = 1; // one series; id and check stay 0
        tail[13] = labels.length;
        System.arraycopy(labels, 0, tail, 14, labels.length);
        tail[14 + labels.length] = 1; // one row
        tail[15 + labels.length] = 0; // of series 0
        return concat(concat(v2(tail), new int[] {0}), VALUE); // timestamp delta 0, value
    }

    static Stream<Arguments> badV2Labels() {
        return Stream.of(
                Arguments.of("names not ascending", v2Labels(1, 'b', 1, 'x', 1, 'a', 1, 'x'),
                        "label names not strictly ascending"),
                Arguments.of("duplicate name", v2Labels(1, 'a', 1, 'x', 1, 'a', 1, 'y'),
                        "label names not strictly ascending"),
                Arguments.of("empty value", v2Labels(1, 'a', 0), "has an empty value"),
                Arguments.of("odd number of strings", v2Labels(1, 'a', 1, 'x', 1, 'b'),
                        "3 label strings, not name/value pairs"),
                Arguments.of("string overruns the labels", v2Labels(1, 'a', 4, 'x'),
                        "label string of 4 bytes overruns its labels"),
                Arguments.of("truncated varint", v2Labels(1, 'a', 0x80),
                        "varint runs past the end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badV2Labels")
    void rejectsInvalidV2LabelBytesWhenDecoded(String name, byte[] bytes, String message) {
        RowBlockReader reader = new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        RowBlockFormatException e = assertThrows(RowBlockFormatException.class,
                () -> reader.labels(0));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        // The reader stays usable: the rows still decode after the failed label decode.
        RowBlockReader.RowCursor rows = reader.rows();
        assertTrue(rows.next());
        assertEquals(0, rows.seriesIndex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLabels")
    void rejectsInvalidLabelSetsWhenDecoded(String name, byte[] bytes, String message) {
        RowBlockReader reader = new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        RowBlockFormatException e = assertThrows(RowBlockFormatException.class,
                () -> reader.labels(0));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void everyStrictPrefixOfAValidBlockIsRejected() {
        byte[] bytes = sample();
        for (int len = 0; len < bytes.length; len++) {
            int n = len;
            assertThrows(RowBlockFormatException.class,
                    () -> new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, n), "prefix " + n);
        }
    }

    @Test
    void randomCorruptionFailsOnlyWithFormatErrors() {
        Random random = new Random(7);
        byte[] valid = sample();
        RowBlockReader reader = new RowBlockReader();
        int rejected = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                reader.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
                for (int s = 0; s < reader.seriesCount(); s++) {
                    reader.labels(s);
                }
                RowBlockReader.RowCursor rows = reader.rows();
                int n = 0;
                while (rows.next()) {
                    assertTrue(rows.seriesIndex() < reader.seriesCount());
                    n++;
                }
                assertEquals(reader.rowCount(), n);
            } catch (RowBlockFormatException expected) {
                rejected++;
            }
        }
        assertTrue(rejected > 0, "no mutation was detected");
    }

    @Test
    void accessorsBeforeWrapFail() {
        assertThrows(IllegalStateException.class, () -> new RowBlockReader().rows());
        byte[] bytes = sample();
        assertThrows(IllegalArgumentException.class,
                () -> new RowBlockReader().wrap(new UnsafeBuffer(bytes), 1, bytes.length));
    }

    private static byte[] sample() {
        RowBlockWriter writer = new RowBlockWriter().reset(new Tenant(3, 4));
        writer.addRow(Labels.of("__name__", "up", "job", "a"), 1000, 1);
        writer.addRow(Labels.of("__name__", "up", "job", "b"), 1000, 0);
        writer.addRow(Labels.of("__name__", "up", "job", "a"), 2000, 1);
        return writer.toBytes();
    }

    @Test
    void version1BlocksHaveNoSeriesIds() {
        byte[] bytes = concat(block(2, 1, 'a', 1, 'b', 1, 1, 0, 1, 1, 0, 0), VALUE);
        RowBlockReader reader = new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertTrue(!reader.hasSeriesIds());
        assertEquals(Labels.of("a", "b"), reader.labels(0));
        assertThrows(IllegalStateException.class, () -> reader.seriesId(0));
        assertThrows(IllegalStateException.class, () -> reader.seriesCheck(0));
    }

    private static byte[] withVersion(byte[] bytes, int version) {
        bytes[0] = (byte) version;
        return bytes;
    }

    private static byte[] concat(byte[] head, int[] tail) {
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        for (int i = 0; i < tail.length; i++) {
            out[head.length + i] = (byte) tail[i];
        }
        return out;
    }
}
