package io.cairn.storage.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdCompressCtx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class Hash64Test {

    /** Published XXH64 vectors (seed 0) from the xxHash test suite and its ports. */
    private static final Object[][] VECTORS = {
        {"", 0xEF46DB3751D8E999L},
        {"a", 0xD24EC4F1A98C6E5BL},
        {"abc", 0x44BC2CF5AD770999L},
        {"ABC", 0xE66AE7354FCFEE98L},
        {"123", 0x3C697D223FA7E885L},
        {"xxhash", 0x32DD38952C4BC720L},
        {"foo", 3728699739546630719L},
        {"abcdefghijklmnopqrstuvwxyz12345", 0x467605901B01D6F6L},
    };

    @Test
    void publishedVectors() {
        for (Object[] v : VECTORS) {
            byte[] in = ((String) v[0]).getBytes(StandardCharsets.UTF_8);
            long want = (Long) v[1];
            assertEquals(want, Hash64.hash(in), () -> "XXH64(\"" + v[0] + "\")");
            assertEquals(want, Hash64.hash(new UnsafeBuffer(in), 0, in.length, 0L));
        }
    }

    /**
     * An independent cross-check for every length class, including the 32-byte stripe loop
     * that the short vectors above never reach: zstd frames end with the low 32 bits of
     * XXH64(content, seed 0), computed by libzstd's own xxHash.
     */
    @Test
    void agreesWithZstdContentChecksum() {
        Random rnd = new Random(42);
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setChecksum(true);
            for (int len = 1; len < 300; len += 1 + len / 16) {
                byte[] in = new byte[len];
                rnd.nextBytes(in);
                byte[] frame = ctx.compress(in);
                int checksum = ByteBuffer.wrap(frame, frame.length - 4, 4)
                        .order(ByteOrder.LITTLE_ENDIAN).getInt();
                assertEquals(checksum, (int) Hash64.hash(in), "length " + len);
            }
        }
    }

    @Test
    void offsetsSeedsAndBuffersAgree() {
        Random rnd = new Random(7);
        for (int round = 0; round < 500; round++) {
            int len = rnd.nextInt(200);
            int off = rnd.nextInt(16);
            byte[] data = new byte[off + len + rnd.nextInt(16)];
            rnd.nextBytes(data);
            long seed = rnd.nextLong();
            byte[] exact = java.util.Arrays.copyOfRange(data, off, off + len);
            long want = Hash64.hash(exact, 0, len, seed);
            assertEquals(want, Hash64.hash(data, off, len, seed));
            assertEquals(want, Hash64.hash(new UnsafeBuffer(data), off, len, seed));
        }
    }

    @Test
    void avalancheSanity() {
        // Flipping any single input bit flips close to half of the output bits on average.
        Random rnd = new Random(5);
        long flips = 0;
        int trials = 0;
        for (int round = 0; round < 200; round++) {
            byte[] in = new byte[1 + rnd.nextInt(64)];
            rnd.nextBytes(in);
            long base = Hash64.hash(in);
            int bit = rnd.nextInt(in.length * 8);
            in[bit / 8] ^= (byte) (1 << (bit % 8));
            flips += Long.bitCount(base ^ Hash64.hash(in));
            trials++;
        }
        double mean = (double) flips / trials;
        assertTrue(mean > 29 && mean < 35, "mean flipped bits " + mean);
        assertEquals(Hash64.hash(new byte[8]), Hash64.hashLong(0L));
    }
}
