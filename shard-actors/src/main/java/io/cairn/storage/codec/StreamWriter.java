package io.cairn.storage.codec;

/**
 * Chooses the scheme of an integer stream by {@link StreamScheme#preferPacked} and writes it.
 * The caller fills {@code long[]} values (e.g. the delta-of-deltas); sizing every scheme is a
 * cheap pass over them, so nothing is written twice. Reusable; not thread-safe.
 */
final class StreamWriter {
    private final ZeroRunWriter zeroRuns = new ZeroRunWriter();
    private long[] scratch = new long[BlockDescriptor.MAX_SAMPLES];
    private long chosenBytes;

    /** A scratch array of at least k values for the caller to fill; reused by the next call. */
    long[] scratch(int k) {
        if (scratch.length < k) {
            scratch = new long[k];
        }
        return scratch;
    }

    /** The scheme the encoder uses for {@code v[off, off+k)}; its size is then {@link #chosenBytes()}. */
    int choose(long[] v, int off, int k) {
        long marker = zeroRunSize(v, off, k, StreamScheme.MARKER);
        long tagged = zeroRunSize(v, off, k, StreamScheme.TAGGED);
        int varint = tagged < marker ? StreamScheme.TAGGED : StreamScheme.MARKER;
        long varintBytes = Math.min(marker, tagged);
        long packedBytes = PackedWriter.size(v, off, k);
        if (StreamScheme.preferPacked(k, varintBytes, packedBytes)) {
            chosenBytes = packedBytes;
            return StreamScheme.PACKED;
        }
        chosenBytes = varintBytes;
        return varint;
    }

    /** Size in bytes of the stream last {@link #choose chosen}. */
    long chosenBytes() {
        return chosenBytes;
    }

    /** Size in bytes of the varint stream of {@code v[off, off+k)} in MARKER or TAGGED. */
    long zeroRunSize(long[] v, int off, int k, int scheme) {
        zeroRuns.begin(null, scheme);
        for (int i = off, end = off + k; i < end; i++) {
            zeroRuns.add(v[i]);
        }
        return zeroRuns.finish();
    }

    /** Writes {@code v[off, off+k)} in {@code scheme}. */
    void write(int scheme, long[] v, int off, int k, ByteSink out) {
        if (scheme == StreamScheme.PACKED) {
            PackedWriter.write(v, off, k, out);
            return;
        }
        zeroRuns.begin(out, scheme);
        for (int i = off, end = off + k; i < end; i++) {
            zeroRuns.add(v[i]);
        }
        zeroRuns.finish();
    }
}
