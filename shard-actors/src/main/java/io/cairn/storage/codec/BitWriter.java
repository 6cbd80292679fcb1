package io.cairn.storage.codec;

/**
 * Appends bit fields most-significant-bit first to a {@link ByteSink}, buffering up to 64
 * bits in a register. {@link #finish()} pads the last byte with zero bits. Reusable; not
 * thread-safe.
 */
final class BitWriter {
    private ByteSink sink;
    private long acc;
    private int accBits;

    void begin(ByteSink out) {
        sink = out;
        acc = 0;
        accBits = 0;
    }

    /** Writes the low {@code n} bits of {@code v}, {@code 0 <= n <= 64}. */
    void write(long v, int n) {
        if (n == 0) {
            return;
        }
        if (n < 64) {
            v &= (1L << n) - 1;
        }
        int free = 64 - accBits;
        if (n < free) {
            acc |= v << (free - n);
            accBits += n;
        } else {
            int rest = n - free;
            acc |= v >>> rest;
            flushWord();
            acc = rest == 0 ? 0 : v << (64 - rest);
            accBits = rest;
        }
    }

    void writeBit(boolean bit) {
        write(bit ? 1 : 0, 1);
    }

    /** Writes the buffered bits, zero-padded to a whole byte. */
    void finish() {
        int bytes = (accBits + 7) >>> 3;
        sink.ensureRemaining(bytes);
        for (int i = 0; i < bytes; i++) {
            sink.writeByte((int) (acc >>> (56 - 8 * i)));
        }
        acc = 0;
        accBits = 0;
        sink = null;
    }

    private void flushWord() {
        sink.ensureRemaining(8);
        for (int i = 0; i < 8; i++) {
            sink.writeByte((int) (acc >>> (56 - 8 * i)));
        }
    }
}
