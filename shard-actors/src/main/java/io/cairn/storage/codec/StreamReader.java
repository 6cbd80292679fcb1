package io.cairn.storage.codec;

/**
 * Reads an integer stream in any {@link StreamScheme} into a {@code long[]}, dispatching once
 * per stream, either as plain values or integrated into running sums (the decoders' deltas
 * and delta-of-deltas). PACKED streams are integrated while they are unpacked; varint streams
 * are decoded first and integrated in a second tight loop. Reusable; not thread-safe (holds
 * the scheme readers' scratch state).
 */
final class StreamReader {
    private final ZeroRunReader zeroRuns = new ZeroRunReader();
    private final PackedReader packed = new PackedReader();

    /**
     * Reads {@code k} values in {@code scheme} from the source's position into
     * {@code dst[off, off+k)} and moves the source past the stream.
     *
     * @throws CorruptBlockException on an unknown scheme or a malformed stream
     */
    void read(ByteSource in, int scheme, long[] dst, int off, int k) {
        if (scheme == StreamScheme.PACKED) {
            packed.read(in, dst, off, k);
        } else {
            zeroRuns.read(in, scheme, dst, off, k); // rejects unknown schemes
        }
    }

    /** Like {@link #read}, storing the running sums {@code m += v[i] * g} from {@code m}. */
    void readSums(ByteSource in, int scheme, long[] dst, int off, int k, long m, long g) {
        if (scheme == StreamScheme.PACKED) {
            packed.read(in, dst, off, k, 1, m, 0, g);
            return;
        }
        zeroRuns.read(in, scheme, dst, off, k);
        for (int i = off, end = off + k; i < end; i++) {
            m += dst[i] * g;
            dst[i] = m;
        }
    }

    /**
     * Like {@link #read}, storing {@code m} after {@code delta += v[i] * g; m += delta},
     * from {@code m} and {@code delta}: values integrated twice.
     */
    void readDoubleSums(ByteSource in, int scheme, long[] dst, int off, int k, long m, long delta, long g) {
        if (scheme == StreamScheme.PACKED) {
            packed.read(in, dst, off, k, 2, m, delta, g);
            return;
        }
        zeroRuns.read(in, scheme, dst, off, k);
        for (int i = off, end = off + k; i < end; i++) {
            delta += dst[i] * g;
            m += delta;
            dst[i] = m;
        }
    }
}
