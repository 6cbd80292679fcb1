package io.cairn.storage.codec;

/** Reads the token streams {@link ZeroRunWriter} writes. Reusable; not thread-safe. */
final class ZeroRunReader {
    private ByteSource src;
    private boolean tagged;
    private long zerosLeft;

    void begin(ByteSource source, int scheme) {
        if (scheme != ZeroRunWriter.SCHEME_MARKER && scheme != ZeroRunWriter.SCHEME_TAGGED) {
            throw new CorruptBlockException("unknown zero-run scheme " + scheme);
        }
        this.src = source;
        this.tagged = scheme == ZeroRunWriter.SCHEME_TAGGED;
        this.zerosLeft = 0;
    }

    long next() {
        if (zerosLeft > 0) {
            zerosLeft--;
            return 0;
        }
        long token = src.readVarLong();
        return tagged ? tagged(token) : marker(token);
    }

    /**
     * Zeros of the current run still to come after the last {@link #next()}: callers may
     * consume them in bulk with {@link #skipZeros} instead of one {@code next()} each.
     */
    long pendingZeros() {
        return zerosLeft;
    }

    /** Consumes {@code k <= pendingZeros()} zeros of the current run. */
    void skipZeros(long k) {
        zerosLeft -= k;
    }

    /** Verifies the stream did not promise more zeros than values were read. */
    void end() {
        if (zerosLeft != 0) {
            throw new CorruptBlockException("zero run extends " + zerosLeft + " values past the block");
        }
        src = null;
    }

    private long marker(long token) {
        if (token != 0) {
            return VarInts.unzigzag(token);
        }
        long runMinusOne = src.readVarLong();
        if (runMinusOne < 0) {
            throw new CorruptBlockException("zero run length overflows at byte " + src.consumed());
        }
        zerosLeft = runMinusOne; // this call returns the first zero of the run
        return 0;
    }

    private long tagged(long token) {
        if ((token & 1) == 0) {
            return VarInts.unzigzag(token >>> 1);
        }
        long run = token >>> 1;
        if (run == 0) {
            return VarInts.unzigzag(src.readVarLong());
        }
        if (run == 1) {
            throw new CorruptBlockException("zero run of length 1 at byte " + src.consumed());
        }
        zerosLeft = run - 1;
        return 0;
    }
}
