package io.cairn.storage.codec;

/**
 * The DECIMAL value section: every value is {@code m / 10^scale} for an integer mantissa
 * {@code |m| <= 2^53} and one scale per block, so the mantissas (integers) are stored instead
 * of the float bits. Most real metrics qualify: counters of bytes or requests, gauges with a
 * few decimals, histogram bucket counts.
 *
 * <p>Exactness: with {@code |m| <= 2^53} and {@code scale <= 22} both operands of
 * {@code (double) m / 10^scale} are exact doubles and IEEE division rounds correctly, so the
 * decoded value is the double nearest to the decimal number - the same double the writer
 * originally parsed. The encoder nevertheless re-checks every value bit for bit and stores any
 * value that does not reproduce (NaN, staleness markers, infinities, -0.0, too many digits) as
 * an exception: its position and raw bits, appended after the mantissas. A block whose
 * exceptions exceed a quarter of its values is left to {@link XorValueCodec}.
 *
 * <p>Section layout (see docs/format/block.md):
 * <pre>
 *   u8      scale            0..22
 *   u8      mode             bit 0: 0 = deltas, 1 = delta-of-deltas of the mantissas;
 *                            bits 2..1: scheme of the stream ({@link StreamScheme}: 0 MARKER,
 *                            1 TAGGED, 2 PACKED; blocks before PACKED used bit 1 only)
 *   zigzag  m[0]
 *   varint  g                (only if n > 1) common factor of all deltas, >= 1
 *   mode 0: stream of n-1 deltas / g
 *   mode 1: zigzag d[1] / g (if n > 1), stream of n-2 delta-of-deltas / g
 *   varint  exceptionCount
 *   per exception: varint gap (position - previous position - 1; first: position), u64le bits
 * </pre>
 * Exceptions take the previous mantissa in the stream, so they cost nothing there. The common
 * factor catches integers that move in fixed steps which are not powers of ten (memory
 * gauges in 4096-byte pages, counters bumped by a fixed amount).
 *
 * <p>Instances keep scratch arrays for one block; reusable, not thread-safe.
 */
final class DecimalValueCodec {
    static final int MAX_SCALE = 22;
    static final int MODE_DELTA = 0;
    static final int MODE_DOD = 1;
    /** Highest valid mode byte: DOD with scheme PACKED. */
    static final int MAX_MODE_BYTE = MODE_DOD | StreamScheme.PACKED << 1;

    /** 2^53: every integer of at most this magnitude is an exact double. */
    private static final double MAX_EXACT = 9007199254740992.0;
    private static final long MAX_EXACT_LONG = 1L << 53;
    private static final long NEGATIVE_ZERO_BITS = 0x8000000000000000L;
    private static final double[] POW10 = new double[MAX_SCALE + 1];
    /** 1.5 * 2^52 and its bits: adding an integer in [-2^51, 2^51) to the bits adds it to the value. */
    private static final double MAGIC = 0x1.8p52;
    private static final long MAGIC_BITS = 0x4338000000000000L;
    /** x is in [-2^51, 2^51) iff (x + 2^51) >>> 52 == 0. */
    private static final long MAGIC_RANGE = 1L << 51;
    private static final int MAGIC_RANGE_BITS = 52;
    private static final long[] POW10_LONG = new long[19];

