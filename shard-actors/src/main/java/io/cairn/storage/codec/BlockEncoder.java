package io.cairn.storage.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * Encodes up to {@link BlockDescriptor#MAX_SAMPLES} samples of one series into the block
 * format of docs/format/block.md. Values are stored as CONST when every value has the same
 * bits, else as whichever of DECIMAL and XOR gives the smaller stored block, where each body
 * is zstd-compressed when that makes it smaller. Lossless bit for bit for any input, including NaN payloads,
 * infinities, -0.0 and unordered timestamps (part writers enforce ordering, not the codec).
 *
 * <p>Ownership: the encoded block lives in {@link #buffer()} until the next {@link #encode};
 * callers copy it out. Holds a native zstd context, so {@link #close()} it. Steady-state
 * encoding allocates nothing on the Java heap. Not thread-safe: one encoder per writer.
 */
public final class BlockEncoder implements AutoCloseable {
    /** zstd level used unless told otherwise: level 1 is within a few percent of 3 on blocks. */
    public static final int DEFAULT_ZSTD_LEVEL = 1;

    /** Bodies this small never shrink by more than the zstd frame overhead. */
    private static final int MIN_BODY_TO_COMPRESS = 32;

    /**
     * zstd is kept only when it saves at least 1/{@value} of the body. Decompression costs
     * about 3 ns per sample on a jittered-counter block (more than half of its decode time
     * with PACKED streams) and saves only a few percent there, because the streams are already
     * dense; range queries decode far more often than parts are written, so small savings are
     * not worth it.
     */
    private static final int MIN_SAVING_DIVISOR = 8;

    private final ZstdCompressCtx zstd;
    private final ByteSink timestamps = new ByteSink(4096);
    private final ByteSink values = new ByteSink(4096);
    private final ByteSink body = new ByteSink(4096);
    private final ByteSink compressed = new ByteSink(4096);
    private final ByteSink out = new ByteSink(4096);
    private final ByteSink alternative = new ByteSink(4096);
    private ByteSink chosen = out;
    private int chosenHeader;
    private final StreamWriter streams = new StreamWriter();
    private final BitWriter bits = new BitWriter();
    private final DecimalValueCodec decimal = new DecimalValueCodec(BlockDescriptor.MAX_SAMPLES);
    private boolean closed;

    /** An encoder that compresses with {@link #DEFAULT_ZSTD_LEVEL}. */
    public BlockEncoder() {
        this(DEFAULT_ZSTD_LEVEL);
    }

    /**
     * @param zstdLevel 0 to never compress, else a zstd level (1..3 are the sensible ones for
     *                  blocks: higher levels cost much more CPU for little gain)
     */
    public BlockEncoder(int zstdLevel) {
        if (zstdLevel < 0 || zstdLevel > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException(
                    "zstdLevel must be in [0, " + Zstd.maxCompressionLevel() + "]: " + zstdLevel);
        }
        if (zstdLevel == 0) {
            zstd = null;
        } else {
            zstd = new ZstdCompressCtx();
            zstd.setLevel(zstdLevel);
            zstd.setChecksum(false); // blocks carry CRC32C in the part index
            zstd.setContentSize(false); // the block stores the body length itself
        }
    }

    /**
     * Encodes {@code ts[off, off+n)} and {@code v[off, off+n)} as one block.
     *
     * @return the block's length in bytes; the bytes are {@code buffer()[0, length)}
     * @throws IllegalArgumentException if n is not in [1, MAX_SAMPLES] or the range is outside
     *                                  the arrays
     */
    public int encode(long[] ts, double[] v, int off, int n) {
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        if (n < 1 || n > BlockDescriptor.MAX_SAMPLES) {
            throw new IllegalArgumentException(
                    "block sample count must be in [1, " + BlockDescriptor.MAX_SAMPLES + "]: " + n);
        }
        if (off < 0 || off > ts.length - n || off > v.length - n) {
            throw new IllegalArgumentException(
                    "range [" + off + ", +" + n + ") outside columns of " + ts.length + "/" + v.length);
        }
        timestamps.reset();
        TimestampCodec.encode(ts, off, n, timestamps, streams);

        if (isConstant(v, off, n)) {
            values.reset();
            values.writeLongLE(Double.doubleToRawLongBits(v[off]));
            chosenHeader = store(BlockDescriptor.VALUES_CONST, n, values, out);
            chosen = out;
            return chosen.length();
        }
        values.reset();
        XorValueCodec.encode(v, off, n, values, bits);
        chosenHeader = store(BlockDescriptor.VALUES_XOR, n, values, out);
        chosen = out;
        if (decimal.analyse(v, off, n)) {
            // Decide on the stored size: zstd shrinks the byte-aligned decimal streams far more
            // than the bit-packed XOR stream, so comparing raw sizes would often pick wrong.
            values.reset();
            decimal.encode(v, off, values);
            int header = store(BlockDescriptor.VALUES_DECIMAL, n, values, alternative);
            if (alternative.length() <= out.length()) {
                chosenHeader = header;
                chosen = alternative;
            }
        }
        return chosen.length();
    }

    /** The last encoded block, valid in {@code [0, length())}; overwritten by the next encode. */
    public byte[] buffer() {
        return chosen.array();
    }

    public int length() {
        return chosen.length();
    }

    /** Header byte of the last encoded block (compression and value encoding). */
    public int header() {
        return chosenHeader;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (zstd != null) {
                zstd.close();
            }
        }
    }

    private static boolean isConstant(double[] v, int off, int n) {
        long first = Double.doubleToRawLongBits(v[off]);
        for (int i = off + 1, end = off + n; i < end; i++) {
            if (Double.doubleToRawLongBits(v[i]) != first) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the stored form of the block whose body is the timestamp section followed by
     * {@code valueSection} into {@code dest}: compressed if that is smaller. Returns the header.
     */
    private int store(int valueEncoding, int n, ByteSink valueSection, ByteSink dest) {
        body.reset();
        body.writeBytes(timestamps.array(), 0, timestamps.length());
        body.writeBytes(valueSection.array(), 0, valueSection.length());
        dest.reset();
        int header;
        if (zstd != null && body.length() >= MIN_BODY_TO_COMPRESS && compressBody()) {
            header = BlockDescriptor.header(BlockDescriptor.COMPRESSION_ZSTD, valueEncoding);
            dest.writeByte(header);
            dest.writeVarLong(n);
            dest.writeVarLong(body.length());
            dest.writeBytes(compressed.array(), 0, compressed.length());
        } else {
            header = BlockDescriptor.header(BlockDescriptor.COMPRESSION_NONE, valueEncoding);
            dest.writeByte(header);
            dest.writeVarLong(n);
            dest.writeBytes(body.array(), 0, body.length());
        }
        return header;
    }

    /**
     * Compresses the body into {@link #compressed}; true if that is worth keeping (saves at
     * least 1/{@link #MIN_SAVING_DIVISOR} of the body).
     */
    private boolean compressBody() {
        int bound = (int) Zstd.compressBound(body.length());
        compressed.reset();
        compressed.ensureRemaining(bound);
        int len = zstd.compressByteArray(compressed.array(), 0, bound, body.array(), 0, body.length());
        compressed.setLength(len);
        int stored = len + VarInts.varLongSize(body.length());
        return stored <= body.length() - body.length() / MIN_SAVING_DIVISOR;
    }
}
