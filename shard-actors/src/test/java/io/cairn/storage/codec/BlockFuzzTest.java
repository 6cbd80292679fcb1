package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.model.SampleBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Damaged or random bytes must either decode (blocks carry no checksum of their own; the part
 * index does) or fail with CorruptBlockException - never with another exception, never by
 * reading outside the given range, and never by appending a partial block.
 */
class BlockFuzzTest {

    @Test
    void mutatedBlocksFailCleanly() {
        SplittableRandom r = new SplittableRandom(77);
        BlockDecoder decoder = new BlockDecoder();
        SampleBuffer out = new SampleBuffer();
        try (BlockEncoder encoder = new BlockEncoder()) {
            for (int iteration = 0; iteration < 3000; iteration++) {
                int n = 1 + r.nextInt(r.nextBoolean() ? 8 : 600);
                long[] ts = new long[n];
                double[] v = new double[n];
                long t = r.nextLong(1L << 41);
                int shape = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    t += 15_000 + (r.nextInt(4) == 0 ? r.nextInt(-3, 4) : 0);
                    ts[i] = t;
                    v[i] = shape == 0 ? r.nextInt(100) / 4.0 : shape == 1 ? Double.longBitsToDouble(r.nextLong()) : i;
                }
                int len = encoder.encode(ts, v, 0, n);
                byte[] block = new byte[len + 16];
                System.arraycopy(encoder.buffer(), 0, block, 8, len);
                int flips = 1 + r.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    block[8 + r.nextInt(len)] ^= (byte) (1 + r.nextInt(255));
                }
                int cut = r.nextInt(4) == 0 ? r.nextInt(len) : len;
                out.clear();
                out.append(-1, -1);
                try {
                    int decoded = decoder.decode(block, 8, cut, out);
                    assertEquals(1 + decoded, out.count());
                } catch (CorruptBlockException expected) {
                    assertEquals(1, out.count(), "partial block appended");
                }
            }
        }
    }

    @Test
    void randomBytesFailCleanly() {
        SplittableRandom r = new SplittableRandom(78);
        BlockDecoder decoder = new BlockDecoder();
        for (int iteration = 0; iteration < 3000; iteration++) {
            byte[] junk = new byte[r.nextInt(200)];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) r.nextInt(256);
            }
            if (junk.length > 0 && r.nextBoolean()) {
                junk[0] = (byte) (r.nextInt(2) << 4 | r.nextInt(3)); // plausible header
            }
            try {
                decoder.decode(junk, 0, junk.length, new SampleBuffer());
            } catch (CorruptBlockException expected) {
                // fine
            }
        }
        assertEquals(0, Arrays.stream(new int[0]).sum());
    }
}
