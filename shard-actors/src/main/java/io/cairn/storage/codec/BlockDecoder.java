package io.cairn.storage.codec;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.cairn.storage.model.SampleBuffer;
import java.lang.ref.Cleaner;
import org.agrona.DirectBuffer;

/**
 * Decodes blocks written by {@link BlockEncoder}, appending their samples to a
 * {@link SampleBuffer}. Decoding validates structure as it goes (known encodings, counts and
 * lengths in range, every byte of the block consumed, no read past its end) and reports any
 * violation as {@link CorruptBlockException}; on failure nothing is appended.
 *
 * <p>Holds heap scratch space and one zstd decompression context (native, about 100 KB), reused
 * for every block: creating a context per block cost more than decompressing a small block.
 * The context is freed by a {@link Cleaner} once the decoder is unreachable, so instances may
 * still be cached per thread and simply dropped. Steady-state decoding allocates nothing. Not
 * thread-safe.
 */
public final class BlockDecoder {
    private static final Cleaner CLEANER = Cleaner.create();

    private final ZstdDecompressCtx zstd = new ZstdDecompressCtx();
    private byte[] copy = new byte[4096];
    private byte[] body = new byte[4096];
    private final ByteSource blockSource = new ByteSource();
    private final ByteSource bodySource = new ByteSource();
    private final StreamReader streams = new StreamReader();
    /** Decoded value-stream tokens of one block (the timestamp stream decodes in place). */
    private final long[] tokens = new long[BlockDescriptor.MAX_SAMPLES];
    private final BitReader bits = new BitReader();

    public BlockDecoder() {
        ZstdDecompressCtx ctx = zstd;
        CLEANER.register(this, ctx::close);
    }

    /**
     * Decodes the block in {@code src[off, off+len)} and appends its samples to {@code out}.
     *
     * @return the number of samples appended
     * @throws CorruptBlockException if the bytes are not a valid block
     */
    public int decode(byte[] src, int off, int len, SampleBuffer out) {
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
            in = decompress();
        } else {
            throw new CorruptBlockException("unknown block compression " + compression);
        }
        int base = out.reserve(n);
        TimestampCodec.decode(in, out.timestamps(), base, n, streams);
        double[] values = out.values();
        switch (valueEncoding) {
            case BlockDescriptor.VALUES_CONST:
                java.util.Arrays.fill(values, base, base + n, Double.longBitsToDouble(in.readLongLE()));
                break;
            case BlockDescriptor.VALUES_DECIMAL:
                DecimalValueCodec.decode(in, values, base, n, streams, tokens);
                break;
            case BlockDescriptor.VALUES_XOR:
                XorValueCodec.decode(in, values, base, n, bits);
                break;
            default:
                throw new CorruptBlockException("unknown value encoding " + valueEncoding);
        }
        if (in.remaining() != 0) {
            throw new CorruptBlockException(in.remaining() + " unused bytes after the value section");
        }
        out.commit(n);
        return n;
    }

    /** Copies the block out of {@code src} (e.g. a memory-mapped part) and decodes it. */
    public int decode(DirectBuffer src, int off, int len, SampleBuffer out) {
        if (copy.length < len) {
            copy = new byte[Math.max(len, copy.length * 2)];
        }
        src.getBytes(off, copy, 0, len);
        return decode(copy, 0, len, out);
    }

    private ByteSource decompress() {
        int bodyLength = blockSource.readVarIntBounded(BlockDescriptor.MAX_BODY_BYTES, "block body length");
        if (body.length < bodyLength + Long.BYTES) {
            // Slack after the body lets varint decoding read whole words up to its last byte.
            body = new byte[Math.max(bodyLength + Long.BYTES, body.length * 2)];
        }
        long result;
        try {
            result = zstd.decompressByteArray(body, 0, bodyLength,
                    blockSource.array(), blockSource.position(), blockSource.remaining());
        } catch (ZstdException e) {
            throw new CorruptBlockException("zstd: " + e.getMessage(), e);
        }
        if (result != bodyLength) {
            throw new CorruptBlockException("zstd body has " + result + " bytes, header says " + bodyLength);
        }
        blockSource.skip(blockSource.remaining());
        bodySource.wrap(body, 0, bodyLength);
        return bodySource;
    }
}
