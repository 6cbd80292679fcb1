package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The integer stream schemes on their own: randomised round trips of every scheme (every
 * frame width 0..64, Long.MIN/MAX, partial last frames, streams ending exactly at the end of
 * their array or followed by other bytes), the PACKED byte layout, the encoder's choice and the
 * reader's validation.
 */
class PackedStreamTest {
    private final StreamWriter writer = new StreamWriter();
    private final StreamReader reader = new StreamReader();

    @Test
    void everySchemeRoundTripsEveryWidth() {
        SplittableRandom r = new SplittableRandom(5);
        for (int iteration = 0; iteration < 4000; iteration++) {
            int k = r.nextInt(4) == 0 ? r.nextInt(4) : 1 + r.nextInt(700);
            long[] v = values(r, k);
            for (int scheme = StreamScheme.MARKER; scheme <= StreamScheme.PACKED; scheme++) {
                roundTrip(v, k, scheme, r, "iteration " + iteration + " " + StreamScheme.name(scheme));
            }
        }
    }

    @Test
    void eachWidthIsExact() {
        SplittableRandom r = new SplittableRandom(6);
        for (int w = 0; w <= 64; w++) {
            for (int k : new int[] {1, 7, 63, 64, 65, 130}) {
                long[] v = new long[k];
                for (int i = 0; i < k; i++) {
                    long z = w == 0 ? 0 : w == 64 ? r.nextLong() : r.nextLong() & (-1L >>> (64 - w));
                    v[i] = VarInts.unzigzag(z);
                }
                if (w > 0) {
                    v[r.nextInt(k)] = VarInts.unzigzag(-1L >>> (64 - w)); // the frame's width is w
                }
                ByteSink sink = new ByteSink(16);
                PackedWriter.write(v, 0, k, sink);
                assertEquals(w, sink.array()[0] & 0xFF, "width byte for w=" + w);
                assertEquals(PackedWriter.size(v, 0, k), sink.length());
                roundTrip(v, k, StreamScheme.PACKED, r, "w=" + w + " k=" + k);
            }
        }
    }

    @Test
    void extremesRoundTrip() {
        long[] v = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
        for (int scheme = StreamScheme.MARKER; scheme <= StreamScheme.PACKED; scheme++) {
            roundTrip(v, v.length, scheme, new SplittableRandom(1), StreamScheme.name(scheme));
        }
    }

    @Test
    void layoutIsLsbFirstWithFramesOfSixtyFour() {
        // 3 values of width 3 (zigzag 1, 4, 6) at bits 0-2, 3-5, 6-8: 1 | 4 << 3 | 6 << 6 = 0x1a1.
        ByteSink sink = new ByteSink(16);
        PackedWriter.write(new long[] {-1, 2, 3}, 0, 3, sink);
        assertEquals("03a101", hex(sink));
        // 64 zeros then one 1: a zero frame is its width byte alone.
        long[] v = new long[65];
        v[64] = -1;
        sink.reset();
        PackedWriter.write(v, 0, 65, sink);
        assertEquals("000101", hex(sink));
    }

