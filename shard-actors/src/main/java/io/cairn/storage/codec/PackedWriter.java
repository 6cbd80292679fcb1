package io.cairn.storage.codec;

/**
 * Writes an integer stream in the PACKED scheme: the values are zigzagged and cut into frames
 * of {@value #FRAME_VALUES} (the last frame holds the rest); each frame is
 * <pre>
 *   u8     w                      bit width, 0..64: the width of the frame's largest zigzag value
 *   bytes  ceil(count * w / 8)    the count zigzag values, w bits each, packed LSB first
 *                                 (value j occupies bits [j*w, (j+1)*w) of the little-endian
 *                                 bit string); unused high bits of the last byte are zero
 * </pre>
 * A frame of zeros is one byte (w = 0). The reader knows how many values to expect, so the
 * stream has no length. Stateless; the encoder computes the size first ({@link #size}) to pick
 * a scheme, then writes.
 */
final class PackedWriter {
    /**
     * Values per frame. Part of the format: readers cut frames the same way. 64 measured best
     * (docs/format/block.md): smaller frames spend more on width bytes, larger ones let one
     * outlier widen more values.
     */
    static final int FRAME_VALUES = 64;

    /** Frame width bytes above this are invalid. */
    static final int MAX_WIDTH = 64;

    private PackedWriter() {}

    /** Bytes the stream of {@code v[off, off+k)} takes. */
    static long size(long[] v, int off, int k) {
        long bytes = 0;
        for (int start = off, end = off + k; start < end; start += FRAME_VALUES) {
            int count = Math.min(FRAME_VALUES, end - start);
            bytes += 1 + frameBytes(count, width(v, start, count));
        }
        return bytes;
    }

    /** Writes the stream of {@code v[off, off+k)}. */
    static void write(long[] v, int off, int k, ByteSink out) {
        for (int start = off, end = off + k; start < end; start += FRAME_VALUES) {
            int count = Math.min(FRAME_VALUES, end - start);
            int w = width(v, start, count);
            out.writeByte(w);
            if (w != 0) {
                writeFrame(v, start, count, w, out);
            }
        }
    }

    static int frameBytes(int count, int w) {
        return (count * w + 7) >>> 3;
    }

    private static int width(long[] v, int start, int count) {
        long or = 0;
        for (int i = start, end = start + count; i < end; i++) {
            or |= VarInts.zigzag(v[i]);
        }
        return 64 - Long.numberOfLeadingZeros(or);
    }

    /**
     * Packs the values into whole 64-bit words as they fill up, then the last word's used bytes.
     * {@code acc} holds {@code bits} (< 64) pending bits; a value that overflows it leaves its
     * high bits as the next word's start.
     */
    private static void writeFrame(long[] v, int start, int count, int w, ByteSink out) {
        long acc = 0;
        int bits = 0;
        for (int i = start, end = start + count; i < end; i++) {
            long z = VarInts.zigzag(v[i]);
            acc |= z << bits;
            bits += w;
            if (bits >= 64) {
                out.writeLongLE(acc);
                bits -= 64;
                int used = w - bits; // bits of z already in the written word, 1..64
                acc = used == 64 ? 0 : z >>> used;
            }
        }
        for (int b = 0; b < bits; b += 8) {
            out.writeByte((int) (acc >>> b));
        }
    }
}