    static {
        double d = 1.0;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = d; // exact: every power of ten up to 10^22 is representable
            d *= 10.0;
        }
        long l = 1;
        for (int i = 0; i < POW10_LONG.length; i++) {
            POW10_LONG[i] = l;
            l *= 10;
        }
    }

    private long[] mantissas;
    private byte[] scales;
    private int[] exceptionPositions;
    private int exceptionCount;
    private int count;
    private int scale;
    private long foundMantissa;
    private long factor;
    /** The stream of each mode (deltas / g, delta-of-deltas / g) for the block being encoded. */
    private long[] deltaStream;
    private long[] dodStream;
    private final StreamWriter streams = new StreamWriter();

    DecimalValueCodec(int maxSamples) {
        mantissas = new long[maxSamples];
        scales = new byte[maxSamples];
        exceptionPositions = new int[maxSamples];
        deltaStream = new long[maxSamples];
        dodStream = new long[maxSamples];
    }

    /**
     * Finds the common scale and the mantissas of {@code v[off, off+n)}; returns false when
     * the block is not worth storing as decimals (too many exceptions).
     */
    boolean analyse(double[] v, int off, int n) {
        if (n > mantissas.length) {
            mantissas = new long[n];
            scales = new byte[n];
            exceptionPositions = new int[n];
            deltaStream = new long[n];
            dodStream = new long[n];
        }
        count = n;
        exceptionCount = 0;
        int maxExceptions = n / 4;
        int maxScale = 0;
        for (int i = 0; i < n; i++) {
            int k = findScale(v[off + i]);
            if (k < 0) {
                if (++exceptionCount > maxExceptions) {
                    return false;
                }
                scales[i] = -1;
            } else {
                scales[i] = (byte) k;
                mantissas[i] = foundMantissa;
                maxScale = Math.max(maxScale, k);
            }
        }
        scale = maxScale;
        exceptionCount = 0;
        long previous = 0;
        boolean seenRegular = false;
        for (int i = 0; i < n; i++) {
            long m = scales[i] < 0 ? 0 : rescale(mantissas[i], maxScale - scales[i]);
            boolean regular = scales[i] >= 0 && m != Long.MIN_VALUE
                    && Double.doubleToRawLongBits(decode(m, maxScale)) == Double.doubleToRawLongBits(v[off + i]);
            if (regular) {
                if (!seenRegular) {
                    // Leading exceptions copy the first regular mantissa so they cost nothing.
                    for (int j = 0; j < i; j++) {
                        mantissas[j] = m;
                    }
                    seenRegular = true;
                }
                mantissas[i] = m;
                previous = m;
            } else {
                if (exceptionCount >= maxExceptions) {
                    return false;
                }
                exceptionPositions[exceptionCount++] = i;
                mantissas[i] = previous;
            }
        }
        return seenRegular;
    }

    /**
     * Writes the section for the block last {@link #analyse analysed}. Mode and scheme: the
     * smallest varint candidate (deltas before delta-of-deltas, MARKER before TAGGED on ties)
     * against the smaller PACKED candidate, decided by {@link StreamScheme#preferPacked}.
     */
    void encode(double[] v, int off, ByteSink out) {
        factor = commonFactorOfDeltas();
        fillStreams();
        int mode = MODE_DELTA;
        int scheme = StreamScheme.MARKER;
        long best = Long.MAX_VALUE;
        for (int m = MODE_DELTA; m <= MODE_DOD; m++) {
            for (int z = StreamScheme.MARKER; z <= StreamScheme.TAGGED; z++) {
                long size = sizeOfStream(m, z);
                if (size < best) {
                    best = size;
                    mode = m;
                    scheme = z;
                }
            }
        }
        long packedDelta = sizeOfStream(MODE_DELTA, StreamScheme.PACKED);
        long packedDod = sizeOfStream(MODE_DOD, StreamScheme.PACKED);
        long packed = Math.min(packedDelta, packedDod);
        if (count > 1 && StreamScheme.preferPacked(count - 1, best, packed)) {
            mode = packedDelta <= packedDod ? MODE_DELTA : MODE_DOD;
            scheme = StreamScheme.PACKED;
        }
        out.writeByte(scale);
        out.writeByte(mode | (scheme << 1));
        out.writeZigZag(mantissas[0]);
        if (count > 1) {
            out.writeVarLong(factor);
        }
        writeStream(mode, scheme, out);
        out.writeVarLong(exceptionCount);
        int previous = -1;
        for (int e = 0; e < exceptionCount; e++) {
            int pos = exceptionPositions[e];
            out.writeVarLong(pos - previous - 1);
            out.writeLongLE(Double.doubleToRawLongBits(v[off + pos]));
            previous = pos;
        }
    }

    /**
     * Decodes the section into {@code out[outOff, outOff+n)}. The mantissa stream is read into
     * {@code scratch} (at least n-1 long) as integrated mantissas, and then converted in a
     * separate loop: each pass is a tight loop over primitive arrays, and the conversion is the
     * same correctly rounded {@code (double) m / 10^scale} the encoder verified against.
     */
    static void decode(ByteSource in, double[] out, int outOff, int n, StreamReader sr, long[] scratch) {
        int scale = in.readUnsignedByte();
        if (scale > MAX_SCALE) {
            throw new CorruptBlockException("decimal scale " + scale + " > " + MAX_SCALE);
        }
        int modeByte = in.readUnsignedByte();
        int mode = modeByte & 1;
        int scheme = modeByte >>> 1; // a 2-bit field; blocks before PACKED only used 0 and 1
        long m = in.readZigZag();
        out[outOff] = decode(m, scale);
        long g = 1;
        if (n > 1) {
            g = in.readVarLong();
            if (g <= 0) {
                throw new CorruptBlockException("decimal delta factor " + Long.toUnsignedString(g) + " is not positive");
            }
        }
        if (modeByte > MAX_MODE_BYTE) {
            throw new CorruptBlockException("unknown decimal mode byte " + modeByte);
        }
        if (n > 1) {
            if (mode == MODE_DELTA) {
                sr.readSums(in, scheme, scratch, 0, n - 1, m, g);
                toDoubles(scratch, n - 1, scale, out, outOff + 1);
            } else {
                long delta = in.readZigZag() * g;
                m += delta;
                out[outOff + 1] = decode(m, scale);
                sr.readDoubleSums(in, scheme, scratch, 0, n - 2, m, delta, g);
                toDoubles(scratch, n - 2, scale, out, outOff + 2);
            }
        }
        int exceptions = in.readVarIntBounded(n, "decimal exception count");
        int pos = -1;
        for (int e = 0; e < exceptions; e++) {
            long gap = in.readVarLong();
            if (gap < 0 || gap >= n - pos - 1) {
                throw new CorruptBlockException("decimal exception gap " + gap + " runs past " + n + " values");
            }
            pos += (int) gap + 1;
            out[outOff + pos] = Double.longBitsToDouble(in.readLongLE());
        }
    }

    /**
     * {@code out[off + i] = m[i] / 10^scale} for i in [0, k), with the same correctly rounded
     * {@code (double) m / 10^scale} as {@link #decode(long, int)}, in two passes the JIT keeps
     * tight. The long-to-double conversion avoids {@code (double) long}: on JDK 17 C2 emits
     * cvtsi2sd without breaking its false dependency on the destination register, which
     * can chain every conversion to the previous division (4.5 against 1 ns per value in an
     * isolated loop; within the block decoder the difference is small but the form is exact). Instead {@code x} in [-2^51, 2^51) is added into the mantissa field of
     * 1.5 * 2^52, whose unit in the last place is 1, and 1.5 * 2^52 subtracted again: both
     * steps are exact. Mantissas outside that range (up to 2^53 are valid) are detected
     * without a branch per value and converted again the plain way.
     */
    private static void toDoubles(long[] m, int k, int scale, double[] out, int off) {
        long outOfRange = 0;
        for (int i = 0; i < k; i++) {
            long x = m[i];
            outOfRange |= (x + MAGIC_RANGE) >>> MAGIC_RANGE_BITS;
            out[off + i] = Double.longBitsToDouble(MAGIC_BITS + x) - MAGIC;
        }
        if (outOfRange != 0) {
            for (int i = 0; i < k; i++) {
                out[off + i] = (double) m[i];
            }
        }
        if (scale != 0) {
            double divisor = POW10[scale];
            for (int i = off, end = off + k; i < end; i++) {
                out[i] /= divisor;
            }
        }
    }

    static double decode(long mantissa, int scale) {
        return (double) mantissa / POW10[scale];
    }

    private long sizeOfStream(int mode, int scheme) {
        if (count < 2) {
            return 0;
        }
        long stream;
        if (mode == MODE_DELTA) {
            stream = scheme == StreamScheme.PACKED ? PackedWriter.size(deltaStream, 0, count - 1)
                    : streams.zeroRunSize(deltaStream, 0, count - 1, scheme);
            return stream;
        }
        stream = scheme == StreamScheme.PACKED ? PackedWriter.size(dodStream, 0, count - 2)
                : streams.zeroRunSize(dodStream, 0, count - 2, scheme);
        return stream + VarInts.varLongSize(VarInts.zigzag((mantissas[1] - mantissas[0]) / factor));
    }

    private void writeStream(int mode, int scheme, ByteSink out) {
        if (count < 2) {
            return;
        }
        if (mode == MODE_DELTA) {
            streams.write(scheme, deltaStream, 0, count - 1, out);
        } else {
            out.writeZigZag((mantissas[1] - mantissas[0]) / factor);
            streams.write(scheme, dodStream, 0, count - 2, out);
        }
    }

    /** Fills the stream of each mode from the mantissas and the common factor. */
    private void fillStreams() {
        long[] m = mantissas;
        long g = factor;
        for (int i = 1; i < count; i++) {
            deltaStream[i - 1] = (m[i] - m[i - 1]) / g;
        }
        for (int i = 2; i < count; i++) {
            dodStream[i - 2] = ((m[i] - m[i - 1]) - (m[i - 1] - m[i - 2])) / g;
        }
    }

    /**
     * Greatest common divisor of all mantissa deltas (1 if they are all zero). Deltas stay
     * within +-2^54, so they and their differences never overflow.
     */
    private long commonFactorOfDeltas() {
        long g = 0;
        for (int i = 1; i < count && g != 1; i++) {
            long d = Math.abs(mantissas[i] - mantissas[i - 1]);
            if (d != 0) {
                g = g == 0 ? d : gcd(g, d);
            }
        }
        return g == 0 ? 1 : g;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * Smallest scale k for which {@code v == m / 10^k} bit for bit with {@code |m| <= 2^53};
     * -1 if there is none. Leaves the mantissa in {@link #foundMantissa}.
     */
    private int findScale(double v) {
        if (Double.doubleToRawLongBits(v) == NEGATIVE_ZERO_BITS || !Double.isFinite(v)) {
            return -1; // m / 10^k can only produce +0.0 and finite values
        }
        for (int k = 0; k <= MAX_SCALE; k++) {
            double scaled = v * POW10[k];
            if (!(Math.abs(scaled) <= MAX_EXACT)) {
                return -1;
            }
            long m = (long) Math.rint(scaled);
            if ((double) m / POW10[k] == v) {
                foundMantissa = m;
                return k;
            }
        }
        return -1;
    }

    /** {@code m * 10^k} if its magnitude stays within 2^53, else Long.MIN_VALUE. */
    private static long rescale(long m, int k) {
        if (k == 0) {
            return m;
        }
        if (k >= POW10_LONG.length) {
            return m == 0 ? 0 : Long.MIN_VALUE;
        }
        long p = POW10_LONG[k];
        if (Math.abs(m) > MAX_EXACT_LONG / p) {
            return Long.MIN_VALUE;
        }
        return m * p;
    }
}