    @Test
    void encoderPrefersPackedUnlessVarintsAreClearlySmaller() {
        long[] jitter = new long[1000];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < jitter.length; i++) {
            jitter[i] = r.nextInt(-8, 9);
        }
        assertEquals(StreamScheme.PACKED, writer.choose(jitter, 0, jitter.length));
        long[] zeros = new long[1000];
        assertTrue(writer.choose(zeros, 0, zeros.length) != StreamScheme.PACKED, "zero runs are one varint token");
        // Within the slack: 1/8 more bytes still goes to PACKED on long streams, not on short ones.
        assertTrue(StreamScheme.preferPacked(1000, 800, 900));
        assertTrue(!StreamScheme.preferPacked(1000, 800, 901));
        assertTrue(!StreamScheme.preferPacked(10, 8, 8));
        assertTrue(StreamScheme.preferPacked(10, 8, 7));
    }

    @Test
    void damagedPackedStreamsAreCorrupt() {
        assertCorrupt(new byte[] {}, 1, "no frame header");
        assertCorrupt(new byte[] {65, 0, 0, 0, 0, 0, 0, 0, 0}, 1, "width 65");
        assertCorrupt(new byte[] {(byte) 0xC0, 0, 0, 0, 0, 0, 0, 0, 0}, 1, "width 192");
        assertCorrupt(new byte[] {8, 1}, 2, "frame needs 2 bytes");
        assertCorrupt(new byte[] {3, (byte) 0xA1, 0x03}, 3, "non-zero padding bit");
        assertCorrupt(new byte[] {0}, 65, "second frame header missing");
        // The same bytes with the padding bit clear decode.
        ByteSource in = new ByteSource();
        in.wrap(new byte[] {3, (byte) 0xA1, 0x01}, 0, 3);
        long[] out = new long[3];
        reader.read(in, StreamScheme.PACKED, out, 0, 3);
        assertArrayEquals(new long[] {-1, 2, 3}, out);
        assertEquals(0, in.remaining());
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        SplittableRandom r = new SplittableRandom(8);
        long[] out = new long[BlockDescriptor.MAX_SAMPLES];
        ByteSource in = new ByteSource();
        int accepted = 0;
        for (int iteration = 0; iteration < 20_000; iteration++) {
            byte[] junk = new byte[r.nextInt(600)];
            for (int i = 0; i < junk.length; i++) {
                // Mostly plausible widths, so frames get unpacked rather than rejected at once.
                junk[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(65) : r.nextInt(256));
            }
            int off = junk.length == 0 ? 0 : r.nextInt(junk.length);
            in.wrap(junk, off, junk.length - off);
            try {
                reader.read(in, StreamScheme.PACKED, out, 0, 1 + r.nextInt(out.length));
                accepted++;
            } catch (CorruptBlockException expected) {
                // fine
            }
        }
        assertTrue(accepted > 0, "the accepting path was never exercised");
    }

    private void roundTrip(long[] v, int k, int scheme, SplittableRandom r, String what) {
        ByteSink sink = new ByteSink(16);
        int before = r.nextInt(3) * 5;
        for (int i = 0; i < before; i++) {
            sink.writeByte(0x5A);
        }
        writer.write(scheme, v, 0, k, sink);
        int streamEnd = sink.length();
        int after = r.nextBoolean() ? 0 : 1 + r.nextInt(20);
        for (int i = 0; i < after; i++) {
            sink.writeByte(0xFF);
        }
        if (scheme == StreamScheme.PACKED) {
            assertEquals(PackedWriter.size(v, 0, k), streamEnd - before, what);
        } else {
            assertEquals(writer.zeroRunSize(v, 0, k, scheme), streamEnd - before, what);
        }
        byte[] bytes = Arrays.copyOf(sink.array(), sink.length());
        ByteSource in = new ByteSource();
        in.wrap(bytes, before, bytes.length - before);
        long[] out = new long[k + 2];
        out[0] = 77;
        out[k + 1] = 77;
        reader.read(in, scheme, out, 1, k);
        assertEquals(after, in.remaining(), what + ": stream length");
        assertEquals(77, out[0], what);
        assertEquals(77, out[k + 1], what);
        assertArrayEquals(v, Arrays.copyOfRange(out, 1, k + 1), what);
    }

    private void assertCorrupt(byte[] stream, int k, String what) {
        ByteSource in = new ByteSource();
        in.wrap(stream, 0, stream.length);
        assertThrows(CorruptBlockException.class, () -> reader.read(in, StreamScheme.PACKED, new long[k], 0, k), what);
    }

    /** Frames of mixed widths: zeros, jitter, large values, and single outliers. */
    private static long[] values(SplittableRandom r, int k) {
        long[] v = new long[k];
        int style = r.nextInt(5);
        for (int i = 0; i < k; i++) {
            switch (style) {
                case 0: v[i] = r.nextInt(-8, 9); break;
                case 1: v[i] = r.nextInt(10) == 0 ? r.nextLong() : 0; break;
                case 2: v[i] = r.nextLong() >> r.nextInt(64); break;
                case 3: v[i] = r.nextInt(3) == 0 ? (r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : r.nextInt(100); break;
                default: v[i] = (i / 64) % 2 == 0 ? 0 : r.nextLong(1L << r.nextInt(1, 63)); break;
            }
        }
        return v;
    }

    private static String hex(ByteSink sink) {
        return java.util.HexFormat.of().formatHex(sink.array(), 0, sink.length());
    }
}
