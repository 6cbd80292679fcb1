package io.cairn.storage.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes a whole PACKED stream ({@link PackedWriter}) into a {@code long[]}, optionally
 * integrating it on the fly (running sums of {@code value * g}, once or twice), so that the
 * decoders' delta and delta-of-delta streams come out as final timestamps or mantissas in one
 * pass over memory instead of two.
 *
 * <p>Each frame is one loop without branches on the data: value j is an unaligned
 * little-endian 64-bit load at byte {@code j*w/8}, shifted right by {@code j*w mod 8} and
 * masked to w bits (for w <= 56 that load holds all of the value's bits), then unzigzagged.
 * The 8-byte loads may run up to 7 bytes past the frame, so a frame is unpacked in place only
 * when those bytes still lie inside the stream's source range; the last frames of a block are
 * first copied into a zero-padded scratch array. No byte outside the source range is read.
 * Frames of width 0 and of widths 57..64 (rare: random 64-bit data) take simple separate paths.
 *
 * <p>Validation: a width above 64, a frame running past the end of the source, or non-zero
 * padding bits after a frame's last value raise {@link CorruptBlockException}. Reusable; not
 * thread-safe.
 */
final class PackedReader {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Loads may reach this many bytes past a frame's last byte (9 bytes from its start). */
    private static final int SLACK = Long.BYTES;

    private final byte[] padded = new byte[PackedWriter.FRAME_VALUES * Long.BYTES + 2 * SLACK];
    /** Running sums carried from one frame to the next during {@link #read}. */
    private long sum;
    private long delta;

    /** Plain decoding: {@code dst[off + i] = v[i]}. */
    void read(ByteSource in, long[] dst, int off, int k) {
        read(in, dst, off, k, 0, 0, 0, 1);
    }

    /**
     * Reads {@code k} values starting at the source's position into {@code dst[off, off+k)}
     * and moves the source past the stream. With {@code order} 0 the values are stored as
     * they are; with 1 as running sums {@code m += v[i] * g} starting from {@code start};
     * with 2 as {@code d += v[i] * g; m += d} starting from {@code start} and
     * {@code startDelta}. All arithmetic wraps.
     */
    void read(ByteSource in, long[] dst, int off, int k, int order, long start, long startDelta, long g) {
        final byte[] b = in.array();
        final int begin = in.position();
        final int limit = begin + in.remaining();
        sum = start;
        delta = startDelta;
        int p = begin;
        for (int i = off, end = off + k; i < end; ) {
            if (p >= limit) {
                throw new CorruptBlockException("packed frame header runs past the end at byte " + p);
            }
            int w = b[p++] & 0xFF;
            if (w > PackedWriter.MAX_WIDTH) {
                throw new CorruptBlockException("packed frame width " + w + " > " + PackedWriter.MAX_WIDTH + " at byte " + (p - 1));
            }
            int count = Math.min(PackedWriter.FRAME_VALUES, end - i);
            int bytes = PackedWriter.frameBytes(count, w);
            if (bytes > limit - p) {
                throw new CorruptBlockException("packed frame of " + bytes + " bytes runs past the end at byte " + p);
            }
            if (w == 0) {
                Arrays.fill(dst, i, i + count, 0L);
                integrate(dst, i, count, order, g);
            } else {
                checkPadding(b[p + bytes - 1], count * w, p);
                byte[] src = b;
                int base = p;
                if (bytes + SLACK > limit - p) {
                    System.arraycopy(b, p, padded, 0, bytes);
                    Arrays.fill(padded, bytes, bytes + SLACK, (byte) 0);
                    src = padded;
                    base = 0;
                }
                if (w > 56) {
                    unpackWide(src, base, w, dst, i, count);
                    integrate(dst, i, count, order, g);
                } else if (order == 0) {
                    unpack(src, base, w, dst, i, count);
                } else if (order == 1) {
                    sum = unpackSums(src, base, w, dst, i, count, sum, g);
                } else {
                    unpackDoubleSums(src, base, w, dst, i, count, g);
                }
            }
            p += bytes;
            i += count;
        }
        in.skip(p - begin);
    }

    private static void checkPadding(byte last, int bits, int frameStart) {
        int used = bits & 7;
        if (used != 0 && (last & 0xFF) >>> used != 0) {
            throw new CorruptBlockException("packed frame at byte " + frameStart + " has non-zero padding bits");
        }
    }

    /** Integrates plain values already in {@code dst[off, off+count)} in place (slow paths). */
    private void integrate(long[] dst, int off, int count, int order, long g) {
        if (order == 1) {
            long m = sum;
            for (int j = off, end = off + count; j < end; j++) {
                m += dst[j] * g;
                dst[j] = m;
            }
            sum = m;
        } else if (order == 2) {
            long m = sum;
            long d = delta;
            for (int j = off, end = off + count; j < end; j++) {
                d += dst[j] * g;
                m += d;
                dst[j] = m;
            }
            sum = m;
            delta = d;
        }
    }

    // The three loops below differ only in what they do with the unzigzagged value; they are
    // separate so that each is one tight loop (w is 1..56, so shift + width fits one load).

    private static void unpack(byte[] b, int base, int w, long[] dst, int off, int count) {
        final long mask = -1L >>> (64 - w);
        int bit = 0;
        for (int j = off, end = off + count; j < end; j++) {
            long z = ((long) LONG_LE.get(b, base + (bit >>> 3)) >>> (bit & 7)) & mask;
            dst[j] = (z >>> 1) ^ -(z & 1);
            bit += w;
        }
    }

    private static long unpackSums(byte[] b, int base, int w, long[] dst, int off, int count, long m, long g) {
        final long mask = -1L >>> (64 - w);
        int bit = 0;
        for (int j = off, end = off + count; j < end; j++) {
            long z = ((long) LONG_LE.get(b, base + (bit >>> 3)) >>> (bit & 7)) & mask;
            m += ((z >>> 1) ^ -(z & 1)) * g;
            dst[j] = m;
            bit += w;
        }
        return m;
    }

    private void unpackDoubleSums(byte[] b, int base, int w, long[] dst, int off, int count, long g) {
        final long mask = -1L >>> (64 - w);
        long m = sum;
        long d = delta;
        int bit = 0;
        for (int j = off, end = off + count; j < end; j++) {
            long z = ((long) LONG_LE.get(b, base + (bit >>> 3)) >>> (bit & 7)) & mask;
            d += ((z >>> 1) ^ -(z & 1)) * g;
            m += d;
            dst[j] = m;
            bit += w;
        }
        sum = m;
        delta = d;
    }

    /** w in 57..64: a value may spill into the ninth byte from its load's start. */
    private static void unpackWide(byte[] b, int base, int w, long[] dst, int off, int count) {
        final long mask = -1L >>> (64 - w);
        int bit = 0;
        for (int j = off, end = off + count; j < end; j++) {
            int at = base + (bit >>> 3);
            int shift = bit & 7;
            long z = (long) LONG_LE.get(b, at) >>> shift;
            // (x << 1) << (63 - shift) is x << (64 - shift) for shift 1..7 and 0 for shift 0.
            z |= ((b[at + 8] & 0xFFL) << 1) << (63 - shift);
            z &= mask;
            dst[j] = (z >>> 1) ^ -(z & 1);
            bit += w;
        }
    }
}
