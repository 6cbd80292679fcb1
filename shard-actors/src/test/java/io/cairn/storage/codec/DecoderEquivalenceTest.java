package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.model.StaleMarker;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The optimised {@link BlockDecoder} must behave exactly like {@link LegacyBlockDecoder}, the
 * per-token decoder it replaced: the same samples bit for bit on every valid block (and the
 * encoder's input), and the same accept/reject verdict on damaged ones. Blocks are placed at
 * the very end of their array too, where word-wise varint reads must fall back to byte reads.
 */
class DecoderEquivalenceTest {
    private static final double[] SPECIALS = {Double.NaN, StaleMarker.VALUE,
        Double.longBitsToDouble(0x7ff8dead0000beefL), Double.longBitsToDouble(0xfff0000000000001L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MAX_VALUE, 1e300, 1e-300, 4.9e-324, 1e22, 1e-22, 9007199254740993.0};

    private final BlockEncoder zstdEncoder = new BlockEncoder();
    private final BlockEncoder rawEncoder = new BlockEncoder(0);
    private final BlockDecoder decoder = new BlockDecoder();
    private final LegacyBlockDecoder legacy = new LegacyBlockDecoder();
    private final SampleBuffer fast = new SampleBuffer();
    private final SampleBuffer slow = new SampleBuffer();

    @AfterEach
    void close() {
        zstdEncoder.close();
        rawEncoder.close();
        legacy.close();
    }

    @Test
    void encodedBlocksDecodeToTheirInputAndAgreeWithTheLegacyDecoder() {
        SplittableRandom r = new SplittableRandom(2024);
        for (int iteration = 0; iteration < 1500; iteration++) {
            int n = count(r);
            long[] ts = timestamps(r, n);
            double[] v = values(r, n);
            for (BlockEncoder encoder : new BlockEncoder[] {zstdEncoder, rawEncoder}) {
                int len = encoder.encode(ts, v, 0, n);
                // Sometimes room before the block, often none after it.
                int off = r.nextInt(3) * 8 + r.nextInt(12);
                byte[] block = new byte[off + len + (r.nextBoolean() ? 0 : r.nextInt(12))];
                System.arraycopy(encoder.buffer(), 0, block, off, len);
                String what = "iteration " + iteration + " header 0x" + Integer.toHexString(encoder.header());
                fast.clear();
                assertEquals(n, decoder.decode(block, off, len, fast), what);
                assertSamples(ts, v, fast, what);
                slow.clear();
                legacy.decode(block, off, len, slow);
                assertSamples(slow.timestamps(), slow.values(), fast, what + " vs legacy");
            }
        }
    }

    @Test
    void damagedBlocksGetTheLegacyVerdict() {
        SplittableRandom r = new SplittableRandom(99);
        int accepted = 0;
        for (int iteration = 0; iteration < 6000; iteration++) {
            int n = 1 + r.nextInt(r.nextBoolean() ? 10 : 400);
            long[] ts = timestamps(r, n);
            double[] v = values(r, n);
            BlockEncoder encoder = r.nextInt(4) == 0 ? zstdEncoder : rawEncoder;
            int len = encoder.encode(ts, v, 0, n);
            byte[] block = Arrays.copyOf(encoder.buffer(), len);
            for (int f = 1 + r.nextInt(3); f > 0; f--) {
                block[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
            }
            int cut = r.nextInt(5) == 0 ? r.nextInt(len) : len;
            byte[] tight = Arrays.copyOf(block, cut); // no slack after the block
            accepted += compareVerdicts(tight, "iteration " + iteration);
        }
        // Single bit flips in varint payloads often leave a valid block: both paths were exercised.
        if (accepted < 100) {
            fail("only " + accepted + " damaged blocks decoded; the comparison of outputs hardly ran");
        }
    }

    @Test
    void handWrittenDecimalSectionsAgreeWithTheLegacyDecoder() {
        SplittableRandom r = new SplittableRandom(7);
        ZeroRunWriter zr = new ZeroRunWriter();
        for (int iteration = 0; iteration < 3000; iteration++) {
            int n = 1 + r.nextInt(r.nextBoolean() ? 5 : 3000);
            ByteSink body = new ByteSink(64);
            body.writeByte(BlockDescriptor.header(BlockDescriptor.COMPRESSION_NONE, BlockDescriptor.VALUES_DECIMAL));
            body.writeVarLong(n);
            TimestampCodec.encode(timestamps(r, n), 0, n, body, new StreamWriter());
            int mode = r.nextInt(2);
            int scheme = r.nextInt(2);
            body.writeByte(r.nextInt(23)); // every scale, including 10^22
            body.writeByte(mode | scheme << 1);
            body.writeZigZag(mantissa(r));
            if (n > 1) {
                body.writeVarLong(r.nextInt(3) == 0 ? 1 + r.nextLong(1L << r.nextInt(1, 63)) : 1);
                if (mode == DecimalValueCodec.MODE_DOD) {
                    body.writeZigZag(mantissa(r) >> r.nextInt(64));
                }
                zr.begin(body, scheme);
                for (int i = mode == DecimalValueCodec.MODE_DOD ? 2 : 1; i < n; i++) {
                    zr.add(r.nextInt(3) == 0 ? 0 : mantissa(r) >> r.nextInt(64));
                }
                zr.finish();
            }
            int exceptions = r.nextInt(4) == 0 ? r.nextInt(Math.min(n, 5) + 1) : 0;
            body.writeVarLong(exceptions);
            for (int e = 0; e < exceptions; e++) {
                body.writeVarLong(0);
                body.writeLongLE(Double.doubleToRawLongBits(SPECIALS[r.nextInt(SPECIALS.length)]));
            }
            byte[] block = Arrays.copyOf(body.array(), body.length());
            assertEquals(1, compareVerdicts(block, "iteration " + iteration), "valid section rejected");
        }
    }

    /** Decodes with both decoders; returns 1 if both accepted (with equal output), 0 if both rejected. */
    private int compareVerdicts(byte[] block, String what) {
        fast.clear();
        slow.clear();
        CorruptBlockException fastError = null;
        CorruptBlockException slowError = null;
        try {
            decoder.decode(block, 0, block.length, fast);
        } catch (CorruptBlockException e) {
            fastError = e;
            assertEquals(0, fast.count(), what + ": partial block appended");
        }
        try {
            legacy.decode(block, 0, block.length, slow);
        } catch (CorruptBlockException e) {
            slowError = e;
        }
        if ((fastError == null) != (slowError == null)) {
            fail(what + ": optimised decoder " + (fastError == null ? "accepted" : "rejected (" + fastError.getMessage() + ")")
                    + ", legacy " + (slowError == null ? "accepted" : "rejected (" + slowError.getMessage() + ")"));
        }
        if (fastError != null) {
            return 0;
        }
        assertEquals(slow.count(), fast.count(), what);
        assertSamples(slow.timestamps(), slow.values(), fast, what);
        return 1;
    }

    private static void assertSamples(long[] ts, double[] v, SampleBuffer out, String what) {
        for (int i = 0; i < out.count(); i++) {
            if (ts[i] != out.timestamps()[i]) {
                fail(what + ": timestamp " + i + " expected " + ts[i] + " got " + out.timestamps()[i]);
            }
            long expected = Double.doubleToRawLongBits(v[i]);
            long actual = Double.doubleToRawLongBits(out.values()[i]);
            if (expected != actual) {
                fail(what + ": value " + i + " expected bits " + Long.toHexString(expected) + " got "
                        + Long.toHexString(actual));
            }
        }
    }

    private static long mantissa(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0: return r.nextLong(-(1L << 53), (1L << 53) + 1);
            case 1: return r.nextLong();
            default: return r.nextLong(-100_000, 100_000);
        }
    }

    private static int count(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0: return 1 + r.nextInt(4);
            case 1: return 5760;
            default: return 1 + r.nextInt(BlockDescriptor.MAX_SAMPLES);
        }
    }

    private static long[] timestamps(SplittableRandom r, int n) {
        long[] ts = new long[n];
        long t = r.nextLong(0, 2_000_000_000_000L);
        int style = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            ts[i] = t;
            switch (style) {
                case 0: t += 15_000; break;
                case 1: t += 15_000 + r.nextInt(21); break;
                case 2: t += 15_000 + (r.nextInt(20) == 0 ? r.nextInt(-3000, 3000) : 0); break;
                case 3: t = r.nextLong(); break; // 9- and 10-byte varints, wrapping arithmetic
                default: t += 1 + r.nextLong(1L << r.nextInt(1, 40)); break;
            }
        }
        return ts;
    }

    private static double[] values(SplittableRandom r, int n) {
        double[] v = new double[n];
        int shape = r.nextInt(8);
        int scale = r.nextInt(23);
        double divisor = Math.pow(10, scale);
        long m = r.nextLong(1L << 40);
        for (int i = 0; i < n; i++) {
            switch (shape) {
                case 0: m += r.nextInt(20_000); v[i] = m / 100.0; break; // counter, 2 decimals
                case 1: m += r.nextInt(-300, 301); v[i] = m / 100.0; break; // gauge
                case 2: v[i] = 1.0; break;
                case 3: v[i] = Double.longBitsToDouble(r.nextLong()); break;
                case 4: v[i] = SPECIALS[r.nextInt(SPECIALS.length)]; break;
                case 5: // decimals of any scale near 2^53, sprinkled with specials (exceptions)
                    v[i] = r.nextInt(40) == 0 ? SPECIALS[r.nextInt(SPECIALS.length)]
                            : r.nextLong(-(1L << 53), 1L << 53) / divisor;
                    break;
                case 6: m += r.nextInt(1 << 20); v[i] = m; break; // integer byte counter
                default: v[i] = r.nextInt(50) == 0 ? StaleMarker.VALUE : (m += r.nextInt(5)) / 10.0; break;
            }
        }
        return v;
    }
}
