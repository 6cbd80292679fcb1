package io.cairn.storage.codec;

/**
 * Reads an integer stream in any {@link StreamScheme} into a {@code long[]}, dispatching once
 * per stream. Reusable; not thread-safe (holds the scheme readers' scratch state).
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
}
