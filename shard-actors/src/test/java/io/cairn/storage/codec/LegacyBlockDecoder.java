package io.cairn.storage.codec;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.cairn.storage.model.SampleBuffer;
import java.util.Arrays;

/**
 * Test oracle: the straightforward per-token block decoder that shipped before the bulk
 * decoders (ZeroRunReader.read, VarLongWords). Kept verbatim in behaviour, slow on purpose:
 * one checked ByteSource call per varint, one reader call per zero-run value, one division per
 * value. {@link DecoderEquivalenceTest} requires the production decoder to agree with it bit
 * for bit on valid blocks and on accept/reject of damaged ones. Extended with the PACKED
 * stream scheme in the same spirit: one bit at a time, straight from docs/format/block.md.
 */
final class LegacyBlockDecoder implements AutoCloseable {
    private static final double[] POW10 = new double[DecimalValueCodec.MAX_SCALE + 1];

    static {
        double d = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = d; // exact up to 10^22
            d *= 10;
        }
    }

    private final ZstdDecompressCtx zstd = new ZstdDecompressCtx();
    private final ByteSource blockSource = new ByteSource();
    private final ByteSource bodySource = new ByteSource();
    private final TokenReader zr = new TokenReader();
    private final BitReader bits = new BitReader();

    int decode(byte[] src, int off, int len, SampleBuffer out) {
        blockSource.wrap(src, off, len);
        int header = blockSource.readUnsignedByte();
        int compression = BlockDescriptor.compression(header);
        int valueEncoding = BlockDescriptor.valueEncoding(header);
        int n = blockSource.readVarIntBounded(BlockDescriptor.MAX_SAMPLES, "block sample count");
        if (n == 0) {
            throw new CorruptBlockException("block sample count is 0");
        }
        ByteSource in;
        if (compression == BlockDescriptor.COMPRESSION_NONE) {
            in = blockSource;
        } else if (compression == BlockDescriptor.COMPRESSION_ZSTD) {
            int bodyLength = blockSource.readVarIntBounded(BlockDescriptor.MAX_BODY_BYTES, "block body length");
            byte[] body = new byte[bodyLength];
            long result;
            try {
                result = zstd.decompressByteArray(body, 0, bodyLength,
                        blockSource.array(), blockSource.position(), blockSource.remaining());
            } catch (ZstdException e) {
                throw new CorruptBlockException("zstd: " + e.getMessage(), e);
            }
            if (result != bodyLength) {
                throw new CorruptBlockException("zstd body length");
            }
            bodySource.wrap(body, 0, bodyLength);
            in = bodySource;
        } else {
            throw new CorruptBlockException("unknown block compression " + compression);
        }
        long[] ts = new long[n];
        double[] values = new double[n];
        timestamps(in, ts, n);
        switch (valueEncoding) {
            case BlockDescriptor.VALUES_CONST:
                Arrays.fill(values, Double.longBitsToDouble(in.readLongLE()));
                break;
            case BlockDescriptor.VALUES_DECIMAL:
                decimals(in, values, n);
                break;
            case BlockDescriptor.VALUES_XOR:
                XorValueCodec.decode(in, values, 0, n, bits);
                break;
            default:
                throw new CorruptBlockException("unknown value encoding " + valueEncoding);
        }
        if (in.remaining() != 0) {
            throw new CorruptBlockException("unused bytes");
        }
        out.append(ts, values, 0, n);
        return n;
    }

    @Override
    public void close() {
        zstd.close();
    }

    private void timestamps(ByteSource in, long[] out, int n) {
        long t = in.readZigZag();
        out[0] = t;
        if (n == 1) {
            return;
        }
        long delta = in.readZigZag();
        t += delta;
        out[1] = t;
        if (n == 2) {
            return;
        }
        zr.begin(in, in.readUnsignedByte(), n - 2);
        for (int i = 2; i < n; i++) {
            delta += zr.next();
            t += delta;
            out[i] = t;
        }
        zr.end();
    }

    private void decimals(ByteSource in, double[] out, int n) {
        int scale = in.readUnsignedByte();
        if (scale > DecimalValueCodec.MAX_SCALE) {
            throw new CorruptBlockException("scale");
        }
        int modeByte = in.readUnsignedByte();
        long m = in.readZigZag();
        out[0] = (double) m / POW10[scale];
        long g = 1;
        if (n > 1) {
            g = in.readVarLong();
            if (g <= 0) {
                throw new CorruptBlockException("factor");
            }
        }
        if (modeByte > 5) {
            throw new CorruptBlockException("mode");
        }
        double divisor = POW10[scale];
        if (n > 1) {
            long delta = 0;
            int first = 1;
            if ((modeByte & 1) == 1) {
                delta = in.readZigZag() * g;
                m += delta;
                out[1] = (double) m / divisor;
                first = 2;
            }
            zr.begin(in, modeByte >>> 1, n - first);
            for (int i = first; i < n; i++) {
                if ((modeByte & 1) == 1) {
                    delta += zr.next() * g;
                    m += delta;
                } else {
                    m += zr.next() * g;
                }
                out[i] = (double) m / divisor;
            }
            zr.end();
        }
        int exceptions = in.readVarIntBounded(n, "exceptions");
        int pos = -1;
        for (int e = 0; e < exceptions; e++) {
            long gap = in.readVarLong();
            if (gap < 0 || gap >= n - pos - 1) {
                throw new CorruptBlockException("gap");
            }
            pos += (int) gap + 1;
            out[pos] = Double.longBitsToDouble(in.readLongLE());
        }
    }

    /** One value per call from a zero-run token stream. */
    private static final class TokenReader {
        private ByteSource src;
        private boolean tagged;
        private boolean packed;
        private long zerosLeft;
        private int valuesLeft;
        private int frameLeft;
        private int width;
        private int bitInByte = 8;
        private int currentByte;

        void begin(ByteSource source, int scheme, int values) {
            if (scheme != 0 && scheme != 1 && scheme != 2) {
                throw new CorruptBlockException("scheme");
            }
            src = source;
            tagged = scheme == 1;
            packed = scheme == 2;
            zerosLeft = 0;
            valuesLeft = values;
            frameLeft = 0;
            bitInByte = 8;
        }

        long next() {
            if (packed) {
                return nextPacked();
            }
            if (zerosLeft > 0) {
                zerosLeft--;
                return 0;
            }
            long token = src.readVarLong();
            if (!tagged) {
                if (token != 0) {
                    return VarInts.unzigzag(token);
                }
                long runMinusOne = src.readVarLong();
                if (runMinusOne < 0) {
                    throw new CorruptBlockException("run");
                }
                zerosLeft = runMinusOne;
                return 0;
            }
            if ((token & 1) == 0) {
                return VarInts.unzigzag(token >>> 1);
            }
            long run = token >>> 1;
            if (run == 0) {
                return VarInts.unzigzag(src.readVarLong());
            }
            if (run == 1) {
                throw new CorruptBlockException("run 1");
            }
            zerosLeft = run - 1;
            return 0;
        }

        void end() {
            if (zerosLeft != 0) {
                throw new CorruptBlockException("run past block");
            }
            if (packed) {
                endFrame();
            }
        }

        private long nextPacked() {
            if (frameLeft == 0) {
                endFrame();
                width = src.readUnsignedByte();
                if (width > 64) {
                    throw new CorruptBlockException("width");
                }
                frameLeft = Math.min(64, valuesLeft);
                bitInByte = 8; // frames start on a byte boundary
            }
            frameLeft--;
            valuesLeft--;
            long z = 0;
            for (int b = 0; b < width; b++) {
                if (bitInByte == 8) {
                    currentByte = src.readUnsignedByte();
                    bitInByte = 0;
                }
                z |= (long) ((currentByte >>> bitInByte++) & 1) << b;
            }
            return VarInts.unzigzag(z);
        }

        /** The bits after a frame's last value, up to its byte boundary, must be zero. */
        private void endFrame() {
            if (bitInByte < 8 && (currentByte >>> bitInByte) != 0) {
                throw new CorruptBlockException("padding");
            }
            bitInByte = 8;
        }
    }
}
