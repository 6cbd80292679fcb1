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
            assertEquals(want, new Hash64Stream().putBytes(in, 0, in.length).digest());
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
            Hash64Stream s = new Hash64Stream().reset(seed);
            int pos = off;
            while (pos < off + len) { // feed in random-sized pieces through every entry point
                int piece = Math.min(rnd.nextInt(20), off + len - pos);
                switch (rnd.nextInt(3)) {
                    case 0 -> s.putBytes(data, pos, piece);
                    case 1 -> s.putBytes(new UnsafeBuffer(data), pos, piece);
                    default -> {
                        for (int i = 0; i < piece; i++) {
                            s.putByte(data[pos + i]);
                        }
                    }
                }
                pos += piece;
            }
            assertEquals(want, s.digest(), "round " + round);
        }
    }

    @Test
    void streamLongAndVarintMatchTheirBytes() {
        Random rnd = new Random(3);
        for (int round = 0; round < 200; round++) {
            ByteBuffer expected = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
            Hash64Stream s = new Hash64Stream();
            for (int i = rnd.nextInt(30); i > 0; i--) {
                if (rnd.nextBoolean()) {
                    long v = rnd.nextLong();
                    expected.putLong(v);
                    s.putLongLE(v);
                } else {
                    int v = rnd.nextInt() >>> rnd.nextInt(32);
                    s.putVarint(v);
                    while ((v & ~0x7F) != 0) {
                        expected.put((byte) ((v & 0x7F) | 0x80));
                        v >>>= 7;
                    }
                    expected.put((byte) v);
                }
            }
            assertEquals(Hash64.hash(expected.array(), 0, expected.position(), 0), s.digest());
        }
    }

    @Test
    void utf8EncodingMatchesTheJdk() {
        String[] cases = {"", "plain", "ünïcødé", "日本語", "emoji 😀 pair", "lone \uD800 high",
            "lone \uDC00 low", "end \uD83D", "\u0080\u07FF\u0800\uFFFF"};
        for (String c : cases) {
            byte[] jdk = c.getBytes(StandardCharsets.UTF_8);
            assertEquals(jdk.length, Hash64Stream.utf8Length(c), c);
            assertEquals(Hash64.hash(jdk), new Hash64Stream().putUtf8(c).digest(), c);
        }
        Random rnd = new Random(11);
        for (int round = 0; round < 300; round++) {
            char[] chars = new char[rnd.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) rnd.nextInt(0x10000);
            }
            String s = new String(chars);
            byte[] jdk = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(jdk.length, Hash64Stream.utf8Length(s));
            assertEquals(Hash64.hash(jdk), new Hash64Stream().putUtf8(s).digest());
        }
    }

    @Test
    void digestLeavesStateUsable() {
        byte[] in = "a longer input that spans more than one 32-byte stripe".getBytes(
                StandardCharsets.US_ASCII);
        Hash64Stream s = new Hash64Stream();
        s.putBytes(in, 0, 20);
        assertEquals(Hash64.hash(in, 0, 20, 0), s.digest());
        s.putBytes(in, 20, in.length - 20);
        assertEquals(Hash64.hash(in), s.digest());
        assertEquals(Hash64.hash(in), s.digest());
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
