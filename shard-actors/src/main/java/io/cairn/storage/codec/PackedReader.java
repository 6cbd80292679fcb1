package io.cairn.storage.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes a whole PACKED stream ({@link PackedWriter}) into a {@code long[]}. Each frame is one
 * loop without branches on the data: value j is an unaligned little-endian 64-bit load at byte
 * {@code j*w/8}, shifted right by {@code j*w mod 8} and masked to w bits (for w <= 56 that
 * load holds all of the value's bits), then unzigzagged. The 8-byte loads may run up to 7
 * bytes past the frame, so a frame is unpacked in place only when those bytes still lie inside
 * the stream's source range; the last frames of a block are first copied into a zero-padded
 * scratch array. Either way no byte outside the source range is read.
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

    /**
     * Reads {@code k} values starting at the source's position into {@code dst[off, off+k)}
     * and moves the source past the stream.
     */
    void read(ByteSource in, long[] dst, int off, int k) {
        final byte[] b = in.array();
        final int start = in.position();
        final int limit = start + in.remaining();
        int p = start;
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
            } else {
                checkPadding(b[p + bytes - 1], count * w, p);
                if (bytes + SLACK <= limit - p) {
                    unpack(b, p, w, dst, i, count);
                } else {
                    System.arraycopy(b, p, padded, 0, bytes);
                    Arrays.fill(padded, bytes, bytes + SLACK, (byte) 0);
                    unpack(padded, 0, w, dst, i, count);
                }
            }
            p += bytes;
            i += count;
        }
        in.skip(p - start);
    }

    private static void checkPadding(byte last, int bits, int frameStart) {
        int used = bits & 7;
        if (used != 0 && (last & 0xFF) >>> used != 0) {
            throw new CorruptBlockException("packed frame at byte " + frameStart + " has non-zero padding bits");
        }
    }

    /** Unpacks count values of w (1..64) bits at {@code b[base..]}; needs {@link #SLACK} readable bytes after the frame. */
    private static void unpack(byte[] b, int base, int w, long[] dst, int off, int count) {
        if (w <= 56) {
            unpackNarrow(b, base, w, dst, off, count);
        } else {
            unpackWide(b, base, w, dst, off, count);
        }
    }

    /** w <= 56: shift (<= 7) plus width fits one 64-bit load. */
    private static void unpackNarrow(byte[] b, int base, int w, long[] dst, int off, int count) {
        final long mask = -1L >>> (64 - w);
        int bit = 0;
        for (int j = off, end = off + count; j < end; j++) {
            long z = ((long) LONG_LE.get(b, base + (bit >>> 3)) >>> (bit & 7)) & mask;
            dst[j] = (z >>> 1) ^ -(z & 1);
            bit += w;
        }
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
