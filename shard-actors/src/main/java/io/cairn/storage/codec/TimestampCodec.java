package io.cairn.storage.codec;

/**
 * Timestamp section of a block:
 * <pre>
 *   zigzag  t[0]
 *   zigzag  t[1] - t[0]                     (n >= 2)
 *   u8      zero-run scheme                 (n >= 3)
 *   zero-run stream of the n-2 delta-of-deltas (t[i] - t[i-1]) - (t[i-1] - t[i-2])
 * </pre>
 * Regular scrapes have delta-of-delta 0 throughout, so a full block of them costs a handful
 * of bytes. All arithmetic wraps, so any sequence of 64-bit values round-trips, ordered or not.
 * Stateless; the zero-run writer/reader passed in carry the per-call state.
 */
final class TimestampCodec {
    private TimestampCodec() {}

    static void encode(long[] ts, int off, int n, ByteSink out, ZeroRunWriter zr) {
        long first = ts[off];
        out.writeZigZag(first);
        if (n == 1) {
            return;
        }
        out.writeZigZag(ts[off + 1] - first);
        if (n == 2) {
            return;
        }
        zr.begin(null, ZeroRunWriter.SCHEME_MARKER);
        addDods(ts, off, n, zr);
        long markerBytes = zr.finish();
        zr.begin(null, ZeroRunWriter.SCHEME_TAGGED);
        addDods(ts, off, n, zr);
        long taggedBytes = zr.finish();
        int scheme = taggedBytes < markerBytes ? ZeroRunWriter.SCHEME_TAGGED : ZeroRunWriter.SCHEME_MARKER;
        out.writeByte(scheme);
        zr.begin(out, scheme);
        addDods(ts, off, n, zr);
        zr.finish();
    }

    /**
     * Decodes the section into {@code out[outOff, outOff+n)}: the delta-of-deltas are read
     * straight into the output, then integrated in place.
     */
    static void decode(ByteSource in, long[] out, int outOff, int n, ZeroRunReader zr) {
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
        zr.read(in, in.readUnsignedByte(), out, outOff + 2, n - 2);
        for (int i = outOff + 2, end = outOff + n; i < end; i++) {
            delta += out[i];
            t += delta;
            out[i] = t;
        }
    }

    private static void addDods(long[] ts, int off, int n, ZeroRunWriter zr) {
        long prevDelta = ts[off + 1] - ts[off];
        for (int i = off + 2, end = off + n; i < end; i++) {
            long delta = ts[i] - ts[i - 1];
            zr.add(delta - prevDelta);
            prevDelta = delta;
        }
    }
}
