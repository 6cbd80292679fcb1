package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.model.StaleMarker;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockCodecRoundTripTest {
    private final BlockEncoder encoder = new BlockEncoder();
    private final BlockEncoder rawEncoder = new BlockEncoder(0);
    private final BlockDecoder decoder = new BlockDecoder();

    @AfterEach
    void close() {
        encoder.close();
        rawEncoder.close();
    }

    /** Value shapes; each fills v[0, n) from the random source. */
    enum Shape {
        RANDOM_WALK((r, v) -> {
            double x = r.nextDouble() * 100;
            for (int i = 0; i < v.length; i++) {
                x += r.nextGaussian();
                v[i] = x;
            }
        }),
        INTEGER_COUNTER((r, v) -> {
            long x = r.nextLong(1L << 40);
            for (int i = 0; i < v.length; i++) {
                x += r.nextInt(1000);
                v[i] = x;
            }
        }),
        DECIMALS_1_TO_6_DIGITS((r, v) -> {
            int digits = 1 + r.nextInt(6);
            long scale = (long) Math.pow(10, digits);
            long m = r.nextLong(-1_000_000_000L, 1_000_000_000L);
            for (int i = 0; i < v.length; i++) {
                m += r.nextInt(-50_000, 50_000);
                v[i] = (double) m / scale;
            }
        }),
        NON_MONOTONE_EXPONENTS((r, v) -> {
            // 1.5, 2.25, 3, 0.125, ... each value with its own number of decimals.
            for (int i = 0; i < v.length; i++) {
                int digits = r.nextInt(7);
                v[i] = (double) r.nextLong(-10_000_000L, 10_000_000L) / Math.pow(10, digits);
            }
        }),
        RANDOM_BITS((r, v) -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.longBitsToDouble(r.nextLong());
            }
        }),
        SPECIALS((r, v) -> {
            double[] specials = {Double.NaN, StaleMarker.VALUE, Double.longBitsToDouble(0x7ff8dead0000beefL),
                Double.longBitsToDouble(0xfff0000000000001L), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, 1e300, 1e-300};
            for (int i = 0; i < v.length; i++) {
                v[i] = specials[r.nextInt(specials.length)];
            }
        }),
        COUNTER_WITH_STALE_MARKERS((r, v) -> {
            long x = 0;
            for (int i = 0; i < v.length; i++) {
                x += r.nextInt(5);
                v[i] = r.nextInt(50) == 0 ? StaleMarker.VALUE : x / 10.0;
            }
        }),
        CONSTANT((r, v) -> {
            double c = r.nextBoolean() ? 1.0 : StaleMarker.VALUE;
            java.util.Arrays.fill(v, c);
        }),
        MOSTLY_CONSTANT((r, v) -> {
            double c = r.nextInt(100);
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(500) == 0 ? c + 1 : c;
            }
        }),
        HUGE_INTEGERS((r, v) -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = (double) (r.nextLong() >>> r.nextInt(12));
            }
        });

        final BiConsumer<SplittableRandom, double[]> fill;

        Shape(BiConsumer<SplittableRandom, double[]> fill) {
            this.fill = fill;
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void randomBlocksRoundTripBitExact(Shape shape) {
        SplittableRandom r = new SplittableRandom(shape.ordinal() * 7919L + 1);
        for (int iteration = 0; iteration < 30; iteration++) {
            int n = pickCount(r);
            long[] ts = timestamps(r, n);
            double[] v = new double[n];
            shape.fill.accept(r, v);
            assertRoundTrip(encoder, ts, v, shape + " iteration " + iteration);
            assertRoundTrip(rawEncoder, ts, v, shape + " raw iteration " + iteration);
        }
    }

    @Test
    void singleSampleBlocks() {
        double[] values = {0.0, -0.0, 1.5, Double.NaN, StaleMarker.VALUE, Double.NEGATIVE_INFINITY, 123456789.123};
        for (double value : values) {
            assertRoundTrip(encoder, new long[] {Long.MIN_VALUE}, new double[] {value}, "single " + value);
            assertRoundTrip(encoder, new long[] {1_700_000_000_000L}, new double[] {value}, "single " + value);
        }
    }

    @Test
    void extremeTimestampsWrapLosslessly() {
        long[] ts = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, Long.MIN_VALUE + 5, 7, 7, 3};
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8};
        assertRoundTrip(encoder, ts, v, "extreme timestamps");
    }

    @Test
    void valuesThatOnlyLookDecimal() {
        double[] v = {0.1 + 0.2, 1.0 / 3, 0.1, 1e-22, 9007199254740993.0, 9007199254740992.0, 4.35, 1e22, 1e23};
        long[] ts = new long[v.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = i * 1000L;
        }
        assertRoundTrip(encoder, ts, v, "near-decimal values");
    }

    @Test
    void fullBlockOf8192RegularSamples() {
        int n = BlockDescriptor.MAX_SAMPLES;
        long[] ts = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + 15_000L * i;
            v[i] = i * 0.25;
        }
        int len = assertRoundTrip(encoder, ts, v, "full block");
        assertEquals(BlockDescriptor.VALUES_DECIMAL, BlockDescriptor.valueEncoding(encoder.header()));
        // Regular timestamps and a constant-rate decimal counter: a handful of bytes in all.
        if (len > 32) {
            fail("8192 regular samples took " + len + " bytes");
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new long[0], new double[0], 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(new long[8193], new double[8193], 0, 8193));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new long[4], new double[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new BlockEncoder(-1));
    }

    @Test
    void decodeAppendsAfterExistingSamplesAtAnOffset() {
        long[] ts = {10, 20, 30, 40, 50};
        double[] v = {1, 2, 3, 4, 5};
        int len = encoder.encode(ts, v, 1, 3);
        byte[] block = new byte[len + 7];
        System.arraycopy(encoder.buffer(), 0, block, 5, len);
        SampleBuffer out = new SampleBuffer(1);
        out.append(1, 100);
        assertEquals(3, decoder.decode(block, 5, len, out));
        assertEquals(4, out.count());
        assertEquals(1, out.timestamp(0));
        assertEquals(20, out.timestamp(1));
        assertEquals(40, out.timestamp(3));
        assertEquals(4.0, out.value(3));
    }

    private int assertRoundTrip(BlockEncoder enc, long[] ts, double[] v, String what) {
        int len = enc.encode(ts, v, 0, ts.length);
        byte[] block = java.util.Arrays.copyOf(enc.buffer(), len);
        SampleBuffer out = new SampleBuffer(4);
        decoder.decode(block, 0, len, out);
        assertEquals(ts.length, out.count(), what + ": count");
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] != out.timestamps()[i]) {
                fail(what + ": timestamp " + i + " expected " + ts[i] + " got " + out.timestamps()[i]);
            }
            long expected = Double.doubleToRawLongBits(v[i]);
            long actual = Double.doubleToRawLongBits(out.values()[i]);
            if (expected != actual) {
                fail(what + ": value " + i + " expected bits " + Long.toHexString(expected) + " (" + v[i]
                        + ") got " + Long.toHexString(actual) + " (" + out.values()[i] + ") encoding "
                        + BlockDescriptor.valueEncodingName(BlockDescriptor.valueEncoding(enc.header())));
            }
        }
        return len;
    }

    private static int pickCount(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0: return 1 + r.nextInt(4);
            case 1: return BlockDescriptor.MAX_SAMPLES;
            default: return 1 + r.nextInt(BlockDescriptor.MAX_SAMPLES);
        }
    }

    private static long[] timestamps(SplittableRandom r, int n) {
        long[] ts = new long[n];
        long t = r.nextLong(0, 2_000_000_000_000L);
        int style = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            ts[i] = t;
            switch (style) {
                case 0: t += 15_000; break;
                case 1: t += 15_000 + r.nextInt(-5, 6); break;
                default: t += 1 + r.nextLong(1L << r.nextInt(1, 40)); break;
            }
        }
        return ts;
    }
}
