package io.cairn.storage.codec;

/**
 * Timestamp section of a block:
 * <pre>
 *   zigzag  t[0]
 *   zigzag  t[1] - t[0]                     (n >= 2)
 *   u8      stream scheme ({@link StreamScheme})   (n >= 3)
 *   stream of the n-2 delta-of-deltas (t[i] - t[i-1]) - (t[i-1] - t[i-2])
 * </pre>
 * Regular scrapes have delta-of-delta 0 throughout, so a full block of them costs a handful
 * of bytes (one zero-run token); scrape jitter of a few ms costs a few bits per sample in
 * PACKED frames. All arithmetic wraps, so any sequence of 64-bit values round-trips, ordered
 * or not. Stateless; the stream writer/reader passed in carry the per-call state.
 */
final class TimestampCodec {
    private TimestampCodec() {}

    static void encode(long[] ts, int off, int n, ByteSink out, StreamWriter sw) {
        long first = ts[off];
        out.writeZigZag(first);
        if (n == 1) {
            return;
        }
        out.writeZigZag(ts[off + 1] - first);
        if (n == 2) {
            return;
        }
        int k = n - 2;
        long[] dods = sw.scratch(k);
        long prevDelta = ts[off + 1] - first;
        for (int i = 0; i < k; i++) {
            long delta = ts[off + i + 2] - ts[off + i + 1];
            dods[i] = delta - prevDelta;
            prevDelta = delta;
        }
        int scheme = sw.choose(dods, 0, k);
        out.writeByte(scheme);
        sw.write(scheme, dods, 0, k, out);
    }

    /**
     * Decodes the section into {@code out[outOff, outOff+n)}: the delta-of-deltas are read
     * straight into the output and integrated there (while unpacking, for PACKED).
     */
    static void decode(ByteSource in, long[] out, int outOff, int n, StreamReader sr) {
        long t = in.readZigZag();
        out[outOff] = t;
        if (n == 1) {
            return;
        }
        long delta = in.readZigZag();
        t += delta;
        out[outOff + 1] = t;
        if (n == 2) {
            return;
        }
        sr.readDoubleSums(in, in.readUnsignedByte(), out, outOff + 2, n - 2, t, delta, 1);
    }
}
