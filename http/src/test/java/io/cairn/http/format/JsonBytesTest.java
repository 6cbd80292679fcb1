package io.cairn.http.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBytesTest {
    private static String text(JsonBytes b) {
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    private static byte[] stringBuilderString(String s) {
        StringBuilder sb = new StringBuilder();
        PromJson.appendString(sb, s);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stringsAreEscapedAsPromJsonEscapesThem() {
        JsonBytes b = new JsonBytes(0);
        b.appendString("\n\r\t\u0001\u2028\u2029ü😀\ud800x<>&\"\\");
        assertEquals("\"\\n\\r\\t\\u0001\\u2028\\u2029ü😀\ufffdx\\u003c\\u003e\\u0026\\\"\\\\\"",
                text(b));
        assertEquals("\"\"", text(new JsonBytes(0).appendString("")));
    }

    @Test
    void randomStringsGiveTheBytesOfTheStringBuilderPath() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 50_000; i++) {
            String s = RandomValues.nextText(r);
            assertArrayEquals(stringBuilderString(s), new JsonBytes(r.nextInt(4)).appendString(s)
                    .toByteArray(), s);
        }
    }

    @Test
    void everyCharAndSurrogatePairMatchesTheStringBuilderPath() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = "x" + (char) c + "y";
            assertArrayEquals(stringBuilderString(s), new JsonBytes(0).appendString(s).toByteArray(),
                    Integer.toHexString(c));
        }
        for (int cp = 0x10000; cp <= 0x10FFFF; cp += 0x3F1) {
            String s = new String(Character.toChars(cp));
            assertArrayEquals(stringBuilderString(s), new JsonBytes(0).appendString(s).toByteArray(),
                    Integer.toHexString(cp));
        }
    }

    /** Long strings are escaped in chunks; pairs and escapes across chunk edges stay whole. */
    @ParameterizedTest
    @ValueSource(ints = {1023, 1024, 1025, 2047, 2048, 5000})
    void longStringsAcrossChunkBoundaries(int length) {
        for (String unit : new String[] {"a", "\n", "é", "😀", "\u2028", "\ud800"}) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < length) {
                sb.append(unit);
            }
            // Shift by one so that pairs also start on odd indexes.
            for (String s : new String[] {sb.toString(), "b" + sb}) {
                assertArrayEquals(stringBuilderString(s),
                        new JsonBytes(1).appendString(s).toByteArray(), unit + " x " + length);
            }
        }
    }

    @Test
    void longsAsLongToStringWritesThem() {
        long[] table = {0, 1, -1, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, 1_700_000_000_000L, -1_000_000_000_000_000_000L};
        for (long v : table) {
            assertEquals(Long.toString(v), text(new JsonBytes(0).appendLong(v)));
        }
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            assertEquals(Long.toString(v), text(new JsonBytes(0).appendLong(v)));
        }
    }

    /**
     * Growth from every small capacity, with writes that end just before, at and after the
     * array's end: the content is always exactly what was appended.
     */
    @Test
    void growthAcrossBoundariesKeepsTheContent() {
        SplittableRandom r = new SplittableRandom(7);
        for (int capacity = 0; capacity <= 40; capacity++) {
            JsonBytes b = new JsonBytes(capacity);
            StringBuilder want = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                switch (r.nextInt(6)) {
                    case 0 -> {
                        b.append(',');
                        want.append(',');
                    }
                    case 1 -> {
                        byte[] lit = "{\"metric\":".getBytes(StandardCharsets.US_ASCII);
                        b.append(lit);
                        want.append("{\"metric\":");
                    }
                    case 2 -> {
                        long v = r.nextLong() >> r.nextInt(64);
                        b.appendLong(v);
                        want.append(v);
                    }
                    case 3 -> {
                        String s = RandomValues.nextText(r);
                        b.appendString(s);
                        PromJson.appendString(want, s);
                    }
                    case 4 -> {
                        double v = RandomValues.nextDouble(r);
                        PromFloat.append(b, v);
                        PromFloat.append(want, v);
                    }
                    default -> {
                        JsonBytes other = new JsonBytes(0).append('[').appendLong(i).append(']');
                        b.append(other);
                        want.append('[').append(i).append(']');
                    }
                }
                assertEquals(want.toString().getBytes(StandardCharsets.UTF_8).length, b.length());
            }
            assertArrayEquals(want.toString().getBytes(StandardCharsets.UTF_8), b.toByteArray(),
                    "capacity " + capacity);
        }
    }

    @Test
    void clearKeepsNothingAndWriteToWritesTheContent() throws IOException {
        JsonBytes b = new JsonBytes(4);
        b.appendString("old content");
        b.clear();
        assertEquals(0, b.length());
        b.append('[').appendLong(42).append(']');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        assertEquals("[42]", out.toString(StandardCharsets.UTF_8));
        assertEquals("[42]", text(b));
    }

    @Test
    void ensureExactlyGrowsToTheRequestAndEnsureAtLeastDoubles() {
        JsonBytes b = new JsonBytes(10).append('a');
        b.ensureExactly(9);
        assertEquals(10, b.array().length, "room enough: no growth");
        b.ensureExactly(100);
        assertEquals(101, b.array().length);
        b.ensure(101);
        assertEquals(202, b.array().length);
        assertEquals("a", text(b));
        assertThrows(IllegalStateException.class, () -> b.ensure(Integer.MAX_VALUE));
        assertThrows(IllegalStateException.class, () -> b.ensureExactly(Integer.MAX_VALUE));
    }

    @Test
    void negativeCapacityAndBackwardPositionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JsonBytes(-1));
        JsonBytes b = new JsonBytes(8).append('a').append('b');
        assertThrows(IllegalStateException.class, () -> b.position(1));
        assertThrows(IllegalStateException.class, () -> b.position(9));
    }
}
