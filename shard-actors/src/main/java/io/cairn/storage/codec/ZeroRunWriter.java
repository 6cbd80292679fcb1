package io.cairn.storage.codec;

/**
 * Writes a stream of signed 64-bit integers in which zeros often come in runs (delta-of-deltas
 * of regular scrapes, deltas of unchanged gauges) in one of two schemes, both made of LEB128
 * varint tokens. The caller picks the smaller one (size-only passes are cheap) and records it.
 *
 * <p>{@link #SCHEME_MARKER}: best when zeros are rare or runs long.
 * <pre>
 *   z = zigzag(v) != 0     one non-zero value (|v| <= 63 fits one byte)
 *   0, varint (r - 1)      a run of r >= 1 zeros
 * </pre>
 * {@link #SCHEME_TAGGED}: best when short zero runs and small values alternate.
 * <pre>
 *   t even                 one value: unzigzag(t >>> 1)           (|v| <= 31 fits one byte)
 *   t odd, t >= 5          a run of (t >>> 1) >= 2 zeros           (up to 63 in one byte)
 *   t == 1                 escape: the value follows as a zigzag varint (|v| >= 2^62, whose
 *                          zigzag form has no spare bit for the tag)
 *   t == 3                 invalid (a single zero is written as a value)
 * </pre>
 * The reader knows how many values to expect, so a stream needs no length.
 *
 * <p>With a {@code null} sink the writer only counts the bytes it would write, which lets the
 * encoder compare alternatives without materialising them. Reusable; not thread-safe.
 */
final class ZeroRunWriter {
    static final int SCHEME_MARKER = 0;
    static final int SCHEME_TAGGED = 1;

    private ByteSink sink;
    private int scheme;
    private long pendingZeros;
    private long bytes;

    /** Starts a new stream into {@code sink}, or a size-only pass when it is null. */
    void begin(ByteSink sink, int scheme) {
        this.sink = sink;
        this.scheme = scheme;
        this.pendingZeros = 0;
        this.bytes = 0;
    }

    void add(long v) {
        if (v == 0) {
            pendingZeros++;
            return;
        }
        flushZeros();
        long z = VarInts.zigzag(v);
        if (scheme == SCHEME_MARKER) {
            emit(z);
        } else if (z >= 0) { // top bit clear: room for the tag bit
            emit(z << 1);
        } else {
            emit(1);
            emit(z);
        }
    }

    /** Ends the stream; returns the number of bytes it took. */
    long finish() {
        flushZeros();
        sink = null;
        return bytes;
    }

    private void flushZeros() {
        if (pendingZeros == 0) {
            return;
        }
        if (scheme == SCHEME_MARKER) {
            emit(0);
            emit(pendingZeros - 1);
        } else if (pendingZeros == 1) {
            emit(0);
        } else {
            emit((pendingZeros << 1) | 1);
        }
        pendingZeros = 0;
    }

    private void emit(long token) {
        bytes += VarInts.varLongSize(token);
        if (sink != null) {
            sink.writeVarLong(token);
        }
    }
}
