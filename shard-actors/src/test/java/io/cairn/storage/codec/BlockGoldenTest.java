package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.model.StaleMarker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden blocks: each stored block in golden/part/blocks.golden must decode to its known input
 * and re-encode to the same bytes. The small ones were derived by hand from
 * docs/format/block.md, so this also checks the document; decimal-packed holds PACKED streams
 * for both the timestamps and the mantissa deltas.
 */
class BlockGoldenTest {

    private static Map<String, Object[]> inputs() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("const-regular", new Object[] {new long[] {1000, 2000, 3000, 4000}, new double[] {1, 1, 1, 1}});
        m.put("decimal-gcd", new Object[] {new long[] {0, 15_000, 30_000}, new double[] {0.5, 0.75, 1.25}});
        m.put("xor-stale", new Object[] {new long[] {0, 1}, new double[] {1.0, StaleMarker.VALUE}});
        m.put("decimal-packed", new Object[] {new long[] {0, 1000, 2001, 2999, 4000, 5002, 5999, 7000},
            new double[] {1.5, 1.25, 1.75, 1.5, 1.0, 1.25, 1.5, 1.75}});
        return m;
    }

    @Test
    void goldenBlocksDecodeAndReencodeByteForByte() throws IOException {
        Map<String, byte[]> golden = load();
        Map<String, Object[]> inputs = inputs();
        assertEquals(inputs.keySet(), golden.keySet());
        BlockDecoder decoder = new BlockDecoder();
        try (BlockEncoder encoder = new BlockEncoder()) {
            for (var e : inputs.entrySet()) {
                long[] ts = (long[]) e.getValue()[0];
                double[] v = (double[]) e.getValue()[1];
                byte[] expected = golden.get(e.getKey());
                SampleBuffer out = new SampleBuffer();
                decoder.decode(expected, 0, expected.length, out);
                assertArrayEquals(ts, Arrays.copyOf(out.timestamps(), out.count()), e.getKey());
                for (int i = 0; i < v.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(out.values()[i]), e.getKey());
                }
                int len = encoder.encode(ts, v, 0, ts.length);
                assertEquals(HexFormat.of().formatHex(expected),
                        HexFormat.of().formatHex(Arrays.copyOf(encoder.buffer(), len)), e.getKey());
            }
        }
    }

    @Test
    void truncatedOrExtendedGoldenBlocksAreCorrupt() throws IOException {
        BlockDecoder decoder = new BlockDecoder();
        for (var e : load().entrySet()) {
            byte[] block = e.getValue();
            for (int len = 0; len < block.length; len++) {
                int n = len;
                assertThrowsCorrupt(() -> decoder.decode(block, 0, n, new SampleBuffer()), e.getKey() + " cut to " + len);
            }
            byte[] longer = Arrays.copyOf(block, block.length + 1);
            assertThrowsCorrupt(() -> decoder.decode(longer, 0, longer.length, new SampleBuffer()), e.getKey() + " + 1 byte");
        }
    }

    private static void assertThrowsCorrupt(Runnable r, String what) {
        try {
            r.run();
        } catch (CorruptBlockException expected) {
            return;
        }
        throw new AssertionError(what + ": no CorruptBlockException");
    }

    private static Map<String, byte[]> load() throws IOException {
        Map<String, byte[]> blocks = new LinkedHashMap<>();
        try (InputStream in = BlockGoldenTest.class.getResourceAsStream("/golden/part/blocks.golden")) {
            assertTrue(in != null, "missing golden/part/blocks.golden");
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                blocks.put(line.substring(0, space), HexFormat.of().parseHex(line.substring(space + 1).replace(" ", "")));
            }
        }
        return blocks;
    }
}
