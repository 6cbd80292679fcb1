package io.cairn.storage.codec;

/**
 * Reads bit fields most-significant-bit first from a {@link ByteSource}, the inverse of
 * {@link BitWriter}. Reading beyond the source raises {@link CorruptBlockException}.
 * Reusable; not thread-safe.
 */
final class BitReader {
    private byte[] buf;
    private int pos;
    private int limit;
    private long window;
    private int windowBits;
    private ByteSource src;

    /** Starts reading at the source's position; consumes the rest of the source. */
    void begin(ByteSource source) {
        src = source;
        buf = source.array();
        pos = source.position();
        limit = pos + source.remaining();
        window = 0;
        windowBits = 0;
    }

    /** Reads {@code n} bits, {@code 0 <= n <= 64}, as the low bits of the result. */
    long read(int n) {
        if (n > 56) {
            long high = read(n - 32);
            return (high << 32) | read(32);
        }
        if (n > windowBits) {
            refill();
            if (n > windowBits) {
                throw new CorruptBlockException("bit stream ends " + (n - windowBits) + " bits early");
            }
        }
        if (n == 0) {
            return 0;
        }
        long v = window >>> (64 - n);
        window <<= n;
        windowBits -= n;
        return v;
    }

    boolean readBit() {
        return read(1) != 0;
    }

    /**
     * Ends reading: moves the source past every byte the bit stream touched and verifies the
     * padding bits are zero.
     */
    void end() {
        if (windowBits % 8 != 0 && (window >>> (64 - windowBits % 8)) != 0) {
            throw new CorruptBlockException("non-zero padding bits in bit stream");
        }
        int unreadWholeBytes = windowBits / 8;
        src.skip((pos - unreadWholeBytes) - src.position());
        src = null;
    }

    private void refill() {
        while (windowBits <= 56 && pos < limit) {
            window |= (buf[pos++] & 0xFFL) << (56 - windowBits);
            windowBits += 8;
        }
    }
}
