package io.cairn.storage.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.hash.Hash64;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Canonical encoding, fingerprint caching and the sorted-pairs factory of {@link Labels}. */
class LabelsEncodingTest {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The canonical encoding spelled out with String.getBytes, the reference definition. */
    private static byte[] reference(Labels l) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < l.size(); i++) {
            for (String s : new String[] {l.name(i), l.value(i)}) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                int v = utf8.length;
                while ((v & ~0x7F) != 0) {
                    out.write((v & 0x7F) | 0x80);
                    v >>>= 7;
                }
                out.write(v);
                out.writeBytes(utf8);
            }
        }
        return out.toByteArray();
    }

    @Test
    void canonicalBytesAndHashesMatchTheirDefinitionsForRandomLabelSets() {
        Random rnd = new Random(3);
        for (int round = 0; round < 1000; round++) {
            Labels.Builder b = new Labels.Builder();
            for (int i = rnd.nextInt(10); i > 0; i--) {
                b.set(randomString(rnd, 1 + rnd.nextInt(10)), randomString(rnd,
                        1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 300 : 20)));
            }
            Labels l = b.build();
            byte[] want = reference(l);
            assertArrayEquals(want, l.canonicalBytes());
            assertEquals(want.length, l.canonicalLength());
            byte[] copy = new byte[want.length + 3];
            l.copyCanonicalBytes(copy, 3);
            assertArrayEquals(want, java.util.Arrays.copyOfRange(copy, 3, copy.length));
            assertEquals(Hash64.hash(want, 0, want.length, 0L), l.fingerprint());
            assertEquals((int) Hash64.hash(want, 0, want.length, Labels.CHECK_SEED),
                    l.fingerprintCheck());
            // Decoding gives the same bytes back (a lone surrogate has become '?' for good).
            assertArrayEquals(want,
                    Labels.fromCanonicalBytes(want, 0, want.length).canonicalBytes());
        }
    }

    @Test
    void fingerprintIsComputedOnceAndThenAllocatesNothing() {
        Labels l = Labels.of("__name__", "node_cpu_seconds_total", "cpu", "3", "mode", "idle",
                "instance", "host-0042:9100", "job", "node");
        long first = l.fingerprint();
        long sink = 0;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += l.fingerprint() + l.fingerprintCheck() + l.canonicalLength();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sink != 0);
        assertTrue(allocated < 1024, "cached fingerprint allocated " + allocated + " bytes");
        assertEquals(first, l.fingerprint());
        // Equal label sets built differently agree; the canonical array is never shared out.
        Labels same = Labels.of("job", "node", "instance", "host-0042:9100", "mode", "idle",
                "cpu", "3", "__name__", "node_cpu_seconds_total");
        assertEquals(first, same.fingerprint());
        assertNotSame(l.canonicalBytes(), l.canonicalBytes());
    }

    @Test
    void fingerprintAndCheckAreIndependent() {
        // Different label sets differ in both; a check is not a function of the fingerprint.
        Labels a = Labels.of("__name__", "up", "i", "1");
        Labels b = Labels.of("__name__", "up", "i", "2");
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertNotEquals(a.fingerprintCheck(), b.fingerprintCheck());
        assertNotEquals((int) a.fingerprint(), a.fingerprintCheck());
    }

    @Test
    void emptyLabelsHaveAnEmptyEncoding() {
        assertEquals(0, Labels.EMPTY.canonicalLength());
        assertEquals(Hash64.hash(new byte[0], 0, 0, 0L), Labels.EMPTY.fingerprint());
    }

    @Test
    void ofSortedAcceptsCanonicalPairsWithoutCopying() {
        String[] pairs = {"__name__", "up", "instance", "h:1", "job", "node"};
        Labels l = Labels.ofSorted(pairs);
        assertEquals(Labels.of("job", "node", "__name__", "up", "instance", "h:1"), l);
        assertSame(Labels.EMPTY, Labels.ofSorted(new String[0]));
    }

    static Stream<Arguments> unsortedPairs() {
        return Stream.of(
                Arguments.of(new String[] {"b", "1", "a", "2"}, "not strictly ascending"),
                Arguments.of(new String[] {"a", "1", "a", "2"}, "not strictly ascending"),
                Arguments.of(new String[] {"a", ""}, "has an empty value"),
                Arguments.of(new String[] {"a", "1", "b"}, "name/value pairs"),
                Arguments.of(new String[] {"a", null}, "null"));
    }

    @ParameterizedTest
    @MethodSource("unsortedPairs")
    void ofSortedRejectsWhatIsNotCanonical(String[] pairs, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Labels.ofSorted(pairs));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void builderSortsWithoutLosingPairs() {
        Random rnd = new Random(5);
        for (int round = 0; round < 200; round++) {
            int n = rnd.nextInt(40);
            java.util.TreeMap<String, String> want = new java.util.TreeMap<>();
            Labels.Builder b = new Labels.Builder();
            for (int i = 0; i < n; i++) {
                String name = "n" + rnd.nextInt(60);
                String value = "v" + rnd.nextInt(5);
                b.set(name, value);
                want.put(name, value);
            }
            Labels l = b.build();
            assertEquals(want.size(), l.size());
            int i = 0;
            for (var e : want.entrySet()) {
                assertEquals(e.getKey(), l.name(i));
                assertEquals(e.getValue(), l.value(i));
                i++;
            }
        }
    }

    private static String randomString(Random rnd, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            switch (rnd.nextInt(12)) {
                case 0 -> sb.append((char) (0x80 + rnd.nextInt(0x780)));
                case 1 -> sb.append((char) (0x800 + rnd.nextInt(0x7000)));
                case 2 -> sb.appendCodePoint(0x10000 + rnd.nextInt(0x1000));
                case 3 -> sb.append((char) (0xD800 + rnd.nextInt(0x800))); // lone surrogate
                default -> sb.append((char) ('a' + rnd.nextInt(26)));
            }
        }
        return sb.toString();
    }
}
