package io.cairn.storage.codec;

/**
 * The XOR value section, in the spirit of Facebook's Gorilla: lossless for every float64 bit
 * pattern (NaN payloads including the staleness marker, infinities, -0.0) because it only
 * ever XORs raw bits. Used when values are not short decimals.
 *
 * <p>Layout: the first value's bits as u64le, then a bit stream (MSB first, zero-padded to a
 * byte) with one entry per further value, {@code x = bits[i] ^ bits[i-1]}:
 * <pre>
 *   '0'                              x == 0
 *   '10' + w bits                    x fits the previous window (lead/trail zeros at least
 *                                    as many as then); w = 64 - lead - trail of that window
 *   '11' + 5 bits lead + 6 bits (w - 1) + w bits
 *                                    new window: lead = min(leading zeros, 31),
 *                                    trail = trailing zeros, w = 64 - lead - trail
 * </pre>
 * Stateless apart from the reusable bit writer/reader passed in; thread-safe.
 */
final class XorValueCodec {
    private static final int MAX_LEAD = 31;

    private XorValueCodec() {}

    static void encode(double[] v, int off, int n, ByteSink out, BitWriter bits) {
        long prev = Double.doubleToRawLongBits(v[off]);
        out.writeLongLE(prev);
        if (n == 1) {
            return;
        }
        bits.begin(out);
        int lead = -1; // no window yet
        int trail = 0;
        for (int i = off + 1, end = off + n; i < end; i++) {
            long cur = Double.doubleToRawLongBits(v[i]);
            long x = cur ^ prev;
            prev = cur;
            if (x == 0) {
                bits.write(0, 1);
                continue;
            }
            int l = Math.min(Long.numberOfLeadingZeros(x), MAX_LEAD);
            int t = Long.numberOfTrailingZeros(x);
            if (lead >= 0 && l >= lead && t >= trail) {
                bits.write(0b10, 2);
                bits.write(x >>> trail, 64 - lead - trail);
            } else {
                int w = 64 - l - t;
                bits.write(0b11, 2);
                bits.write(l, 5);
                bits.write(w - 1, 6);
                bits.write(x >>> t, w);
                lead = l;
                trail = t;
            }
        }
        bits.finish();
    }

    static void decode(ByteSource in, double[] out, int outOff, int n, BitReader bits) {
        long prev = in.readLongLE();
        out[outOff] = Double.longBitsToDouble(prev);
        if (n == 1) {
            return;
        }
        bits.begin(in);
        int lead = -1;
        int trail = 0;
        for (int i = outOff + 1, end = outOff + n; i < end; i++) {
            if (bits.readBit()) {
                if (bits.readBit()) {
                    lead = (int) bits.read(5);
                    int w = (int) bits.read(6) + 1;
                    trail = 64 - lead - w;
                    if (trail < 0) {
                        throw new CorruptBlockException("xor window " + lead + "+" + w + " exceeds 64 bits");
                    }
                } else if (lead < 0) {
                    throw new CorruptBlockException("xor entry reuses a window before any was set");
                }
                prev ^= bits.read(64 - lead - trail) << trail;
            }
            out[i] = Double.longBitsToDouble(prev);
        }
        bits.end();
    }
}
